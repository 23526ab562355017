/**
 * The README's token verification examples: aws-jwt-verify's CognitoJwtVerifier with kognito's JWKS
 * (AWS issuer, the default), and jose through OIDC discovery with --issuer pointing at kognito.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { AdminConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';

async function signedIn(t: TestServer) {
  const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
  await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'jane', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }] }));
  await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: 'jane' }));
  const result = await t.sdk.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'Passw0rd!' } }),
  );
  return { userPoolId, clientId, accessToken: result.AuthenticationResult!.AccessToken!, idToken: result.AuthenticationResult!.IdToken! };
}

describe('aws-jwt-verify with the default AWS issuer', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('verifies kognito access and ID tokens after cacheJwks, and refuses an ID token as an access token', async () => {
    const { userPoolId, clientId, accessToken, idToken } = await signedIn(t);
    // As in the README:
    const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId });
    verifier.cacheJwks(await (await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`)).json());
    const payload = await verifier.verify(accessToken);
    expect(payload).toMatchObject({ token_use: 'access', client_id: clientId, username: 'jane', iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}` });

    const idVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId });
    idVerifier.cacheJwks(await (await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`)).json());
    expect(await idVerifier.verify(idToken)).toMatchObject({ 'cognito:username': 'jane', email: 'jane@example.com', token_use: 'id', aud: clientId });

    await expect(verifier.verify(idToken)).rejects.toThrow(/token use/i);
  });
});

describe('OIDC discovery with --issuer pointing at kognito', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
    // The issuer must name the server's own URL, known only once it listens: restart on a fixed port.
    const port = Number(new URL(t.url).port);
    await t.close();
    t = await startServer({ issuer: `http://127.0.0.1:${port}` }, port);
  });
  afterAll(() => t.close());

  it('openid-configuration names kognito as issuer and JWKS, and jose verifies the token through it', async () => {
    const { userPoolId, clientId, accessToken } = await signedIn(t);
    const discovery = await (await fetch(`${t.url}/${userPoolId}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(`${t.url}/${userPoolId}`);
    expect(discovery.jwks_uri).toBe(`${t.url}/${userPoolId}/.well-known/jwks.json`);
    const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, algorithms: ['RS256'] });
    expect(payload.client_id).toBe(clientId);
  });
});
