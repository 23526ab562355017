/** USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH and GetUser through the SDK v3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminInitiateAuthCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/domain/appClients.js';
import { advanceClock, call, createPoolAndClient, startServer, expectSdkError, sdkFailure, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
  await confirmedUser(clientId, userPoolId, 'ana');
});
afterAll(() => t.close());

async function confirmedUser(client: string, pool: string, username: string, hash?: string) {
  await t.sdk.send(new SignUpCommand({ ClientId: client, Username: username, Password: PASSWORD, SecretHash: hash, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username: username }));
}
const failure = (command: any) => sdkFailure(t.sdk, command);
const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const passwordAuth = (USERNAME: string, PASSWORD_: string, client = clientId) =>
  new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } });
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

describe('USER_PASSWORD_AUTH', () => {
  it('signs in with tokens, ChallengeParameters {} and no Session', async () => {
    const r = await call(t.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['AuthenticationResult', 'ChallengeParameters']);
    expect(r.body.ChallengeParameters).toEqual({});
    expect(Object.keys(r.body.AuthenticationResult).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
  });

  it('refuses a wrong password with NotAuthorizedException "Incorrect username or password."', async () => {
    await expectError(passwordAuth('ana', 'Wr0ngPass!'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('answers an unknown user with UserNotFoundException under LEGACY, NotAuthorizedException under ENABLED', async () => {
    await expectError(passwordAuth('ghost', PASSWORD), 'UserNotFoundException', 'User does not exist.');
    const enabled = await createPoolAndClient(t.sdk, {}, { PreventUserExistenceErrors: 'ENABLED' });
    await expectError(passwordAuth('ghost', PASSWORD, enabled.clientId), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('refuses an unconfirmed user with UserNotConfirmedException "User is not confirmed."', async () => {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'newbie', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'n@example.com' }] }));
    await expectError(passwordAuth('newbie', PASSWORD), 'UserNotConfirmedException', 'User is not confirmed.');
  });

  it('refuses the flow on a client that does not allow it', async () => {
    const { clientId: srpOnly } = await createPoolAndClient(t.sdk, {}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await expectError(passwordAuth('ana', PASSWORD, srpOnly), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
  });

  it('refuses an admin flow through InitiateAuth and a missing PASSWORD', async () => {
    const error = await failure(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD } }));
    expect(error.name).toBe('InvalidParameterException');
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana' } }), 'InvalidParameterException', 'Missing required parameter PASSWORD');
  });

  it('on a secret client requires SECRET_HASH', async () => {
    const { userPoolId: pool, clientId: client, clientSecret } = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    await confirmedUser(client, pool, 'sam', secretHash(clientSecret!, 'sam', client));
    await expectError(passwordAuth('sam', PASSWORD, client), 'NotAuthorizedException', `Client ${client} is configured with secret but SECRET_HASH was not received`);
    const ok = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD, SECRET_HASH: secretHash(clientSecret!, 'sam', client) } }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('ADMIN_USER_PASSWORD_AUTH', () => {
  it('signs in through AdminInitiateAuth', async () => {
    const out = await t.sdk.send(new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD } }));
    expect(claims(out.AuthenticationResult!.AccessToken!).username).toBe('ana');
  });

  it('refuses a client of another pool with ResourceNotFoundException', async () => {
    const other = await createPoolAndClient(t.sdk);
    await expectError(
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: other.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD } }),
      'ResourceNotFoundException',
      `User pool client ${other.clientId} does not exist.`,
    );
  });
});

describe('REFRESH_TOKEN_AUTH', () => {
  it('returns new tokens without a RefreshToken, same origin_jti and auth_time', async () => {
    const first = (await t.sdk.send(passwordAuth('ana', PASSWORD))).AuthenticationResult!;
    const refreshed = await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();
    expect(refreshed.ChallengeParameters).toEqual({});
    const before = claims(first.AccessToken!);
    const after = claims(refreshed.AuthenticationResult!.AccessToken!);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.jti).not.toBe(before.jti);
    const legacyName = await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    expect(legacyName.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('refuses an unknown refresh token and one issued to another client with "Invalid Refresh Token"', async () => {
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'bogus.token' } }), 'NotAuthorizedException', 'Invalid Refresh Token');
    const first = (await t.sdk.send(passwordAuth('ana', PASSWORD))).AuthenticationResult!;
    const other = await createPoolAndClient(t.sdk);
    await expectError(
      new InitiateAuthCommand({ ClientId: other.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );
  });

  it('refuses a missing REFRESH_TOKEN parameter', async () => {
    await expectError(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: {} }), 'InvalidParameterException', 'Missing required parameter REFRESH_TOKEN');
  });
});

describe('GetUser', () => {
  it('returns the user for a valid access token', async () => {
    const tokens = (await t.sdk.send(passwordAuth('ana', PASSWORD))).AuthenticationResult!;
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(user.Username).toBe('ana');
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'ana@example.com' });
    expect(user.UserAttributes?.[0].Name).toBe('sub');
  });

  it('refuses garbage and an ID token with "Invalid Access Token"', async () => {
    const tokens = (await t.sdk.send(passwordAuth('ana', PASSWORD))).AuthenticationResult!;
    await expectError(new GetUserCommand({ AccessToken: 'garbage' }), 'NotAuthorizedException', 'Invalid Access Token');
    await expectError(new GetUserCommand({ AccessToken: tokens.IdToken }), 'NotAuthorizedException', 'Invalid Access Token');
    const [header, , signature] = tokens.AccessToken!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(tokens.AccessToken!), username: 'someone' })).toString('base64url');
    await expectError(new GetUserCommand({ AccessToken: `${header}.${forged}.${signature}` }), 'NotAuthorizedException', 'Invalid Access Token');
  });

  it('refuses an expired access token with "Access Token has expired"', async () => {
    const own = await startServer();
    try {
      const ids = await createPoolAndClient(own.sdk);
      await own.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: 'old', Password: PASSWORD }));
      await own.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: 'old' }));
      const tokens = (await own.sdk.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'old', PASSWORD } })))
        .AuthenticationResult!;
      await advanceClock(own.url, 3601);
      const error = await own.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })).catch((e) => e);
      expect([error.name, error.message]).toEqual(['NotAuthorizedException', 'Access Token has expired']);
    } finally {
      await own.close();
    }
  });
});
