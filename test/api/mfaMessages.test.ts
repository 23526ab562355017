/**
 * SMS and email MFA through the SDK v3 against a listening kognito: SetUserPoolMfaConfig's rules,
 * SMS_MFA and EMAIL_OTP at sign-in (codes in the outbox, one per sign-in, spent once, the Session's
 * lifetime, attempts), SELECT_MFA_TYPE offering every factor, MFA ON with what the user has, email
 * set up during MFA_SETUP, the legacy SetUserSettings, and a remembered device sparing the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  ConfirmDeviceCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  SignUpCommand,
  AdminConfirmSignUpCommand,
  UpdateDeviceStatusCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, expectSdkError, messages, startServer, type TestServer } from '../support/server.js';
import { MFA_POOL_NEEDS_PHONE_AUTO_VERIFICATION } from '../../src/domain/mfa.js';
import { PASSWORD, confirmedUser, failure, passwordSignIn, userWithVerifiedToken } from '../support/mfaUsers.js';
import { generateDeviceVerifier } from '../support/srpClient.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const SMS = { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'kognito' } };
const SES = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' } };
const INVALID_CODE = 'Invalid code or auth state for the user.';

const respond = (clientId: string, ChallengeName: ChallengeNameType, Session: string | undefined, ChallengeResponses: Record<string, string>) =>
  t.sdk.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses }));

/** A pool offering the given factors in the given mode (email: SES sending, so email MFA is allowed). */
async function mfaPool(mode: 'ON' | 'OPTIONAL', factors: { sms?: boolean; totp?: boolean; email?: boolean }, pool: Record<string, unknown> = {}) {
  const ids = await createPoolAndClient(t.sdk, { ...(factors.email ? SES : {}), ...pool });
  await t.sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: ids.userPoolId,
      MfaConfiguration: mode,
      ...(factors.sms ? { SmsMfaConfiguration: SMS } : {}),
      ...(factors.totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
      ...(factors.email ? { EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' } } : {}),
    }),
  );
  return ids;
}

/** The MFA codes the pool "sent" the user, newest last. */
async function mfaCodes(userPoolId: string, username: string) {
  return (await messages(t.url, userPoolId, username)).filter((m) => m.kind === 'AUTHENTICATION');
}
const lastMfaCode = async (userPoolId: string, username: string) => (await mfaCodes(userPoolId, username)).at(-1)!.code;

const attribute = async (userPoolId: string, username: string, name: string) =>
  (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserAttributes!.find((a) => a.Name === name)?.Value;

describe('CreateUserPool with MFA ON or OPTIONAL', () => {
  const REFUSAL = {
    status: 400,
    type: 'InvalidParameterException',
    message: 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
  };
  const create = async (body: Record<string, unknown>) => {
    const { status, body: answer } = await call(t.url, 'CreateUserPool', { PoolName: 'mfa', ...body });
    return { status, type: answer.__type, message: answer.message, mode: answer.UserPool?.MfaConfiguration };
  };
  const poolCount = async () => (await call(t.url, 'ListUserPools', { MaxResults: 60 })).body.UserPools.length;

  it('refuses a pool without SmsConfiguration (its only factor at creation would be SMS) and creates nothing', async () => {
    const before = await poolCount();
    for (const MfaConfiguration of ['ON', 'OPTIONAL']) {
      expect(await create({ MfaConfiguration })).toEqual({ ...REFUSAL, mode: undefined });
      expect(await create({ MfaConfiguration, AutoVerifiedAttributes: ['phone_number', 'email'] })).toEqual({ ...REFUSAL, mode: undefined });
    }
    expect(await poolCount()).toBe(before);
  });

  it('takes one with SmsConfiguration, and OFF without; phone_number auto-verification as MFA_POOL_NEEDS_PHONE_AUTO_VERIFICATION says', async () => {
    const ok = (mode: string) => ({ status: 200, type: undefined, message: undefined, mode });
    expect(await create({ MfaConfiguration: 'ON', AutoVerifiedAttributes: ['phone_number'], ...SMS })).toEqual(ok('ON'));
    expect(await create({ MfaConfiguration: 'OFF' })).toEqual(ok('OFF'));
    expect(await create({ MfaConfiguration: 'OPTIONAL', AutoVerifiedAttributes: ['email'], ...SMS })).toEqual(
      MFA_POOL_NEEDS_PHONE_AUTO_VERIFICATION ? { ...REFUSAL, mode: undefined } : ok('OPTIONAL'),
    );
  });

  it('leaves TOTP-only MFA to SetUserPoolMfaConfig after creation, and UpdateUserPool keeps such a pool ON without SmsConfiguration', async () => {
    const { userPoolId } = await mfaPool('ON', { totp: true });
    const updated = await call(t.url, 'UpdateUserPool', { UserPoolId: userPoolId, MfaConfiguration: 'ON', AutoVerifiedAttributes: ['email'] });
    expect(updated.status).toBe(200);
    expect(await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }))).toMatchObject({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
  });
});

