/**
 * The auth-event history of threat protection through the SDK v3: AdminListUserAuthEvents filled by
 * real sign-ins (password, MFA), sign-ups, resends, resets and password changes; newest first, paged;
 * AdminUpdateAuthEventFeedback and UpdateAuthEventFeedback; UserPoolAddOnNotEnabledException where
 * threat protection is off; threat protection only on the Plus tier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ChangePasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateAuthEventFeedbackCommand,
  type AuthEventType,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { THREAT_PROTECTION_LITE_REFUSAL } from '../../src/domain/userPools.js';
import { freshCode, userWithVerifiedToken, wrongCode } from '../support/mfaUsers.js';

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk, { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }));
});
afterAll(() => t.close());

const expectError = (command: unknown, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const events = async (Username: string, MaxResults?: number, NextToken?: string) =>
  t.sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: userPoolId, Username, MaxResults, NextToken }));
/** The events in the order listed, as [EventType, EventResponse, "Password:Success,Mfa:Failure"]. */
const summary = (list: AuthEventType[] | undefined) =>
  (list ?? []).map((e) => [e.EventType, e.EventResponse, (e.ChallengeResponses ?? []).map((c) => `${c.ChallengeName}:${c.ChallengeResponse}`).join(',')]);
const passwordAuth = (USERNAME: string, PASSWORD: string) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));

async function signedUp(username: string) {
  await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
}

