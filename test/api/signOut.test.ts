/** GetTokensFromRefreshToken, RevokeToken, GlobalSignOut and AdminUserGlobalSignOut through the SDK v3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/domain/appClients.js';
import { createPoolAndClient, sdkFailure, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
  for (const username of ['ana', 'bo', 'cy']) {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  }
});
afterAll(() => t.close());

const signIn = async (username: string, client = clientId) =>
  (await t.sdk.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } })))
    .AuthenticationResult!;
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
async function failure(command: any): Promise<{ name: string; message: string }> {
  const { name, message } = await sdkFailure(t.sdk, command);
  return { name, message };
}

describe('GetTokensFromRefreshToken', () => {
  it('mints new ID and access tokens of the same family, without a new refresh token', async () => {
    const first = await signIn('ana');
    const refreshed = await t.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken! }));
    const result = refreshed.AuthenticationResult!;
    expect(result.RefreshToken).toBeUndefined();
    expect(result.ExpiresIn).toBe(3600);
    expect(claims(result.AccessToken!).origin_jti).toBe(claims(first.AccessToken!).origin_jti);
    expect(claims(result.AccessToken!).jti).not.toBe(claims(first.AccessToken!).jti);
  });

  it('refuses an unknown refresh token with "Invalid Refresh Token"', async () => {
    expect(await failure(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: 'not-a-token' }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
  });

  it('requires the ClientSecret of a client that has one', async () => {
    const secret = await createPoolAndClient(t.sdk, {}, { GenerateSecret: true });
    const hash = secretHash(secret.clientSecret!, 'dee', secret.clientId);
    await t.sdk.send(new SignUpCommand({ ClientId: secret.clientId, Username: 'dee', Password: PASSWORD, SecretHash: hash }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: secret.userPoolId, Username: 'dee' }));
    const tokens = (
      await t.sdk.send(
        new InitiateAuthCommand({ ClientId: secret.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dee', PASSWORD, SECRET_HASH: hash } }),
      )
    ).AuthenticationResult!;
    expect(await failure(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: tokens.RefreshToken! }))).toEqual({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret for client ${secret.clientId}`,
    });
    const ok = await t.sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: tokens.RefreshToken!, ClientSecret: secret.clientSecret }),
    );
    expect(claims(ok.AuthenticationResult!.AccessToken!).username).toBe('dee');
  });
});

describe('RevokeToken', () => {
  it('revokes the refresh token and every token of its family', async () => {
    const tokens = await signIn('bo');
    await t.sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken! }));
    expect(await failure(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect(await failure(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: tokens.RefreshToken! }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    // A new sign-in is a new family and works.
    const again = await signIn('bo');
    expect((await t.sdk.send(new GetUserCommand({ AccessToken: again.AccessToken! }))).Username).toBe('bo');
  });

  it('refuses an access token with UnsupportedTokenTypeException', async () => {
    const tokens = await signIn('bo');
    expect(await failure(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.AccessToken! }))).toEqual({
      name: 'UnsupportedTokenTypeException',
      message: 'Unsupported token type.',
    });
  });
});

describe('GlobalSignOut and AdminUserGlobalSignOut', () => {
  it('GlobalSignOut revokes every earlier token; a later sign-in works', async () => {
    const one = await signIn('cy');
    const two = await signIn('cy');
    await t.sdk.send(new GlobalSignOutCommand({ AccessToken: one.AccessToken! }));
    for (const tokens of [one, two]) {
      expect(await failure(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
    }
    const after = await signIn('cy');
    expect((await t.sdk.send(new GetUserCommand({ AccessToken: after.AccessToken! }))).Username).toBe('cy');
  });

  it('AdminUserGlobalSignOut does the same by username, and answers UserNotFoundException for a stranger', async () => {
    const tokens = await signIn('ana');
    await t.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: 'ana' }));
    expect(await failure(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect(await failure(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: 'ghost' }))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});