describe('SetUserPoolMfaConfig', () => {
  it('states the whole configuration: sections left out are off, the mode is kept when left out', async () => {
    const { userPoolId } = await mfaPool('OPTIONAL', { sms: true, totp: true });
    expect(await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }))).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: SMS,
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const smsOnly = await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, SmsMfaConfiguration: SMS }));
    expect(smsOnly.MfaConfiguration).toBe('OPTIONAL');
    expect(smsOnly.SoftwareTokenMfaConfiguration).toBeUndefined();
    const got = await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
    expect(got.SoftwareTokenMfaConfiguration).toBeUndefined();
    expect(got.SmsMfaConfiguration).toEqual(SMS);
  });

  it("refuses OFF with a factor and ON/OPTIONAL with none, in AWS's words, changing nothing", async () => {
    const { userPoolId } = await mfaPool('OPTIONAL', { totp: true });
    const offWith = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";
    await expectSdkError(t.sdk, new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OFF', SmsMfaConfiguration: SMS }), 'InvalidParameterException', offWith);
    await expectSdkError(
      t.sdk,
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } }),
      'InvalidParameterException',
      offWith,
    );
    // OFF before the email requirements: measured on a pool without SES.
    await expectSdkError(t.sdk, new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OFF', EmailMfaConfiguration: {} }), 'InvalidParameterException', offWith);
    await expectSdkError(
      t.sdk,
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: false } }),
      'InvalidParameterException',
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
    expect(await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }))).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    // OFF alone, or with TOTP switched off, is fine.
    const off = await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } }));
    expect(off.MfaConfiguration).toBe('OFF');
  });

  it('email MFA needs the Essentials plan and email sent through SES', async () => {
    const lite = await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'lite', UserPoolTier: 'LITE', ...SES } as any));
    await expectSdkError(
      t.sdk,
      new SetUserPoolMfaConfigCommand({ UserPoolId: lite.UserPool!.Id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} }),
      'FeatureUnavailableInTierException',
      'The following feature is not available for the LITE pricing tier configured: Email MFA',
    );
    const { userPoolId } = await createPoolAndClient(t.sdk); // COGNITO_DEFAULT email
    await expectSdkError(
      t.sdk,
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} }),
      'InvalidParameterException',
      'Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT.Update the value of EmailSendingAccount',
    );
    const { userPoolId: withSes } = await mfaPool('OPTIONAL', { email: true });
    expect((await t.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: withSes }))).EmailMfaConfiguration).toEqual({ Subject: 'Your code', Message: 'Your code is {####}' });
  });
});

