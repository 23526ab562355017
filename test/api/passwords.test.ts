/**
 * Passwords through the SDK v3, each error on the wire: ForgotPassword / ConfirmForgotPassword (codes,
 * AccountRecoverySetting, PreventUserExistenceErrors, SecretHash), ChangePassword (lockout), password
 * history, AdminSetUserPassword and AdminResetUserPassword.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/domain/appClients.js';
import { advanceClock, createPoolAndClient, expectSdkError, messages, startServer, type TestServer } from '../support/server.js';
import { srpSignIn } from '../support/srpSignIn.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd';
const HIDDEN_CODE = 'Invalid verification code provided, please try again.';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

const expectError = (command: unknown, name: string, message: string) => expectSdkError(t.sdk, command, name, message);

/** A CONFIRMED user with the given attributes (email and phone verified as asked) and PASSWORD. */
async function user(username: string, attributes: Record<string, string> = { email: `${username}@example.com`, email_verified: 'true' }, pool = userPoolId) {
  await t.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: username, Password: PASSWORD, Permanent: true }));
}

const signIn = (USERNAME: string, PASSWORD: string, client = clientId) =>
  t.sdk.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
const status = async (username: string, pool = userPoolId) => (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: username }))).UserStatus;
async function lastMessage(username: string, pool = userPoolId) {
  const sent = await messages(t.url, pool, username);
  return sent[sent.length - 1];
}
const forgot = (Username: string, client = clientId) => t.sdk.send(new ForgotPasswordCommand({ ClientId: client, Username }));
const confirm = (Username: string, ConfirmationCode: string, Password = NEW_PASSWORD, client = clientId) =>
  t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: client, Username, ConfirmationCode, Password }));
const other = (code: string) => (code === '000000' ? '111111' : '000000');

