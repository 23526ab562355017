/** ID and access tokens (tokens.md D.2-D.6, D.9) as a client receives them, verified against the served JWKS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import {
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
let clientId: string;
let jwks: JSONWebKeySet;
let tokens: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number };
let signedInAt: number;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(
    t.sdk,
    { AutoVerifiedAttributes: [], Schema: [{ Name: 'tier', AttributeDataType: 'Number', Mutable: true }] },
    { AccessTokenValidity: 10, IdTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours' } },
  ));
  await t.sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: 'ana',
      Password: 'Passw0rd!',
      UserAttributes: [
        { Name: 'email', Value: 'ana@example.com' },
        { Name: 'name', Value: 'Ana' },
        { Name: 'custom:tier', Value: '3' },
      ],
    }),
  );
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'ana' }));
  signedInAt = Math.floor(Date.now() / 1000);
  const result = await t.sdk.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD: 'Passw0rd!' } }),
  );
  tokens = result.AuthenticationResult!;
  jwks = (await (await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
});
afterAll(() => t.close());

const issuer = () => `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
const verify = async (token: string) =>
  (await jwtVerify(token, createLocalJWKSet(jwks), { issuer: issuer(), algorithms: ['RS256'] })).payload;

describe('the JWKS', () => {
  it('lists two RSA keys with exactly alg, e, kid, kty, n, use', () => {
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ alg: 'RS256', e: 'AQAB', kty: 'RSA', use: 'sig' });
      expect(key.kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(key.n as string, 'base64url').length).toBe(256);
    }
  });
});

describe('one sign-in', () => {
  it('signs both tokens with a {kid, alg} header, different kids, both in the JWKS', () => {
    const accessHeader = decodeProtectedHeader(tokens.AccessToken!);
    const idHeader = decodeProtectedHeader(tokens.IdToken!);
    expect(Object.keys(accessHeader).sort()).toEqual(['alg', 'kid']);
    expect(Object.keys(idHeader).sort()).toEqual(['alg', 'kid']);
    expect(accessHeader.kid).not.toBe(idHeader.kid);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([accessHeader.kid, idHeader.kid].sort());
  });

  it('gives an access token with exactly the D.4 claims', async () => {
    const access = await verify(tokens.AccessToken!);
    expect(Object.keys(access).sort()).toEqual(
      ['auth_time', 'client_id', 'event_id', 'exp', 'iat', 'iss', 'jti', 'origin_jti', 'scope', 'sub', 'token_use', 'username'].sort(),
    );
    expect(access).toMatchObject({ iss: issuer(), client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'ana' });
    for (const claim of ['sub', 'jti', 'origin_jti', 'event_id'] as const) expect(access[claim]).toMatch(UUID);
    expect(Math.abs((access.auth_time as number) - signedInAt)).toBeLessThanOrEqual(2);
    expect(access.iat).toBe(access.auth_time);
  });

  it('gives an ID token with the D.5 claims: verified flag as boolean, custom attribute as string', async () => {
    const id = await verify(tokens.IdToken!);
    expect(Object.keys(id).sort()).toEqual(
      ['aud', 'auth_time', 'cognito:username', 'custom:tier', 'email', 'event_id', 'exp', 'iat', 'iss', 'jti', 'name', 'origin_jti', 'sub', 'token_use'].sort(),
    );
    expect(id).toMatchObject({ aud: clientId, iss: issuer(), token_use: 'id', 'cognito:username': 'ana', email: 'ana@example.com', name: 'Ana', 'custom:tier': '3' });
  });

  it('shares sub, origin_jti, event_id and auth_time between the two tokens; jti differs', async () => {
    const access = await verify(tokens.AccessToken!);
    const id = await verify(tokens.IdToken!);
    for (const claim of ['sub', 'origin_jti', 'event_id', 'auth_time', 'iat'] as const) expect(id[claim]).toBe(access[claim]);
    expect(id.jti).not.toBe(access.jti);
  });

  it('makes exp - iat the client validity of each token, and ExpiresIn the access one', async () => {
    const access = await verify(tokens.AccessToken!);
    const id = await verify(tokens.IdToken!);
    expect(access.exp! - access.iat!).toBe(600);
    expect(id.exp! - id.iat!).toBe(7200);
    expect(tokens.ExpiresIn).toBe(600);
  });

  it('gives an opaque refresh token that is not a 3-part JWS', () => {
    expect(tokens.RefreshToken).toMatch(/^[A-Za-z0-9-_=.]+$/);
    expect(tokens.RefreshToken!.split('.')).not.toHaveLength(3);
  });

  it('refuses a token checked with the other token kind’s key', async () => {
    const [accessKey] = jwks.keys.filter((k) => k.kid === decodeProtectedHeader(tokens.AccessToken!).kid);
    const onlyAccess = createLocalJWKSet({ keys: [accessKey] });
    await expect(jwtVerify(tokens.IdToken!, onlyAccess)).rejects.toThrow();
  });
});

describe('a refresh', () => {
  it('keeps origin_jti and auth_time, mints new jti and event_id, returns no RefreshToken', async () => {
    const before = await verify(tokens.IdToken!);
    const refreshed = (
      await t.sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }))
    ).AuthenticationResult!;
    expect(refreshed.RefreshToken).toBeUndefined();
    expect(refreshed.ExpiresIn).toBe(600);
    const access: JWTPayload = await verify(refreshed.AccessToken!);
    const id: JWTPayload = await verify(refreshed.IdToken!);
    for (const token of [access, id]) {
      expect(token.origin_jti).toBe(before.origin_jti);
      expect(token.auth_time).toBe(before.auth_time);
      expect(token.jti).not.toBe(before.jti);
      expect(token.event_id).not.toBe(before.event_id);
    }
    expect(id.event_id).toBe(access.event_id);
  });
});