describe('SMS_MFA at sign-in', () => {
  it('sends a code to the (unverified) phone, says where, accepts it once; the phone is verified after', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true });
    await confirmedUser(t, userPoolId, clientId, 'sam', { phone_number: '+15555550123' });
    expect(await attribute(userPoolId, 'sam', 'phone_number_verified')).toBeUndefined();
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'sam', SMSMfaSettings: { Enabled: true } }));

    const challenged = await passwordSignIn(t, clientId, 'sam');
    expect(challenged.ChallengeName).toBe('SMS_MFA');
    expect(challenged.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USER_ID_FOR_SRP: 'sam' });
    const [sent] = await mfaCodes(userPoolId, 'sam');
    expect(sent).toMatchObject({ deliveryMedium: 'SMS', destination: '+15555550123' });
    expect(sent.code).toMatch(/^\d{6}$/);

    const wrong = sent.code === '000000' ? '111111' : '000000';
    expect(await failure(respond(clientId, 'SMS_MFA', challenged.Session, { USERNAME: 'sam', SMS_MFA_CODE: wrong }))).toMatchObject({
      name: 'CodeMismatchException',
      message: INVALID_CODE,
      status: 400,
    });
    // The same Session takes the right code after a wrong one.
    const done = await respond(clientId, 'SMS_MFA', challenged.Session, { USERNAME: 'sam', SMS_MFA_CODE: sent.code });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(done.ChallengeParameters).toEqual({});
    expect(await attribute(userPoolId, 'sam', 'phone_number_verified')).toBe('true');
    // Spent: the same answer again finds no sign-in.
    expect(await failure(respond(clientId, 'SMS_MFA', challenged.Session, { USERNAME: 'sam', SMS_MFA_CODE: sent.code }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('each sign-in sends its own code: an earlier one does not answer a later sign-in', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true });
    await confirmedUser(t, userPoolId, clientId, 'sid', { phone_number: '+15555550124' });
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'sid', SMSMfaSettings: { Enabled: true } }));
    const first = await passwordSignIn(t, clientId, 'sid');
    const firstCode = await lastMfaCode(userPoolId, 'sid');
    const second = await passwordSignIn(t, clientId, 'sid');
    const secondCode = await lastMfaCode(userPoolId, 'sid');
    expect(await mfaCodes(userPoolId, 'sid')).toHaveLength(2);
    if (firstCode !== secondCode) {
      expect(await failure(respond(clientId, 'SMS_MFA', second.Session, { USERNAME: 'sid', SMS_MFA_CODE: firstCode }))).toMatchObject({ name: 'CodeMismatchException' });
    }
    await expect(respond(clientId, 'SMS_MFA', second.Session, { USERNAME: 'sid', SMS_MFA_CODE: secondCode })).resolves.toHaveProperty('AuthenticationResult');
    await expect(respond(clientId, 'SMS_MFA', first.Session, { USERNAME: 'sid', SMS_MFA_CODE: firstCode })).resolves.toHaveProperty('AuthenticationResult');
  });

  it('the code lives as long as the Session; five wrong codes spend it; the code must be given', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true });
    await confirmedUser(t, userPoolId, clientId, 'sue', { phone_number: '+15555550125' });
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'sue', SMSMfaSettings: { Enabled: true } }));

    const missing = await passwordSignIn(t, clientId, 'sue');
    expect(await failure(respond(clientId, 'SMS_MFA', missing.Session, { USERNAME: 'sue' }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SMS_MFA_CODE',
    });

    const late = await passwordSignIn(t, clientId, 'sue');
    const lateCode = await lastMfaCode(userPoolId, 'sue');
    await advanceClock(t.url, 3 * 60 + 1);
    expect(await failure(respond(clientId, 'SMS_MFA', late.Session, { USERNAME: 'sue', SMS_MFA_CODE: lateCode }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });

    const guessed = await passwordSignIn(t, clientId, 'sue');
    const code = await lastMfaCode(userPoolId, 'sue');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await failure(respond(clientId, 'SMS_MFA', guessed.Session, { USERNAME: 'sue', SMS_MFA_CODE: wrong }))).name).toBe('CodeMismatchException');
    }
    expect(await failure(respond(clientId, 'SMS_MFA', guessed.Session, { USERNAME: 'sue', SMS_MFA_CODE: code }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });
});

describe('EMAIL_OTP at sign-in', () => {
  it('sends a code to the email, accepts it, and the email is verified after', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { email: true });
    await confirmedUser(t, userPoolId, clientId, 'eve');
    const signedIn = await passwordSignIn(t, clientId, 'eve');
    await t.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken }));
    expect(user).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
    expect(user.MFAOptions).toBeUndefined();

    const challenged = await passwordSignIn(t, clientId, 'eve');
    expect(challenged.ChallengeName).toBe('EMAIL_OTP');
    expect(challenged.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'e***@e***', USER_ID_FOR_SRP: 'eve' });
    const [sent] = await mfaCodes(userPoolId, 'eve');
    expect(sent).toMatchObject({ deliveryMedium: 'EMAIL', destination: 'eve@example.com' });
    expect(await failure(respond(clientId, 'EMAIL_OTP', challenged.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: 'abc' }))).toMatchObject({ name: 'CodeMismatchException', message: INVALID_CODE });
    const done = await respond(clientId, 'EMAIL_OTP', challenged.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: sent.code });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    expect(await attribute(userPoolId, 'eve', 'email_verified')).toBe('true');
  });

  it('a factor needs its address: no phone, no SMS; no email, no EMAIL_OTP', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { email: true, sms: true });
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'noone', Password: PASSWORD }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'noone' }));
    await expectSdkError(
      t.sdk,
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'noone', EmailMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      'User does not have delivery config set to turn on EMAIL_OTP',
    );
    await expectSdkError(
      t.sdk,
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'noone', SMSMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA',
    );
  });

  it('one factor at most is preferred: a request preferring two is refused and changes nothing', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { email: true, sms: true });
    await confirmedUser(t, userPoolId, clientId, 'two', { phone_number: '+15555550130' });
    await expectSdkError(
      t.sdk,
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: userPoolId,
        Username: 'two',
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
      'InvalidParameterException',
      'Only one MFA method can be preferred.',
    );
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'two' }))).UserMFASettingList).toBeUndefined();
  });
});

