/**
 * The message triggers on every message kognito sends besides sign-up (triggersSignUp.test.ts): a
 * changed or verified attribute and an MFA code through CustomMessage, and the custom senders
 * (CustomEmailSender, CustomSMSSender), each through a local module and through the Invoke API.
 */
import { describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, messages } from '../support/server.js';
import { PASSWORD, confirmedUser, passwordSignIn } from '../support/mfaUsers.js';
import { SDK_VERSION as SDK, WAYS, arn, nameMaker, withTriggerServer, type TriggerInvocationView, type TriggerServer, type Way } from '../support/triggers.js';

let s: TriggerServer;
withTriggerServer((server) => (s = server));

const fresh = nameMaker();

async function signedIn(LambdaConfig: Record<string, unknown>, pool: Record<string, unknown> = {}, attributes: Record<string, string> = {}) {
  const ids = await createPoolAndClient(s.t.sdk, { LambdaConfig, ...pool });
  const { username, sub } = await confirmedUser(s.t, ids.userPoolId, ids.clientId, fresh(), attributes);
  const tokens = await passwordSignIn(s.t, ids.clientId, username);
  return { ...ids, username, sub, accessToken: tokens.AuthenticationResult?.AccessToken, signIn: tokens };
}

/** The invocations of a trigger once they are there (custom senders are not waited for). */
async function eventually(userPoolId: string, trigger: string, count = 1): Promise<TriggerInvocationView[]> {
  for (let i = 0; i < 100; i++) {
    const found = await s.invocations(userPoolId, trigger);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${trigger} invocation`);
}

describe.each(WAYS)('through %s', (_label, way: Way) => {
  it('CustomMessage_UpdateUserAttribute writes the code message for a new email, with UpdateUserAttributes ClientMetadata', async () => {
    const { userPoolId, clientId, username, sub, accessToken } = await signedIn({ CustomMessage: arn(way, 'customMessage') });
    await s.t.sdk.send(
      new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: `new-${username}@example.com` }], ClientMetadata: { screen: 'profile' } }),
    );
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(sent).toMatchObject({ kind: 'UPDATE_USER_ATTRIBUTE', destination: `new-${username}@example.com`, message: `<p>[CustomMessage_UpdateUserAttribute] Your code is ${sent.code}</p>` });
    const invocation = (await s.invocations(userPoolId, 'CustomMessage_UpdateUserAttribute'))[0];
    expect(invocation.event).toEqual({
      version: '1',
      triggerSource: 'CustomMessage_UpdateUserAttribute',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        userAttributes: { sub, email: `new-${username}@example.com`, email_verified: 'false', 'cognito:user_status': 'CONFIRMED' },
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: null,
        clientMetadata: { screen: 'profile' },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
  });

  it('CustomMessage_VerifyUserAttribute for GetUserAttributeVerificationCode; AdminUpdateUserAttributes invokes it without an app client', async () => {
    const { userPoolId, clientId, username, accessToken } = await signedIn({ CustomMessage: arn(way, 'customMessage') });
    await s.t.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }));
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(sent).toMatchObject({ kind: 'VERIFY_USER_ATTRIBUTE', subject: 'Subject of CustomMessage_VerifyUserAttribute' });
    const [verify] = await s.invocations(userPoolId, 'CustomMessage_VerifyUserAttribute');
    expect(verify.event.callerContext).toEqual({ awsSdkVersion: SDK, clientId });
    expect(verify.event.request).not.toHaveProperty('clientMetadata');

    await s.t.sdk.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email', Value: `admin-${username}@example.com` }], ClientMetadata: { by: 'admin' } }),
    );
    // ADMIN_UPDATE_SENDS_CODE: a changed email the pool auto-verifies gets a code.
    const [admin] = await s.invocations(userPoolId, 'CustomMessage_UpdateUserAttribute');
    expect(admin.event.callerContext).toEqual({ awsSdkVersion: SDK, clientId: 'CLIENT_ID_NOT_APPLICABLE' });
    expect(admin.event.request.clientMetadata).toEqual({ by: 'admin' });
    expect((await messages(s.t.url, userPoolId, username)).at(-1)).toMatchObject({ kind: 'UPDATE_USER_ATTRIBUTE', destination: `admin-${username}@example.com` });
  });

  it('CustomMessage_Authentication writes the SMS MFA code message (RespondToAuthChallenge ClientMetadata reaches it)', async () => {
    const { userPoolId, clientId, username } = await signedIn({ CustomMessage: arn(way, 'customMessage') }, {}, { phone_number: '+15555550100' });
    await s.t.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' } } }),
    );
    await s.t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await passwordSignIn(s.t, clientId, username);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(sent).toMatchObject({ kind: 'AUTHENTICATION', deliveryMedium: 'SMS', message: `[CustomMessage_Authentication] code ${sent.code}` });
    const [invocation] = await s.invocations(userPoolId, 'CustomMessage_Authentication');
    expect(invocation.event.request).toMatchObject({ codeParameter: '{####}', usernameParameter: null, userAttributes: { phone_number: '+15555550100' } });
    expect(invocation.event.request).not.toHaveProperty('clientMetadata');
    const done = await s.t.sdk.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: sent.code } }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('CustomMessage_AdminCreateUser: usernameParameter {username}, the temporary password as the code; without the placeholders, the pool invitation', async () => {
    const { userPoolId } = await createPoolAndClient(s.t.sdk, { LambdaConfig: { CustomMessage: arn(way, 'customMessage') } });
    const username = fresh();
    await s.t.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], DesiredDeliveryMediums: ['EMAIL'], ClientMetadata: { invited: 'yes' } }),
    );
    const [sent] = await messages(s.t.url, userPoolId, username);
    expect(sent).toMatchObject({ kind: 'ADMIN_CREATE_USER', message: `<p>[CustomMessage_AdminCreateUser] Your code is ${sent.code} for ${username}</p>` });
    const [invocation] = await s.invocations(userPoolId, 'CustomMessage');
    expect(invocation.event).toEqual({
      version: '1',
      triggerSource: 'CustomMessage_AdminCreateUser',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId: 'CLIENT_ID_NOT_APPLICABLE' },
      request: {
        userAttributes: { sub: expect.stringMatching(/^[0-9a-f-]{36}$/), email: `${username}@example.com`, 'cognito:user_status': 'FORCE_CHANGE_PASSWORD' },
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: '{username}',
        clientMetadata: { invited: 'yes' },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });

    // The sign-up message misses {username}: an invitation must carry both placeholders.
    const other = await createPoolAndClient(s.t.sdk, { LambdaConfig: { CustomMessage: arn(way, 'messageWithoutCode') } });
    const second = fresh();
    await s.t.sdk.send(new AdminCreateUserCommand({ UserPoolId: other.userPoolId, Username: second, UserAttributes: [{ Name: 'email', Value: `${second}@example.com` }], DesiredDeliveryMediums: ['EMAIL'] }));
    const [fallback] = await messages(s.t.url, other.userPoolId, second);
    expect(fallback).toMatchObject({ subject: 'Your temporary password', message: `Your username is ${second} and temporary password is ${fallback.code}. ` });
  });

  it('CustomMessage_ForgotPassword for ForgotPassword and AdminResetUserPassword; PostConfirmation_ConfirmForgotPassword after the reset', async () => {
    const { userPoolId, clientId, username, sub } = await signedIn({ CustomMessage: arn(way, 'customMessage'), PostConfirmation: arn(way, 'echo') });
    await s.t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    await s.t.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username, ClientMetadata: { flow: 'forgot' } }));
    const forgot = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(forgot).toMatchObject({ kind: 'FORGOT_PASSWORD', message: `<p>[CustomMessage_ForgotPassword] Your code is ${forgot.code}</p>` });
    const [message] = await s.invocations(userPoolId, 'CustomMessage_ForgotPassword');
    expect(message.event.request).toMatchObject({ usernameParameter: null, clientMetadata: { flow: 'forgot' } });

    await s.t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: forgot.code, Password: 'N3w-Passw0rd', ClientMetadata: { flow: 'confirm' } }));
    const confirmations = await s.invocations(userPoolId, 'PostConfirmation_ConfirmForgotPassword');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0].event).toEqual({
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmForgotPassword',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        userAttributes: { sub, email: `${username}@example.com`, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        clientMetadata: { flow: 'confirm' },
      },
      response: {},
    });

    await s.t.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, ClientMetadata: { by: 'admin' } }));
    const reset = await s.invocations(userPoolId, 'CustomMessage_ForgotPassword');
    expect(reset).toHaveLength(2);
    expect(reset[1].event.callerContext.clientId).toBe('CLIENT_ID_NOT_APPLICABLE');
    expect(reset[1].event.request.clientMetadata).toEqual({ by: 'admin' });
  });

  it('UserMigration_ForgotPassword migrates an unknown name (no password) and sends the reset code to it', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(s.t.sdk, { LambdaConfig: { UserMigration: arn(way, 'migrate') } });
    const username = fresh('legacy');
    const { CodeDeliveryDetails } = await s.t.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username, ClientMetadata: { from: 'reset-page' } }));
    expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [migration] = await s.invocations(userPoolId, 'UserMigration');
    expect(migration.event).toMatchObject({ triggerSource: 'UserMigration_ForgotPassword', userName: username });
    expect(migration.event.request).toEqual({ validationData: {}, clientMetadata: { from: 'reset-page' } });
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(sent).toMatchObject({ kind: 'FORGOT_PASSWORD', destination: `${username}@legacy.example.com` });
    await s.t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: sent.code, Password: 'N3w-Passw0rd' }));
    expect((await s.t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserStatus).toBe('CONFIRMED');
    const signedInNow = await s.t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'N3w-Passw0rd' } }));
    expect(signedInNow.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('CustomEmailSender_SignUp gets the code (unencrypted) instead of Cognito sending it; the caller does not wait for it', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(s.t.sdk, { LambdaConfig: { CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn(way, 'echo') }, KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/kognito' } });
    const username = fresh();
    const { UserSub, CodeDeliveryDetails } = await s.t.sdk.send(
      new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], ClientMetadata: { via: 'web' } }),
    );
    expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [sent] = await messages(s.t.url, userPoolId, username);
    expect(sent).toMatchObject({ kind: 'SIGN_UP', message: null });
    const [invocation] = await eventually(userPoolId, 'CustomEmailSender');
    expect(invocation.event).toEqual({
      version: '1',
      triggerSource: 'CustomEmailSender_SignUp',
      region: 'us-east-1',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: SDK, clientId },
      request: {
        type: 'customEmailSenderRequestV1',
        code: sent.code,
        clientMetadata: { via: 'web' },
        userAttributes: { sub: UserSub, email: `${username}@example.com`, 'cognito:user_status': 'UNCONFIRMED' },
      },
    });
  });

  it('a failing custom sender does not fail the call: the failure is listed', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(s.t.sdk, { LambdaConfig: { CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn(way, 'refuse') } } });
    const result = await s.t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: fresh(), Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'x@example.com' }] }));
    expect(result.UserConfirmed).toBe(false);
    const [invocation] = await eventually(userPoolId, 'CustomEmailSender');
    expect(invocation).toMatchObject({ outcome: 'FUNCTION_ERROR', error: 'UserLambdaValidationException: CustomEmailSender failed with error Sign-ups are closed.' });
  });

  it('CustomSMSSender_Authentication takes over the SMS MFA code; CustomMessage is not asked', async () => {
    const { userPoolId, clientId, username } = await signedIn(
      { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn(way, 'echo') }, CustomMessage: arn(way, 'customMessage') },
      {},
      { phone_number: '+15555550101' },
    );
    await s.t.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' } } }),
    );
    await s.t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: userPoolId, Username: username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await passwordSignIn(s.t, clientId, username);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const [invocation] = await eventually(userPoolId, 'CustomSMSSender');
    const sent = (await messages(s.t.url, userPoolId, username)).at(-1)!;
    expect(sent).toMatchObject({ kind: 'AUTHENTICATION', message: null });
    expect(invocation.event).toMatchObject({ triggerSource: 'CustomSMSSender_Authentication', request: { type: 'customSMSSenderRequestV1', code: sent.code } });
    expect(await s.invocations(userPoolId, 'CustomMessage_Authentication')).toEqual([]);
  });
});
