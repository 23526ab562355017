/**
 * Account state through the SDK v3: AdminDisableUser / AdminEnableUser (sign-in, tokens, refresh and a
 * sign-in in progress refused as "User is disabled.") and DeleteUser (everything of the user goes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { srpSignIn } from '../support/srpSignIn.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Passw0rd!';
const DISABLED = ['NotAuthorizedException', 'User is disabled.'] as const;

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } }));
});
afterAll(() => t.close());

const expectError = (command: unknown, name: string, message: string) => expectSdkError(t.sdk, command, name, message);

async function user(username: string) {
  await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
  await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
}
const passwordAuth = (USERNAME: string, password = PASSWORD) =>
  new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: password } });
const signIn = async (username: string) => (await t.sdk.send(passwordAuth(username))).AuthenticationResult!;

describe('AdminDisableUser and AdminEnableUser', () => {
  it('a disabled user cannot sign in (password or SRP), and their tokens and refresh tokens are refused', async () => {
    await user('dan');
    const tokens = await signIn('dan');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'dan' }));

    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'dan' }))).Enabled).toBe(false);
    const listed = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'username = "dan"' }));
    expect(listed.Users?.map((u) => [u.Username, u.Enabled])).toEqual([['dan', false]]);

    await expectError(passwordAuth('dan'), ...DISABLED);
    await expect(srpSignIn(t.sdk, { userPoolId, clientId, username: 'dan', password: PASSWORD })).rejects.toMatchObject({ name: DISABLED[0], message: DISABLED[1] });
    await expectError(new GetUserCommand({ AccessToken: tokens.AccessToken }), ...DISABLED);
    await expectError(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: tokens.RefreshToken }), ...DISABLED);
    await expectError(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken!, DEVICE_KEY: tokens.NewDeviceMetadata!.DeviceKey! } }),
      ...DISABLED,
    );
  });

  it('re-enabled, the user signs in again, but the tokens from before the disabling stay revoked', async () => {
    await user('eve');
    const before = await signIn('eve');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'eve' }));
    await t.sdk.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: 'eve' }));
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'eve' }))).Enabled).toBe(true);

    const after = await signIn('eve');
    expect((await t.sdk.send(new GetUserCommand({ AccessToken: after.AccessToken }))).Username).toBe('eve');
    await expectError(new GetUserCommand({ AccessToken: before.AccessToken }), 'NotAuthorizedException', 'Access Token has been revoked');
    await expectError(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: before.RefreshToken }), 'NotAuthorizedException', 'Refresh Token has been revoked');
  });

  it('a sign-in in progress (NEW_PASSWORD_REQUIRED) cannot be finished once the user is disabled', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'fox', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    const started = await t.sdk.send(passwordAuth('fox', 'Temp0rary!'));
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await t.sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'fox' }));
    await expectError(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session, ChallengeResponses: { USERNAME: 'fox', NEW_PASSWORD: PASSWORD } }),
      ...DISABLED,
    );
  });

  it('answer an unknown user or pool as AWS does', async () => {
    await expectError(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new AdminDisableUserCommand({ UserPoolId: 'us-east-1_Nope12345', Username: 'dan' }), 'ResourceNotFoundException', 'User pool us-east-1_Nope12345 does not exist.');
  });
});

describe('DeleteUser', () => {
  it('deletes the signed-in user with their devices, tokens and sessions; the name is free again', async () => {
    await user('gus');
    const tokens = await signIn('gus');
    const store = t.server.ctx.store;
    expect(store.devices.get(tokens.NewDeviceMetadata!.DeviceKey!)).toBeDefined();
    expect(await t.sdk.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });

    await expectError(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'gus' }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new GetUserCommand({ AccessToken: tokens.AccessToken }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new DeleteUserCommand({ AccessToken: tokens.AccessToken }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: tokens.RefreshToken }), 'NotAuthorizedException', 'Invalid Refresh Token');
    expect(store.devices.get(tokens.NewDeviceMetadata!.DeviceKey!)).toBeUndefined();
    const left = (table: string) => store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_pool_id = ? AND username = ?`).get(userPoolId, 'gus') as { n: number };
    for (const table of ['devices', 'refresh_tokens', 'auth_sessions', 'password_history', 'auth_events']) expect(left(table).n, table).toBe(0);

    // A new gus is a new user: the old token does not reach them.
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'gus', Password: PASSWORD }));
    await expectError(new GetUserCommand({ AccessToken: tokens.AccessToken }), 'UserNotFoundException', 'User does not exist.');
  });

  it('refuses a token that is not an access token', async () => {
    await expectError(new DeleteUserCommand({ AccessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' }), 'NotAuthorizedException', 'Invalid Access Token');
  });
});