describe('SELECT_MFA_TYPE and required MFA', () => {
  it('offers every factor the user has; the chosen SMS or email factor sends its code then', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true, totp: true, email: true });
    const { accessToken } = await userWithVerifiedToken(t, clientId, userPoolId, 'max', 'phone', { phone_number: '+15555550126' });
    await t.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SMSMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true },
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const offered = await passwordSignIn(t, clientId, 'max');
    expect(offered.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(offered.ChallengeParameters!.MFAS_CAN_CHOOSE).toBe('["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]');
    expect(await mfaCodes(userPoolId, 'max')).toHaveLength(0);
    const chosen = await respond(clientId, 'SELECT_MFA_TYPE', offered.Session, { USERNAME: 'max', ANSWER: 'EMAIL_OTP' });
    expect(chosen).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' } });
    const done = await respond(clientId, 'EMAIL_OTP', chosen.Session, { USERNAME: 'max', EMAIL_OTP_CODE: await lastMfaCode(userPoolId, 'max') });
    expect(done.AuthenticationResult).toBeDefined();

    const again = await passwordSignIn(t, clientId, 'max');
    const sms = await respond(clientId, 'SELECT_MFA_TYPE', again.Session, { USERNAME: 'max', ANSWER: 'SMS_MFA' });
    expect(sms).toMatchObject({ ChallengeName: 'SMS_MFA', ChallengeParameters: { CODE_DELIVERY_DESTINATION: '+*******0126' } });
    expect((await mfaCodes(userPoolId, 'max')).at(-1)).toMatchObject({ deliveryMedium: 'SMS' });
  });

  it('MFA ON: a user with a phone and no factor turned on is asked for an SMS code; one without is asked to set up', async () => {
    const { userPoolId, clientId } = await mfaPool('ON', { sms: true, totp: true });
    await confirmedUser(t, userPoolId, clientId, 'pat', { phone_number: '+15555550127' });
    const sms = await passwordSignIn(t, clientId, 'pat');
    expect(sms.ChallengeName).toBe('SMS_MFA');
    await confirmedUser(t, userPoolId, clientId, 'kim');
    const setup = await passwordSignIn(t, clientId, 'kim');
    expect(setup).toMatchObject({ ChallengeName: 'MFA_SETUP', ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' } });
    // Not listed as turned on: GetUser shows what SetUserMFAPreference set (amplify-js #11258).
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'pat' }))).UserMFASettingList).toBeUndefined();
  });

  it('MFA ON with email MFA: MFA_SETUP answered with an EMAIL sends a code there; proven, email MFA is the user\'s', async () => {
    const { userPoolId, clientId } = await mfaPool('ON', { totp: true, email: true });
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'lee', Password: PASSWORD }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'lee' }));
    const setup = await passwordSignIn(t, clientId, 'lee');
    expect(setup).toMatchObject({ ChallengeName: 'MFA_SETUP', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' } });
    const bad = await failure(respond(clientId, 'MFA_SETUP', setup.Session, { USERNAME: 'lee', EMAIL: 'not-an-email' }));
    expect(bad).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid email address format.' });

    const again = await passwordSignIn(t, clientId, 'lee');
    const otp = await respond(clientId, 'MFA_SETUP', again.Session, { USERNAME: 'lee', EMAIL: 'lee@example.org' });
    expect(otp).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'l***@e***' } });
    const done = await respond(clientId, 'EMAIL_OTP', otp.Session, { USERNAME: 'lee', EMAIL_OTP_CODE: await lastMfaCode(userPoolId, 'lee') });
    expect(done.AuthenticationResult).toBeDefined();
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'lee' }));
    expect(user).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'lee@example.org' }, { Name: 'email_verified', Value: 'true' }]));
    expect((await passwordSignIn(t, clientId, 'lee')).ChallengeName).toBe('EMAIL_OTP');
  });
});

