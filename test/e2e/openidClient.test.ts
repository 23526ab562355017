/**
 * kognito's OAuth 2.0 / OIDC endpoints through openid-client (the certified relying party): discovery,
 * client_credentials with custom scopes, authorization code + PKCE (the hosted sign-in page driven by
 * HTTP form posts), refresh, userInfo and revoke. Every token is also verified with aws-jwt-verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { AdminConfirmSignUpCommand, GetUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Browser, CALLBACK, oauthPool, startServerWithOwnIssuer } from '../support/hostedUi.js';
import type { TestServer } from '../support/server.js';

let t: TestServer;
let ids: Awaited<ReturnType<typeof oauthPool>>;
let issuer: string;
let verifier: { verify(jwt: string, properties?: Record<string, unknown>): Promise<unknown> };
const PASSWORD = 'Passw0rd!';

beforeAll(async () => {
  t = await startServerWithOwnIssuer();
  ids = await oauthPool(t);
  issuer = `${t.url}/${ids.userPoolId}`;
  await t.sdk.send(
    new SignUpCommand({ ClientId: ids.web.ClientId, Username: 'jane', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }, { Name: 'name', Value: 'Jane Doe' }] }),
  );
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: 'jane' }));
  // aws-jwt-verify fetches JWKS only over https: hand it kognito's, as the README shows.
  const rsa = JwtRsaVerifier.create({ issuer, audience: null, jwksUri: `${issuer}/.well-known/jwks.json` });
  rsa.cacheJwks(await (await fetch(`${issuer}/.well-known/jwks.json`)).json());
  verifier = rsa as never;
});
afterAll(() => t.close());

const discover = (clientId: string, auth?: oidc.ClientAuth) =>
  oidc.discovery(new URL(issuer), clientId, undefined, auth ?? oidc.None(), { execute: [oidc.allowInsecureRequests] });

/** The claims of a JWT, in order. */
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

/** Signs jane in on the hosted page (HTTP form posts) and returns the callback URL with the code. */
async function signInAtHostedPage(authorizationUrl: URL): Promise<URL> {
  const browser = new Browser(t.url);
  const login = await browser.follow(authorizationUrl.href);
  expect(login.url).toContain('/login?');
  expect(login.html).toContain('id="signInFormUsername"');
  const callback = await browser.submit(login, { username: 'jane', password: PASSWORD });
  expect(callback.status).toBe(302);
  expect(callback.location!.startsWith(`${CALLBACK}?code=`)).toBe(true);
  return new URL(callback.location!);
}

describe('openid-client against kognito', () => {
  it('discovers the pool: issuer, JWKS and the endpoints at kognito', async () => {
    const config = await discover(ids.web.ClientId!);
    expect(config.serverMetadata()).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${t.url}/oauth2/authorize`,
      token_endpoint: `${t.url}/oauth2/token`,
      userinfo_endpoint: `${t.url}/oauth2/userInfo`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('client_credentials with custom scopes: an access token with Cognito M2M claims and no user', async () => {
    const config = await discover(ids.m2m.ClientId!, oidc.ClientSecretBasic(ids.m2m.ClientSecret!));
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'api/read' });
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.refresh_token).toBeUndefined();
    const claims = claimsOf(tokens.access_token);
    expect(Object.keys(claims)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(claims).toMatchObject({ sub: ids.m2m.ClientId, client_id: ids.m2m.ClientId, token_use: 'access', scope: 'api/read', iss: issuer, version: 2 });
    await verifier.verify(tokens.access_token);

    // No scope asked: every scope of the client; client_secret_post works as well.
    const post = await discover(ids.m2m.ClientId!, oidc.ClientSecretPost(ids.m2m.ClientSecret!));
    expect(claimsOf((await oidc.clientCredentialsGrant(post)).access_token).scope).toBe('api/read api/write');
  });

  it('authorization code + PKCE through the hosted page, then refresh, userInfo and revoke', async () => {
    const config = await discover(ids.web.ClientId!);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid email profile api/read',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const callback = await signInAtHostedPage(url);
    expect(callback.searchParams.get('state')).toBe(state);

    oidc.enableNonRepudiationChecks(config); // openid-client verifies the ID token's signature with kognito's JWKS too
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const idClaims = tokens.claims()!;
    expect(idClaims).toMatchObject({ iss: issuer, aud: ids.web.ClientId, token_use: 'id', 'cognito:username': 'jane', email: 'jane@example.com', name: 'Jane Doe', nonce });
    expect(typeof idClaims.at_hash).toBe('string');
    const access = claimsOf(tokens.access_token);
    expect(access).toMatchObject({ iss: issuer, version: 2, client_id: ids.web.ClientId, token_use: 'access', scope: 'openid email profile api/read', username: 'jane' });
    expect(access.origin_jti).toBe(idClaims.origin_jti);
    await verifier.verify(tokens.access_token);
    await verifier.verify(tokens.id_token!, { audience: ids.web.ClientId } as never);

    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    expect(info).toEqual({ sub: idClaims.sub, email: 'jane@example.com', name: 'Jane Doe', username: 'jane' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeUndefined();
    expect(claimsOf(refreshed.access_token)).toMatchObject({ origin_jti: access.origin_jti, auth_time: access.auth_time, scope: access.scope });
    await verifier.verify(refreshed.access_token);
    await verifier.verify(refreshed.id_token!, { audience: ids.web.ClientId } as never);

    // Cognito's discovery names no revocation endpoint: apps configure /oauth2/revoke themselves.
    const { supportsPKCE: _supportsPKCE, ...metadata } = config.serverMetadata();
    const withRevoke = new oidc.Configuration({ ...metadata, revocation_endpoint: `${t.url}/oauth2/revoke` }, ids.web.ClientId!, undefined, oidc.None());
    oidc.allowInsecureRequests(withRevoke);
    await oidc.tokenRevocation(withRevoke, tokens.refresh_token!);
    const refused = await oidc.refreshTokenGrant(config, tokens.refresh_token!).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(oidc.ResponseBodyError);
    expect(refused).toMatchObject({ error: 'invalid_grant', status: 400 });
    // The access tokens of that sign-in are revoked with it.
    const userInfoAfter = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch((error: unknown) => error);
    expect(userInfoAfter).toBeInstanceOf(oidc.WWWAuthenticateChallengeError);
    expect((userInfoAfter as oidc.WWWAuthenticateChallengeError).cause[0].parameters.error).toBe('invalid_token');
  });

  it('a confidential client redeems its code with client_secret_basic; its access token works for GetUser (aws.cognito.signin.user.admin)', async () => {
    const config = await discover(ids.server.ClientId!, oidc.ClientSecretBasic(ids.server.ClientSecret!));
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid aws.cognito.signin.user.admin', state });
    const callback = await signInAtHostedPage(url);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { expectedState: state });
    const user = await t.sdk.send(new GetUserCommand({ AccessToken: tokens.access_token }));
    expect(user.Username).toBe('jane');
    await verifier.verify(tokens.id_token!, { audience: ids.server.ClientId } as never);
  });

  it('no openid scope: no ID token, and the userInfo endpoint refuses the access token', async () => {
    const config = await discover(ids.web.ClientId!);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'api/read',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    const tokens = await oidc.authorizationCodeGrant(config, await signInAtHostedPage(url), { pkceCodeVerifier: codeVerifier });
    expect(tokens.id_token).toBeUndefined();
    expect(claimsOf(tokens.access_token).scope).toBe('api/read');
    await verifier.verify(tokens.access_token);
    const response = await fetch(`${t.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
    );
  });
});