describe('AdminListUserAuthEvents', () => {
  it('lists sign-up, resend, failed and passed sign-ins newest first, in Cognito\'s shape; the EventId is the tokens\' event_id', async () => {
    await signedUp('amy');
    await t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'amy' }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'amy' }));
    await expect(passwordAuth('amy', 'Wr0ng-pass!')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const tokens = (await passwordAuth('amy', PASSWORD)).AuthenticationResult!;

    const listed = await events('amy');
    expect(summary(listed.AuthEvents)).toEqual([
      ['SignIn', 'Pass', 'Password:Success'],
      ['SignIn', 'Fail', 'Password:Failure'],
      ['ResendCode', 'Pass', ''],
      ['SignUp', 'Pass', ''],
    ]);
    expect(listed.NextToken).toBeUndefined();
    const passed = listed.AuthEvents![0];
    expect(passed.EventId).toBe(claims(tokens.AccessToken!).event_id);
    expect(passed.EventId).toBe(claims(tokens.IdToken!).event_id);
    expect(passed.EventRisk).toEqual({ RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false });
    expect(passed.EventContextData).toEqual({ IpAddress: '127.0.0.1' });
    expect(passed.CreationDate).toBeInstanceOf(Date);
    expect(passed.EventFeedback).toBeUndefined();
  });

  it('an MFA sign-in is InProgress at the challenge, notes a wrong code, and passes with Mfa Success', async () => {
    const mfa = await createPoolAndClient(t.sdk, { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: mfa.userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' }));
    const { accessToken, secretCode } = await userWithVerifiedToken(t, mfa.clientId, mfa.userPoolId, 'bo');
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const list = async () => summary((await t.sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: mfa.userPoolId, Username: 'bo' }))).AuthEvents);

    const started = await t.sdk.send(new InitiateAuthCommand({ ClientId: mfa.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bo', PASSWORD } }));
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((await list())[0]).toEqual(['SignIn', 'InProgress', 'Password:Success']);
    const answer = (code: string) =>
      t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: mfa.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: started.Session, ChallengeResponses: { USERNAME: 'bo', SOFTWARE_TOKEN_MFA_CODE: code } }));
    await expect(answer(wrongCode(t, secretCode))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    expect((await list())[0]).toEqual(['SignIn', 'InProgress', 'Password:Success,Mfa:Failure']);
    const done = await answer(await freshCode(t, secretCode));
    const listed = await list();
    expect(listed[0]).toEqual(['SignIn', 'Pass', 'Password:Success,Mfa:Success']);
    // One event per sign-in: before it, the sign-in that set MFA up, and the sign-up.
    expect(listed.map((e) => e.slice(0, 2))).toEqual([['SignIn', 'Pass'], ['SignIn', 'Pass'], ['SignUp', 'Pass']]);
    const newest = (await t.sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: mfa.userPoolId, Username: 'bo', MaxResults: 1 }))).AuthEvents![0];
    expect(newest.EventId).toBe(claims(done.AuthenticationResult!.AccessToken!).event_id);
  });

  it('logs password changes and resets', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'cal', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'cal@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'cal', Password: PASSWORD, Permanent: true }));
    const { AccessToken } = (await passwordAuth('cal', PASSWORD)).AuthenticationResult!;
    await expect(t.sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wr0ng-pass!', ProposedPassword: 'N3w-Passw0rd' }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await t.sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'N3w-Passw0rd' }));
    await t.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'cal' }));
    const code = (await (await fetch(`${t.url}/_kognito/code?userPoolId=${userPoolId}&username=cal`)).text()).trim();
    await t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'cal', ConfirmationCode: code, Password: 'Th1rd-Passw0rd' }));
    // Administrators' own calls (AdminCreateUser, AdminSetUserPassword) log nothing.
    expect(summary((await events('cal')).AuthEvents)).toEqual([
      ['PasswordChange', 'Pass', ''],
      ['ForgotPassword', 'Pass', ''],
      ['PasswordChange', 'Pass', ''],
      ['PasswordChange', 'Fail', ''],
      ['SignIn', 'Pass', 'Password:Success'],
    ]);
  });

  it('pages with MaxResults and a NextToken of the form <EventId>#<ISO date>, each event once', async () => {
    await signedUp('dot');
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'dot' }));
    for (let i = 0; i < 4; i++) await passwordAuth('dot', PASSWORD);
    const all = (await events('dot')).AuthEvents!.map((e) => e.EventId);
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await events('dot', 2, token);
      seen.push(...page.AuthEvents!.map((e) => e.EventId!));
      token = page.NextToken;
      if (token) expect(token).toMatch(/^[0-9a-f-]{36}#\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    } while (token);
    expect(seen).toEqual(all);
    await expectError(new AdminListUserAuthEventsCommand({ UserPoolId: userPoolId, Username: 'dot', NextToken: 'garbage' }), 'InvalidParameterException', 'Invalid pagination token.');
  });

  it('answers an unknown user, and a pool without threat protection, as AWS does', async () => {
    await expectError(new AdminListUserAuthEventsCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    const plain = await createPoolAndClient(t.sdk);
    await expectError(new AdminListUserAuthEventsCommand({ UserPoolId: plain.userPoolId, Username: 'anyone' }), 'UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
    await expectError(
      new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: plain.userPoolId, Username: 'anyone', EventId: 'e1', FeedbackValue: 'Valid' }),
      'UserPoolAddOnNotEnabledException',
      'Advanced security features are not enabled for this user pool.',
    );
    // Nothing is recorded while it is off.
    await t.sdk.send(new SignUpCommand({ ClientId: plain.clientId, Username: 'eli', Password: PASSWORD }));
    expect(t.server.ctx.store.authEvents.listForUser(plain.userPoolId, 'eli', undefined, 10)).toEqual([]);
  });
});

describe('AdminUpdateAuthEventFeedback and UpdateAuthEventFeedback', () => {
  it('record the feedback (Provider Admin / User); the user needs the event\'s FeedbackToken', async () => {
    await signedUp('fin');
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'fin' }));
    await passwordAuth('fin', PASSWORD);
    const [signIn, signUp] = (await events('fin')).AuthEvents!;

    await t.sdk.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'fin', EventId: signIn.EventId, FeedbackValue: 'Invalid' }));
    const feedback = (await events('fin')).AuthEvents![0].EventFeedback!;
    expect(feedback).toMatchObject({ FeedbackValue: 'Invalid', Provider: 'Admin' });
    expect(feedback.FeedbackDate).toBeInstanceOf(Date);

    const shown = (await (await fetch(`${t.url}/_kognito/auth-events?userPoolId=${userPoolId}&username=fin`)).json()) as { events: { EventId: string; FeedbackToken: string }[] };
    const token = shown.events.find((e) => e.EventId === signUp.EventId)!.FeedbackToken;
    await expectError(
      new UpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'fin', EventId: signUp.EventId, FeedbackToken: 'not-the-token', FeedbackValue: 'Valid' }),
      'NotAuthorizedException',
      'Invalid feedback token.',
    );
    await t.sdk.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'fin', EventId: signUp.EventId, FeedbackToken: token, FeedbackValue: 'Valid' }));
    expect((await events('fin')).AuthEvents![1].EventFeedback).toMatchObject({ FeedbackValue: 'Valid', Provider: 'User' });
  });

  it('refuse an event that is not the user\'s', async () => {
    await expectError(
      new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'fin', EventId: 'no-such-event', FeedbackValue: 'Valid' }),
      'ResourceNotFoundException',
      'Auth event not found.',
    );
    const amys = (await events('amy')).AuthEvents![0].EventId!;
    await expectError(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'fin', EventId: amys, FeedbackValue: 'Valid' }), 'ResourceNotFoundException', 'Auth event not found.');
    await expectError(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: userPoolId, Username: 'ghost', EventId: amys, FeedbackValue: 'Valid' }), 'UserNotFoundException', 'User does not exist.');
  });
});