describe('SetUserSettings / AdminSetUserSettings (legacy MFAOptions)', () => {
  it('SMS to phone_number turns SMS MFA on (MFAOptions, not UserMFASettingList); an empty list turns it off', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true });
    await confirmedUser(t, userPoolId, clientId, 'leg', { phone_number: '+15555550128' });
    const accessToken = (await passwordSignIn(t, clientId, 'leg')).AuthenticationResult!.AccessToken!;
    await t.sdk.send(new SetUserSettingsCommand({ AccessToken: accessToken, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect(user.UserMFASettingList).toBeUndefined();
    expect((await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId }))).Users![0].MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    expect((await passwordSignIn(t, clientId, 'leg')).ChallengeName).toBe('SMS_MFA');

    await t.sdk.send(new AdminSetUserSettingsCommand({ UserPoolId: userPoolId, Username: 'leg', MFAOptions: [] }));
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'leg' }))).MFAOptions).toBeUndefined();
    expect((await passwordSignIn(t, clientId, 'leg')).AuthenticationResult).toBeDefined();
  });

  it('refuses other options, a user without a phone, and an unknown user', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true });
    await confirmedUser(t, userPoolId, clientId, 'opt');
    const only = 'Only SMS to phone_number can be set in MFAOptions.';
    await expectSdkError(t.sdk, new AdminSetUserSettingsCommand({ UserPoolId: userPoolId, Username: 'opt', MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] }), 'InvalidParameterException', only);
    await expectSdkError(
      t.sdk,
      new AdminSetUserSettingsCommand({ UserPoolId: userPoolId, Username: 'opt', MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA',
    );
    await expectSdkError(t.sdk, new AdminSetUserSettingsCommand({ UserPoolId: userPoolId, Username: 'ghost', MFAOptions: [] }), 'UserNotFoundException', 'User does not exist.');
    await expectSdkError(t.sdk, new SetUserSettingsCommand({ AccessToken: 'not.a.token', MFAOptions: [] }), 'NotAuthorizedException', 'Invalid Access Token');
  });
});

describe('a remembered device spares the SMS code', () => {
  it('SMS_MFA on a new device; with the remembered device, DEVICE_SRP_AUTH instead of a code', async () => {
    const { userPoolId, clientId } = await mfaPool('OPTIONAL', { sms: true }, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
    await confirmedUser(t, userPoolId, clientId, 'dev', { phone_number: '+15555550129' });
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: 'dev', SMSMfaSettings: { Enabled: true } }));
    const first = await passwordSignIn(t, clientId, 'dev');
    expect(first.ChallengeName).toBe('SMS_MFA');
    const done = await respond(clientId, 'SMS_MFA', first.Session, { USERNAME: 'dev', SMS_MFA_CODE: await lastMfaCode(userPoolId, 'dev') });
    const { DeviceKey, DeviceGroupKey } = done.AuthenticationResult!.NewDeviceMetadata!;
    const verifier = generateDeviceVerifier(DeviceGroupKey!, DeviceKey!);
    await t.sdk.send(
      new ConfirmDeviceCommand({ AccessToken: done.AuthenticationResult!.AccessToken, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt } }),
    );
    const sent = (await mfaCodes(userPoolId, 'dev')).length;
    const withDevice = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dev', PASSWORD, DEVICE_KEY: DeviceKey! } }),
    );
    expect(withDevice.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect(await mfaCodes(userPoolId, 'dev')).toHaveLength(sent);
    // Not remembered any more: the code is asked again, then the device is proven.
    await t.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: done.AuthenticationResult!.AccessToken, DeviceKey, DeviceRememberedStatus: 'not_remembered' }));
    const forgotten = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dev', PASSWORD, DEVICE_KEY: DeviceKey! } }),
    );
    expect(forgotten.ChallengeName).toBe('SMS_MFA');
    const next = await respond(clientId, 'SMS_MFA', forgotten.Session, { USERNAME: 'dev', SMS_MFA_CODE: await lastMfaCode(userPoolId, 'dev'), DEVICE_KEY: DeviceKey! });
    expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
  });
});



