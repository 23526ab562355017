/**
 * Amplify v6 token lifecycle against a real listening kognito: refresh through GetTokensFromRefreshToken
 * (forced, and by itself once its clock says the access token expired), device-bound refresh, and sign-out
 * through RevokeToken / GlobalSignOut (spec: tokens.md).
 *
 * Amplify decides that a token expired with its OWN wall clock: `Date.now() + clockDrift + 5 s > exp`, where
 * clockDrift = `iat * 1000 - Date.now()` measured when the tokens arrived. It never reads kognito's clock
 * otherwise, so moving only the server clock (advanceClock) makes the server refuse the token while Amplify
 * still hands it out; time passing for both (a fake Date in this process, which the server's clock also
 * follows) makes Amplify refresh on its own.
 * Amplify's state is per process: this file only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetTokensFromRefreshTokenCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignUp, fetchAuthSession, signIn, signOut, signUp } from 'aws-amplify/auth';
import { advanceClock, createPoolAndClient, lastCode, startServer, type TestServer } from '../support/server.js';
import { configureAmplify, type MemoryKeyValueStorage } from '../support/amplify.js';
import { recordWire, type WireLog } from '../support/wireLog.js';
import { verifyWithPoolJwks } from '../support/jwt.js';

const PASSWORD = 'Corr3ct-Horse!';
/** The default access token validity of a new app client. */
const ACCESS_TOKEN_SECONDS = 3600;

let server: TestServer;
let wire: WireLog;

beforeAll(async () => {
  server = await startServer();
  wire = recordWire();
});
afterEach(() => {
  vi.useRealTimers();
  server.server.ctx.clock.reset();
  wire.clear();
});
afterAll(async () => {
  wire.stop();
  await server.close();
});