describe('threat protection is a Plus feature (UserPoolTier)', () => {
  const refusal = (tier: string) => ({
    status: 400,
    type: 'FeatureUnavailableInTierException',
    message: `The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`,
  });
  const wire = async (operation: string, body: Record<string, unknown>) => {
    const { status, body: answer } = await call(t.url, operation, body);
    return { status, type: answer.__type, message: answer.message };
  };
  const pools = async () => (await call(t.url, 'ListUserPools', { MaxResults: 60 })).body.UserPools.length;

  it('CreateUserPool refuses AUDIT and ENFORCED on the default tier (ESSENTIALS) and on LITE, creating nothing; PLUS takes them', async () => {
    const before = await pools();
    for (const AdvancedSecurityMode of ['AUDIT', 'ENFORCED']) {
      expect(await wire('CreateUserPool', { PoolName: 'tp', UserPoolAddOns: { AdvancedSecurityMode } })).toEqual(refusal('ESSENTIALS'));
      expect(await wire('CreateUserPool', { PoolName: 'tp', UserPoolTier: 'ESSENTIALS', UserPoolAddOns: { AdvancedSecurityMode } })).toEqual(refusal('ESSENTIALS'));
      expect(await wire('CreateUserPool', { PoolName: 'tp', UserPoolTier: 'LITE', UserPoolAddOns: { AdvancedSecurityMode } })).toEqual({
        ...refusal('LITE'),
        message: THREAT_PROTECTION_LITE_REFUSAL,
      });
    }
    expect(await pools()).toBe(before);
    const plus = await call(t.url, 'CreateUserPool', { PoolName: 'tp', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    expect(plus.status).toBe(200);
    expect(plus.body.UserPool.UserPoolTier).toBe('PLUS');
    expect(plus.body.UserPool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    // OFF is no feature: any tier takes it.
    expect((await call(t.url, 'CreateUserPool', { PoolName: 'tp', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } })).status).toBe(200);
  });

  it('UpdateUserPool refuses it on an ESSENTIALS pool and leaves the pool as it was; moving the pool to PLUS takes it', async () => {
    const plain = await createPoolAndClient(t.sdk);
    const described = async () => (await call(t.url, 'DescribeUserPool', { UserPoolId: plain.userPoolId })).body.UserPool;
    const before = await described();
    expect(await wire('UpdateUserPool', { UserPoolId: plain.userPoolId, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } })).toEqual(refusal('ESSENTIALS'));
    expect(await described()).toEqual(before);
    expect(await wire('UpdateUserPool', { UserPoolId: plain.userPoolId, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } })).toEqual({
      status: 200,
      type: undefined,
      message: undefined,
    });
    const after = await described();
    expect([after.UserPoolTier, after.UserPoolAddOns]).toEqual(['PLUS', { AdvancedSecurityMode: 'AUDIT' }]);
    // An update leaving UserPoolTier out keeps the tier (every other setting left out goes back to its default).
    expect((await call(t.url, 'UpdateUserPool', { UserPoolId: plain.userPoolId, UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })).status).toBe(200);
    expect((await described()).UserPoolTier).toBe('PLUS');
  });
});