describe('ForgotPassword and ConfirmForgotPassword', () => {
  it('send a code to the verified email; the code and a new password reset it; the old password no longer signs in', async () => {
    await user('fay');
    const sent = await forgot('fay');
    expect(sent.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'f***@e***' });
    const message = await lastMessage('fay');
    expect(message).toMatchObject({ kind: 'FORGOT_PASSWORD', deliveryMedium: 'EMAIL', destination: 'fay@example.com' });
    expect(message.code).toMatch(/^\d{6}$/);

    expect(await confirm('fay', message.code)).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((await signIn('fay', NEW_PASSWORD)).AuthenticationResult?.AccessToken).toBeDefined();
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'fay', PASSWORD } }), 'NotAuthorizedException', 'Incorrect username or password.');
    // The code was spent.
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'fay', ConfirmationCode: message.code, Password: 'An0ther-pass' }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
  });

  it('a code is valid one hour; a newer code replaces it; five wrong codes lock it', async () => {
    await user('gil');
    await forgot('gil');
    const first = (await lastMessage('gil')).code;
    await advanceClock(t.url, 3601);
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gil', ConfirmationCode: first, Password: NEW_PASSWORD }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');

    await forgot('gil');
    const second = (await lastMessage('gil')).code;
    await forgot('gil');
    const third = (await lastMessage('gil')).code;
    if (second !== third) {
      await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gil', ConfirmationCode: second, Password: NEW_PASSWORD }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    }
    for (let i = 0; i < 5; i++) {
      await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gil', ConfirmationCode: other(third), Password: NEW_PASSWORD }), 'CodeMismatchException', HIDDEN_CODE);
    }
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'gil', ConfirmationCode: third, Password: NEW_PASSWORD }), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  });

  it('a password the policy refuses keeps the code; the code then resets it', async () => {
    await user('hal');
    await forgot('hal');
    const code = (await lastMessage('hal')).code;
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'hal', ConfirmationCode: code, Password: 'short' }), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
    await confirm('hal', code);
    expect((await signIn('hal', NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('an unknown user: UserNotFoundException, or with PreventUserExistenceErrors a simulated delivery and nothing sent', async () => {
    await expectError(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' }), 'UserNotFoundException', 'Username/client id combination not found.');
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456', Password: NEW_PASSWORD }), 'UserNotFoundException', 'Username/client id combination not found.');
    const hidden = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    const out = await forgot('nobody@example.com', hidden.clientId);
    expect(out.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^[a-z]\*\*\*@[a-z]\*\*\*$/) });
    expect((await forgot('+15555550100', hidden.clientId)).CodeDeliveryDetails).toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: expect.stringMatching(/^\+\*{7}\d{4}$/) });
    expect(await messages(t.url, hidden.userPoolId, 'nobody@example.com')).toEqual([]);
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: hidden.clientId, Username: 'nobody', ConfirmationCode: '123456', Password: NEW_PASSWORD }), 'CodeMismatchException', HIDDEN_CODE);
  });

  it('a user with nothing verified gets InvalidParameterException (simulated with PreventUserExistenceErrors); no code requested is ExpiredCodeException', async () => {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'ida', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ida@example.com' }] }));
    await expectError(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ida' }), 'InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ida', ConfirmationCode: '123456', Password: NEW_PASSWORD }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');

    const hidden = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    await user('ike', { email: 'ike@example.com' }, hidden.userPoolId);
    expect((await forgot('ike', hidden.clientId)).CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect((await messages(t.url, hidden.userPoolId, 'ike')).map((m) => m.kind)).toEqual([]);
  });

  it('an admin-created user who never chose a password cannot reset it; a disabled user is told so', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'jo', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'jo@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    await expectError(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jo' }), 'NotAuthorizedException', 'User password cannot be reset in the current state.');

    await user('kit');
    await forgot('kit');
    const code = (await lastMessage('kit')).code;
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'kit' }));
    await expectError(new ForgotPasswordCommand({ ClientId: clientId, Username: 'kit' }), 'NotAuthorizedException', 'User is disabled.');
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'kit', ConfirmationCode: code, Password: NEW_PASSWORD }), 'NotAuthorizedException', 'User is disabled.');
  });

  it('follows AccountRecoverySetting: the verified channel of highest priority; admin_only refuses', async () => {
    const both = { email: 'lea@example.com', email_verified: 'true', phone_number: '+15555550123', phone_number_verified: 'true' };
    await user('lea', both);
    // No setting: Cognito's legacy order, SMS before email.
    expect((await forgot('lea')).CodeDeliveryDetails).toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******0123' });

    const emailFirst = await createPoolAndClient(t.sdk, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 2 }, { Name: 'verified_email', Priority: 1 }] },
    });
    await user('lea', both, emailFirst.userPoolId);
    expect((await forgot('lea', emailFirst.clientId)).CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    await user('max', { phone_number: '+15555550124', phone_number_verified: 'true', email: 'max@example.com' }, emailFirst.userPoolId);
    expect((await forgot('max', emailFirst.clientId)).CodeDeliveryDetails?.DeliveryMedium).toBe('SMS');

    const adminOnly = await createPoolAndClient(t.sdk, { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    await user('ned', undefined, adminOnly.userPoolId);
    await expectError(new ForgotPasswordCommand({ ClientId: adminOnly.clientId, Username: 'ned' }), 'NotAuthorizedException', 'Password reset is available only through an administrator for this user pool.');
  });

  it('sends at most five codes in a row (LimitExceededException), as every code-sending operation', async () => {
    await user('pia');
    for (let i = 0; i < 5; i++) await forgot('pia');
    await expectError(new ForgotPasswordCommand({ ClientId: clientId, Username: 'pia' }), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  });

  it('an UNCONFIRMED user whose email an administrator verified gets a code, and UserNotConfirmedException for it', async () => {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'ulla', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ulla@example.com' }] }));
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: 'ulla', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    await forgot('ulla');
    const code = (await lastMessage('ulla')).code;
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ulla', ConfirmationCode: code, Password: NEW_PASSWORD }), 'UserNotConfirmedException', 'User is not confirmed.');
    expect(await status('ulla')).toBe('UNCONFIRMED');
  });

  it('needs the SecretHash of a client with a secret', async () => {
    const secret = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    await user('oli', undefined, secret.userPoolId);
    await expectError(new ForgotPasswordCommand({ ClientId: secret.clientId, Username: 'oli' }), 'NotAuthorizedException', `Unable to verify secret hash for client ${secret.clientId}`);
    const hash = secretHash(secret.clientSecret!, 'oli', secret.clientId);
    await t.sdk.send(new ForgotPasswordCommand({ ClientId: secret.clientId, Username: 'oli', SecretHash: hash }));
    const code = (await lastMessage('oli', secret.userPoolId)).code;
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: secret.clientId, Username: 'oli', ConfirmationCode: code, Password: NEW_PASSWORD }), 'NotAuthorizedException', `Unable to verify secret hash for client ${secret.clientId}`);
    await t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: secret.clientId, Username: 'oli', ConfirmationCode: code, Password: NEW_PASSWORD, SecretHash: hash }));
  });
});

