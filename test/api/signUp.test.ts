/** SignUp, ConfirmSignUp, ResendConfirmationCode and AdminConfirmSignUp through the SDK v3 (spec C). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/domain/appClients.js';
import { advanceClock, call, createPoolAndClient, lastCode, messages, startServer, expectSdkError, sdkFailure, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const PASSWORD = 'Passw0rd!';
let n = 0;
const fresh = (prefix = 'user') => `${prefix}${++n}`;

const failure = (command: any) => sdkFailure(t.sdk, command);
const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const attributes = async (userPoolId: string, username: string) =>
  Object.fromEntries(
    ((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]),
  );
const status = async (userPoolId: string, username: string) =>
  (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserStatus;

async function signedUp(pool: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  const ids = await createPoolAndClient(t.sdk, pool, client);
  const username = fresh();
  const email = `${username}@example.com`;
  const result = await t.sdk.send(
    new SignUpCommand({
      ClientId: ids.clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
      SecretHash: ids.clientSecret ? secretHash(ids.clientSecret, username, ids.clientId) : undefined,
    }),
  );
  return { ...ids, username, email, result };
}

describe('SignUp', () => {
  it('creates an UNCONFIRMED user, returns a UUID UserSub and masked CodeDeliveryDetails, sends 6 digits', async () => {
    const { userPoolId, username, result } = await signedUp();
    expect(result.UserConfirmed).toBe(false);
    expect(result.UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.CodeDeliveryDetails).toEqual({ Destination: `u***@e***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(await lastCode(t.url, userPoolId, username)).toMatch(/^\d{6}$/);
    expect(await status(userPoolId, username)).toBe('UNCONFIRMED');
    expect((await attributes(userPoolId, username)).sub).toBe(result.UserSub);
  });

  it('sends nothing and returns no CodeDeliveryDetails when the pool auto-verifies nothing', async () => {
    const { userPoolId, username, result } = await signedUp({ AutoVerifiedAttributes: [] });
    expect(result.CodeDeliveryDetails).toBeUndefined();
    expect(await messages(t.url, userPoolId, username)).toEqual([]);
  });

  it('sends by SMS only when email and phone are both auto-verified and present', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: ['email', 'phone_number'] });
    const result = await t.sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'sms',
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: 'sms@example.com' },
          { Name: 'phone_number', Value: '+15555550123' },
        ],
      }),
    );
    expect(result.CodeDeliveryDetails).toEqual({ Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const sent = await messages(t.url, userPoolId, 'sms');
    expect(sent.map((m) => m.deliveryMedium)).toEqual(['SMS']);
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'sms', ConfirmationCode: sent[0].code }));
    const after = await attributes(userPoolId, 'sms');
    expect(after.phone_number_verified).toBe('true');
    expect(after.email_verified).toBeUndefined();
  });

  it('refuses a taken username with UsernameExistsException and changes nothing', async () => {
    const { clientId, userPoolId, username, result } = await signedUp();
    await expectError(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }), 'UsernameExistsException', 'User already exists');
    expect((await attributes(userPoolId, username)).sub).toBe(result.UserSub);
  });

  it('refuses an unknown ClientId with ResourceNotFoundException', async () => {
    await expectError(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'x', Password: PASSWORD }), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.');
  });

  it('refuses a password against the policy with InvalidPasswordException', async () => {
    const { clientId } = await createPoolAndClient(t.sdk);
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'weak', Password: 'short' }), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'weak', Password: 'alllowercase1!' }), 'InvalidPasswordException', 'Password did not conform with policy: Password must have uppercase characters');
  });

  it('refuses an attribute the schema does not have with InvalidParameterException', async () => {
    const { clientId } = await createPoolAndClient(t.sdk);
    const error = await failure(new SignUpCommand({ ClientId: clientId, Username: 'odd', Password: PASSWORD, UserAttributes: [{ Name: 'custom:nope', Value: 'x' }] }));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('Attributes did not conform to the schema');
  });

  it('accepts ValidationData, ClientMetadata, AnalyticsMetadata and UserContextData, and validates them', async () => {
    const { clientId } = await createPoolAndClient(t.sdk);
    const result = await t.sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'extras',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'extras@example.com' }],
        ValidationData: [{ Name: 'captcha', Value: 'ok' }],
        ClientMetadata: { source: 'test' },
        AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint-1' },
        UserContextData: { IpAddress: '127.0.0.1', EncodedData: 'abc' },
      }),
    );
    expect(result.UserConfirmed).toBe(false);
    const r = await call(t.url, 'SignUp', { ClientId: clientId, Username: 'extras2', Password: PASSWORD, AnalyticsMetadata: { AnalyticsEndpointId: 5 } });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('SerializationException');
    const bad = await call(t.url, 'SignUp', { ClientId: clientId, Username: 'extras3', Password: PASSWORD, UserContextData: 'x' });
    expect(bad.body.__type).toBe('SerializationException');
  });
});

describe('ConfirmSignUp', () => {
  it('confirms with the code, sets email_verified "true", and the user can sign in', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const out = await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: await lastCode(t.url, userPoolId, username) }));
    expect(out.Session).toBeUndefined();
    expect(await status(userPoolId, username)).toBe('CONFIRMED');
    expect((await attributes(userPoolId, username)).email_verified).toBe('true');
    const signIn = await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
    expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('answers a wrong code with CodeMismatchException, the exact AWS body and header', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const code = await lastCode(t.url, userPoolId, username);
    const r = await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: code === '000000' ? '111111' : '000000' });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('CodeMismatchException:');
    expect(r.text).toBe('{"__type":"CodeMismatchException","message":"Invalid verification code provided, please try again."}');
    expect(await status(userPoolId, username)).toBe('UNCONFIRMED');
  });

  it('answers ExpiredCodeException for a code older than 24 h', async () => {
    const server = await startOwnServer();
    try {
      const { clientId, userPoolId, username } = await signedUpOn(server);
      const code = await lastCode(server.url, userPoolId, username);
      await advanceClock(server.url, 24 * 3600 + 1);
      const error = await server.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code })).catch((e) => e);
      expect([error.name, error.message]).toEqual(['ExpiredCodeException', 'Invalid code provided, please request a code again.']);
    } finally {
      await server.close();
    }
  });

  it('answers ExpiredCodeException for a code a resend replaced, and accepts the new one', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const old = await lastCode(t.url, userPoolId, username);
    let current = old;
    while (current === old) {
      await t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
      current = await lastCode(t.url, userPoolId, username);
    }
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: old }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: current }));
    expect(await status(userPoolId, username)).toBe('CONFIRMED');
  });

  it('answers ExpiredCodeException when the pool never sent a code', async () => {
    const { clientId, username } = await signedUp({ AutoVerifiedAttributes: [] });
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: '123456' }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
  });

  it('gives LimitExceededException after 5 wrong codes, even for the right code', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const code = await lastCode(t.url, userPoolId, username);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: wrong }), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    }
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    expect(await status(userPoolId, username)).toBe('UNCONFIRMED');
  });

  it('refuses to confirm twice: NotAuthorizedException "User cannot be confirmed. Current status is CONFIRMED"', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const code = await lastCode(t.url, userPoolId, username);
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }));
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
  });

  it('answers an unknown user with UserNotFoundException under LEGACY and CodeMismatchException under ENABLED', async () => {
    const legacy = await createPoolAndClient(t.sdk);
    await expectError(new ConfirmSignUpCommand({ ClientId: legacy.clientId, Username: 'ghost', ConfirmationCode: '123456' }), 'UserNotFoundException', 'Username/client id combination not found.');
    const enabled = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    await expectError(new ConfirmSignUpCommand({ ClientId: enabled.clientId, Username: 'ghost', ConfirmationCode: '123456' }), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
  });

  it('accepts ForceAliasCreation, ClientMetadata, AnalyticsMetadata and UserContextData', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    await t.sdk.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: username,
        ConfirmationCode: await lastCode(t.url, userPoolId, username),
        ForceAliasCreation: false,
        ClientMetadata: { k: 'v' },
        AnalyticsMetadata: { AnalyticsEndpointId: 'e' },
        UserContextData: { EncodedData: 'x' },
      }),
    );
    expect(await status(userPoolId, username)).toBe('CONFIRMED');
  });
});

describe('SecretHash on a client with a secret', () => {
  it('refuses a missing or wrong SecretHash with NotAuthorizedException, accepts the right one', async () => {
    const { clientId, clientSecret, userPoolId } = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    expect(clientSecret).toMatch(/^[\w+]{24,64}$/);
    const message = `Unable to verify secret hash for client ${clientId}`;
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'sec', Password: PASSWORD }), 'NotAuthorizedException', message);
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'sec', Password: PASSWORD, SecretHash: secretHash(clientSecret!, 'Sec', clientId) }), 'NotAuthorizedException', message);
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'sec', Password: PASSWORD, SecretHash: 'd3Jvbmc=' }), 'NotAuthorizedException', message);
    await t.sdk.send(
      new SignUpCommand({ ClientId: clientId, Username: 'sec', Password: PASSWORD, SecretHash: secretHash(clientSecret!, 'sec', clientId), UserAttributes: [{ Name: 'email', Value: 'sec@example.com' }] }),
    );
    const code = await lastCode(t.url, userPoolId, 'sec');
    await expectError(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'sec' }), 'NotAuthorizedException', message);
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'sec', ConfirmationCode: code }), 'NotAuthorizedException', message);
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'sec', ConfirmationCode: code, SecretHash: secretHash(clientSecret!, 'sec', clientId) }));
    expect(await status(userPoolId, 'sec')).toBe('CONFIRMED');
  });

  it('checks the SecretHash before looking the user up', async () => {
    const { clientId } = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456' }), 'NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  });
});

describe('email as username (UsernameAttributes)', () => {
  it('makes the username a UUID equal to UserSub, copies the email, and finds the user by email', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk, { UsernameAttributes: ['email'] });
    const result = await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bo@example.com', Password: PASSWORD }));
    expect(result.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'bo@example.com' }));
    expect(user.Username).toBe(result.UserSub);
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'bo@example.com' });
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bo@example.com', ConfirmationCode: await lastCode(t.url, userPoolId, result.UserSub!) }));
    const signIn = await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bo@example.com', PASSWORD } }));
    expect(signIn.AuthenticationResult?.IdToken).toBeDefined();
  });

  it('refuses a non-email username with "Username should be an email." and a second account with the email', async () => {
    const { clientId } = await createPoolAndClient(t.sdk, { UsernameAttributes: ['email'] });
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: PASSWORD }), 'InvalidParameterException', 'Username should be an email.');
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'dup@example.com', Password: PASSWORD }));
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'DUP@example.com', Password: PASSWORD }), 'UsernameExistsException', 'An account with the given email already exists.');
  });
});

describe('email as alias (AliasAttributes)', () => {
  it('confirms by username; a second verified holder gets AliasExistsException, then ForceAliasCreation moves the alias', async () => {
    const { clientId, userPoolId } = await createPoolAndClient(t.sdk, { AliasAttributes: ['email'] });
    const shared = 'x@example.com';
    for (const username of ['alice', 'bella']) {
      await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: shared }] }));
    }
    // An unverified email is not an alias yet: the unconfirmed user is addressed by username only.
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: shared, ConfirmationCode: '123456' }), 'UserNotFoundException', 'Username/client id combination not found.');
    const aliceCode = (await messages(t.url, userPoolId, 'alice')).at(-1)!.code;
    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: aliceCode }));

    const bellaCode = (await messages(t.url, userPoolId, 'bella')).at(-1)!.code;
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bella', ConfirmationCode: bellaCode }), 'AliasExistsException', 'An account with the given email already exists.');
    expect(await status(userPoolId, 'bella')).toBe('UNCONFIRMED');

    await t.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bella', ConfirmationCode: bellaCode, ForceAliasCreation: true }));
    expect(await status(userPoolId, 'bella')).toBe('CONFIRMED');
    expect((await attributes(userPoolId, 'bella')).email_verified).toBe('true');
    expect((await attributes(userPoolId, 'alice')).email_verified).toBe('false');

    const signIn = await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: shared, PASSWORD } }));
    const payload = JSON.parse(Buffer.from(signIn.AuthenticationResult!.AccessToken!.split('.')[1], 'base64url').toString());
    expect(payload.username).toBe('bella');
  });

  it('refuses an email-shaped username when email is an alias', async () => {
    const { clientId } = await createPoolAndClient(t.sdk, { AliasAttributes: ['email'] });
    const error = await failure(new SignUpCommand({ ClientId: clientId, Username: 'a@example.com', Password: PASSWORD }));
    expect(error.name).toBe('InvalidParameterException');
  });
});

describe('ResendConfirmationCode', () => {
  it('sends a new code with CodeDeliveryDetails', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const out = await t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
    expect(out.CodeDeliveryDetails).toEqual({ Destination: 'u***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const sent = await messages(t.url, userPoolId, username);
    expect(sent.map((m) => m.kind)).toEqual(['SIGN_UP', 'RESEND_CODE']);
  });

  it('refuses a CONFIRMED user with "User is already confirmed."', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
    await expectError(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }), 'InvalidParameterException', 'User is already confirmed.');
  });

  it('answers an unknown user with UserNotFoundException under LEGACY, simulated delivery under ENABLED', async () => {
    const legacy = await createPoolAndClient(t.sdk);
    await expectError(new ResendConfirmationCodeCommand({ ClientId: legacy.clientId, Username: 'ghost' }), 'UserNotFoundException', 'Username/client id combination not found.');
    const enabled = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    const out = await t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: enabled.clientId, Username: 'ghost@example.com' }));
    // A made-up masked address (the same on every call), not one derived from what was typed.
    expect(out.CodeDeliveryDetails).toEqual({ Destination: expect.stringMatching(/^[a-z]\*\*\*@[a-z]\*\*\*$/), DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const again = await t.sdk.send(new ResendConfirmationCodeCommand({ ClientId: enabled.clientId, Username: 'ghost@example.com' }));
    expect(again.CodeDeliveryDetails).toEqual(out.CodeDeliveryDetails);
    expect(await messages(t.url, enabled.userPoolId, 'ghost@example.com')).toEqual([]);
  });

  it('refuses when the pool auto-verifies nothing', async () => {
    const { clientId, username } = await signedUp({ AutoVerifiedAttributes: [] });
    await expectError(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }), 'NotAuthorizedException', 'Cannot resend codes. Auto verification not turned on.');
  });
});

describe('AdminConfirmSignUp', () => {
  it('confirms without a code and leaves email_verified unset; the pending code is spent', async () => {
    const { clientId, userPoolId, username } = await signedUp();
    const code = await lastCode(t.url, userPoolId, username);
    const out = await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username, ClientMetadata: { a: 'b' } }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await status(userPoolId, username)).toBe('CONFIRMED');
    expect((await attributes(userPoolId, username)).email_verified).toBeUndefined();
    await expectError(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
  });

  it('answers an unknown user with "User does not exist." and an unknown pool with ResourceNotFoundException', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    await expectError(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new AdminConfirmSignUpCommand({ UserPoolId: 'us-east-1_nope', Username: 'ghost' }), 'ResourceNotFoundException', 'User pool us-east-1_nope does not exist.');
  });

  it('refuses a confirmed user with NotAuthorizedException', async () => {
    const { userPoolId, username } = await signedUp();
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
    await expectError(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
  });
});

/** A server of its own for tests that move the clock (the clock is per server). */
const startOwnServer = () => startServer();
async function signedUpOn(server: TestServer) {
  const ids = await createPoolAndClient(server.sdk);
  await server.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: 'late', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'late@example.com' }] }));
  return { ...ids, username: 'late' };
}