/** A pool and client, Amplify pointed at them, and a confirmed user signed in through SRP. */
async function signedInUser(username: string, pool: Record<string, unknown> = {}) {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk, pool);
  const storage = configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } });
  await confirmSignUp({ username, confirmationCode: await lastCode(server.url, userPoolId, username) });
  await expect(signIn({ username, password: PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
  expect(wire.steps()).toContain('RespondToAuthChallenge:PASSWORD_VERIFIER');
  const { tokens } = await fetchAuthSession();
  wire.clear();
  return {
    userPoolId,
    clientId,
    storage,
    accessToken: tokens!.accessToken.toString(),
    idToken: tokens!.idToken!.toString(),
    refreshToken: storage.find('.refreshToken')!,
  };
}

function claims(userPoolId: string, token: string) {
  return verifyWithPoolJwks(server.url, userPoolId, token);
}

function storedDrift(storage: MemoryKeyValueStorage): number {
  return Number(storage.find('.clockDrift'));
}

describe('Amplify v6: token refresh through GetTokensFromRefreshToken', () => {
  it('fetchAuthSession({ forceRefresh: true }) gets new ID and access tokens of the same family and keeps the refresh token', async () => {
    const { userPoolId, clientId, storage, accessToken, idToken, refreshToken } = await signedInUser('rita');
    expect(refreshToken).toBeTruthy();

    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(wire.calls.map((c) => [c.operation, c.status])).toEqual([['GetTokensFromRefreshToken', 200]]);
    const [refreshCall] = wire.calls;
    expect(refreshCall.request).toMatchObject({ ClientId: clientId, RefreshToken: refreshToken });
    expect(refreshCall.request).not.toHaveProperty('DeviceKey');
    expect(Object.keys(refreshCall.response.AuthenticationResult).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    expect(refreshCall.response.AuthenticationResult).toMatchObject({ ExpiresIn: ACCESS_TOKEN_SECONDS, TokenType: 'Bearer' });

    const newAccess = tokens!.accessToken.toString();
    const newId = tokens!.idToken!.toString();
    expect(newAccess).toBe(refreshCall.response.AuthenticationResult.AccessToken);
    expect(newAccess).not.toBe(accessToken);
    const [oldA, newA, oldI, newI] = await Promise.all([accessToken, newAccess, idToken, newId].map((t) => claims(userPoolId, t)));
    expect(newA.jti).not.toBe(oldA.jti);
    expect(newA).toMatchObject({ origin_jti: oldA.origin_jti, auth_time: oldA.auth_time, username: 'rita', token_use: 'access' });
    expect(newI.jti).not.toBe(oldI.jti);
    expect(newI).toMatchObject({ origin_jti: oldI.origin_jti, auth_time: oldI.auth_time, 'cognito:username': 'rita', token_use: 'id' });
    // No new refresh token was issued: Amplify keeps the one it had.
    expect(storage.find('.refreshToken')).toBe(refreshToken);
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: newAccess }))).resolves.toMatchObject({ Username: 'rita' });
    await signOut();
  });

  it('moving only the server clock past exp makes kognito refuse the access token; Amplify, judging by its own clock, refreshes only when forced, then learns the drift from iat', async () => {
    const { userPoolId, storage, accessToken } = await signedInUser('sam');
    expect(Math.abs(storedDrift(storage))).toBeLessThan(2000);

    await advanceClock(server.url, ACCESS_TOKEN_SECONDS + 1);
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    // Amplify's clock has not moved: it hands out the cached token without calling the server.
    const cached = await fetchAuthSession();
    expect(cached.tokens!.accessToken.toString()).toBe(accessToken);
    expect(wire.calls).toEqual([]);

    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(wire.steps()).toEqual(['GetTokensFromRefreshToken']);
    const refreshed = await claims(userPoolId, tokens!.accessToken.toString());
    // iat comes from the server clock, so Amplify now knows kognito is ~an hour ahead.
    expect(refreshed.iat! * 1000).toBeGreaterThanOrEqual(server.server.ctx.clock.now() - 5000);
    expect(storedDrift(storage)).toBeGreaterThan((ACCESS_TOKEN_SECONDS - 5) * 1000);
    expect(storedDrift(storage)).toBeLessThan((ACCESS_TOKEN_SECONDS + 10) * 1000);
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: tokens!.accessToken.toString() }))).resolves.toMatchObject({ Username: 'sam' });
    wire.clear();
    // With that drift the fresh token is not considered expired: no further refresh.
    await fetchAuthSession();
    expect(wire.calls).toEqual([]);
    await signOut();
  });

  it('once time passes the access token expiry (Amplify and kognito alike), fetchAuthSession refreshes by itself', async () => {
    const { userPoolId, accessToken } = await signedInUser('tess');
    const oldA = await claims(userPoolId, accessToken);

    // Only Date is faked (timers and I/O stay real); kognito's clock reads Date.now() too.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + (ACCESS_TOKEN_SECONDS + 1) * 1000);
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({ message: 'Access Token has expired' });

    const { tokens } = await fetchAuthSession();
    expect(wire.calls.map((c) => [c.operation, c.status])).toEqual([['GetTokensFromRefreshToken', 200]]);
    const newAccess = tokens!.accessToken.toString();
    const newA = await claims(userPoolId, newAccess);
    expect(newA.jti).not.toBe(oldA.jti);
    expect(newA.origin_jti).toBe(oldA.origin_jti);
    expect(newA.exp! * 1000).toBeGreaterThan(Date.now());
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: newAccess }))).resolves.toMatchObject({ Username: 'tess' });
    wire.clear();
    // The new token is fresh: the next fetchAuthSession serves it from the cache.
    await expect(fetchAuthSession()).resolves.toMatchObject({ tokens: { accessToken: { payload: { jti: newA.jti } } } });
    expect(wire.calls).toEqual([]);
    await signOut();
  });

  it('with device tracking, the refresh carries the DeviceKey and the new access token keeps that device_key', async () => {
    const { userPoolId, storage, accessToken } = await signedInUser('uma', {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const deviceKey = storage.find('.deviceKey');
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    expect((await claims(userPoolId, accessToken)).device_key).toBe(deviceKey);

    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(wire.calls.map((c) => [c.operation, c.request.DeviceKey, c.status])).toEqual([['GetTokensFromRefreshToken', deviceKey, 200]]);
    const refreshed = await claims(userPoolId, tokens!.accessToken.toString());
    expect(refreshed).toMatchObject({ username: 'uma', device_key: deviceKey });
    await signOut();
  });
});

describe('Amplify v6: sign-out', () => {
  it('signOut() revokes the refresh token with RevokeToken; the old refresh token and its access token are refused afterwards', async () => {
    const { clientId, storage, accessToken, refreshToken } = await signedInUser('vera');

    await signOut();
    expect(wire.calls.map((c) => [c.operation, c.status, c.response])).toEqual([['RevokeToken', 200, {}]]);
    expect(wire.calls[0].request).toEqual({ ClientId: clientId, Token: refreshToken });
    expect(storage.find('.refreshToken')).toBeUndefined();

    await expect(server.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    // A new sign-in starts a new, valid family.
    await expect(signIn({ username: 'vera', password: PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    await expect(server.sdk.send(new GetUserCommand({ AccessToken: tokens!.accessToken.toString() }))).resolves.toMatchObject({ Username: 'vera' });
    await signOut();
  });

  it('signOut({ global: true }) calls GlobalSignOut; the old access token and refresh token are refused afterwards', async () => {
    const { clientId, accessToken, refreshToken } = await signedInUser('walt');

    await signOut({ global: true });
    expect(wire.calls.map((c) => [c.operation, c.status, c.response])).toEqual([['GlobalSignOut', 200, {}]]);
    expect(wire.calls[0].request).toEqual({ AccessToken: accessToken });

    await expect(server.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await expect(server.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });
});