describe('ChangePassword', () => {
  it('changes the password; the access token it was called with stays valid', async () => {
    await user('pam');
    const { AccessToken } = (await signIn('pam', PASSWORD)).AuthenticationResult!;
    await t.sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }));
    expect((await signIn('pam', NEW_PASSWORD)).AuthenticationResult).toBeDefined();
    expect((await t.sdk.send(new GetUserCommand({ AccessToken }))).Username).toBe('pam');
    await expectError(new ChangePasswordCommand({ AccessToken, PreviousPassword: NEW_PASSWORD, ProposedPassword: 'short' }), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
    await expectError(new ChangePasswordCommand({ AccessToken: 'not.a.token', PreviousPassword: NEW_PASSWORD, ProposedPassword: PASSWORD }), 'NotAuthorizedException', 'Invalid Access Token');
  });

  it('a wrong previous password is "Incorrect username or password." and counts toward the sign-in lockout', async () => {
    await user('quin');
    const { AccessToken } = (await signIn('quin', PASSWORD)).AuthenticationResult!;
    for (let i = 0; i < 5; i++) {
      await expectError(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wr0ng-pass!', ProposedPassword: NEW_PASSWORD }), 'NotAuthorizedException', 'Incorrect username or password.');
    }
    await expectError(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'quin', PASSWORD } }), 'NotAuthorizedException', 'Password attempts exceeded');
    await advanceClock(t.url, 2);
    await t.sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }));
  });

  it('refuses a missing PreviousPassword', async () => {
    await user('rae');
    const { AccessToken } = (await signIn('rae', PASSWORD)).AuthenticationResult!;
    await expectError(new ChangePasswordCommand({ AccessToken, ProposedPassword: NEW_PASSWORD }), 'InvalidParameterException', 'PreviousPassword is required for a user who has a password.');
  });
});

describe('password history (PasswordHistorySize)', () => {
  it('refuses the last N passwords (the current one included) in ChangePassword, ConfirmForgotPassword and AdminSetUserPassword', async () => {
    const pool = await createPoolAndClient(t.sdk, { Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 3 } } });
    await user('sal', undefined, pool.userPoolId);
    const token = async (password: string) => (await signIn('sal', password, pool.clientId)).AuthenticationResult!.AccessToken!;
    const change = async (from: string, to: string) => t.sdk.send(new ChangePasswordCommand({ AccessToken: await token(from), PreviousPassword: from, ProposedPassword: to }));
    const violation = ['PasswordHistoryPolicyViolationException', 'Password has previously been used.'] as const;

    await expectError(new ChangePasswordCommand({ AccessToken: await token(PASSWORD), PreviousPassword: PASSWORD, ProposedPassword: PASSWORD }), ...violation);
    await change(PASSWORD, 'Second-pass1');
    await change('Second-pass1', 'Third-pass1');
    await expectError(new ChangePasswordCommand({ AccessToken: await token('Third-pass1'), PreviousPassword: 'Third-pass1', ProposedPassword: PASSWORD }), ...violation);
    await expectError(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: 'sal', Password: 'Second-pass1', Permanent: true }), ...violation);
    await t.sdk.send(new ForgotPasswordCommand({ ClientId: pool.clientId, Username: 'sal' }));
    const code = (await lastMessage('sal', pool.userPoolId)).code;
    await expectError(new ConfirmForgotPasswordCommand({ ClientId: pool.clientId, Username: 'sal', ConfirmationCode: code, Password: 'Third-pass1' }), ...violation);
    // Three passwords later the first one is allowed again.
    await change('Third-pass1', 'Fourth-pass1');
    await t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: pool.clientId, Username: 'sal', ConfirmationCode: code, Password: PASSWORD }));
    expect((await signIn('sal', PASSWORD, pool.clientId)).AuthenticationResult).toBeDefined();
  });

  it('keeps no history where the pool sets none: the same password may be set again', async () => {
    await user('tom');
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'tom', Password: PASSWORD, Permanent: true }));
    expect(t.server.ctx.store.passwordHistory.list(userPoolId, 'tom')).toEqual([]);
  });
});

describe('AdminSetUserPassword', () => {
  it('Permanent: CONFIRMED and signs in; temporary: FORCE_CHANGE_PASSWORD and NEW_PASSWORD_REQUIRED next time', async () => {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'uma', Password: PASSWORD }));
    expect(await status('uma')).toBe('UNCONFIRMED');
    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'uma', Password: NEW_PASSWORD, Permanent: true }));
    expect(await status('uma')).toBe('CONFIRMED');
    expect((await signIn('uma', NEW_PASSWORD)).AuthenticationResult).toBeDefined();

    await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'uma', Password: 'Temp-pass1' }));
    expect(await status('uma')).toBe('FORCE_CHANGE_PASSWORD');
    expect((await signIn('uma', 'Temp-pass1')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    // SRP proves the temporary password the same way.
    expect((await srpSignIn(t.sdk, { clientId, userPoolId, username: 'uma', password: 'Temp-pass1' })).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('refuses an unknown user and a password the policy refuses', async () => {
    await expectError(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'ghost', Password: NEW_PASSWORD, Permanent: true }), 'UserNotFoundException', 'User does not exist.');
    await user('val');
    await expectError(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'val', Password: 'nouppercase1!', Permanent: true }), 'InvalidPasswordException', 'Password did not conform with policy: Password must have uppercase characters');
  });
});

describe('AdminResetUserPassword', () => {
  it('RESET_REQUIRED: a code is sent, sign-in answers PasswordResetRequiredException, tokens are refused; the code resets it to CONFIRMED', async () => {
    await user('wes');
    const { AccessToken } = (await signIn('wes', PASSWORD)).AuthenticationResult!;
    await t.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'wes' }));
    expect(await status('wes')).toBe('RESET_REQUIRED');
    const message = await lastMessage('wes');
    expect(message).toMatchObject({ kind: 'FORGOT_PASSWORD', destination: 'wes@example.com' });

    const required = ['PasswordResetRequiredException', 'Password reset required for the user'] as const;
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'wes', PASSWORD } }), ...required);
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'wes', PASSWORD: 'any-Wr0ng!' } }), ...required);
    await expectError(new GetUserCommand({ AccessToken }), ...required);

    await confirm('wes', message.code);
    expect(await status('wes')).toBe('CONFIRMED');
    expect((await signIn('wes', NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('behind PreventUserExistenceErrors the sign-in answer is the generic one', async () => {
    const hidden = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    await user('xan', undefined, hidden.userPoolId);
    await t.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: hidden.userPoolId, Username: 'xan' }));
    await expectError(new InitiateAuthCommand({ ClientId: hidden.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'xan', PASSWORD } }), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('without a verified channel sends nothing, yet resets; refuses an unknown, a disabled and a never-signed-in user', async () => {
    await user('yul', { email: 'yul@example.com' });
    await t.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'yul' }));
    expect(await status('yul')).toBe('RESET_REQUIRED');
    expect(await messages(t.url, userPoolId, 'yul')).toEqual([]);

    await expectError(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    await user('zed');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'zed' }));
    await expectError(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'zed' }), 'NotAuthorizedException', 'User is disabled.');
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'abe', MessageAction: 'SUPPRESS' }));
    await expectError(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'abe' }), 'NotAuthorizedException', 'User password cannot be reset in the current state.');
  });
});
