/** Non-API routes (JWKS, openid-configuration, /_kognito/*) and persistence across a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, lastCode, messages, startServer, type TestServer } from '../support/server.js';

const JSON_TYPE = { 'content-type': 'application/json' };
let t: TestServer;
let userPoolId: string;
let clientId: string;
beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

describe('well-known documents', () => {
  it('serves the openid-configuration with the pool issuer and its jwks_uri', async () => {
    const response = await fetch(`${t.url}/${userPoolId}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await response.json()) as Record<string, unknown>;
    const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
    expect(doc).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'], subject_types_supported: ['public'] });
  });

  it('answers an unknown pool with 404 JSON ResourceNotFoundException on both documents', async () => {
    for (const doc of ['jwks.json', 'openid-configuration']) {
      const response = await fetch(`${t.url}/us-east-1_unknown/.well-known/${doc}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool us-east-1_unknown does not exist.' });
    }
  });

  it('uses the configured base URL as issuer when told to', async () => {
    const local = await startServer({ issuer: 'http://localhost:9329' });
    try {
      const ids = await createPoolAndClient(local.sdk);
      const doc = (await (await fetch(`${local.url}/${ids.userPoolId}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(doc.issuer).toBe(`http://localhost:9329/${ids.userPoolId}`);
      expect(doc.jwks_uri).toBe(`http://localhost:9329/${ids.userPoolId}/.well-known/jwks.json`);
    } finally {
      await local.close();
    }
  });

  it('serves the JWKS with CORS for browsers', async () => {
    const response = await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`, { headers: { origin: 'http://localhost:3000' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('/_kognito', () => {
  it('reports health', async () => {
    const response = await fetch(`${t.url}/_kognito/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('lists sent messages, filtered by pool and by username or destination', async () => {
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'mia', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'mia@example.com' }] }));
    const byName = await messages(t.url, userPoolId, 'mia');
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatchObject({ userPoolId, username: 'mia', kind: 'SIGN_UP', deliveryMedium: 'EMAIL', destination: 'mia@example.com' });
    expect(new Date((byName[0] as unknown as { createdAt: string }).createdAt).getTime()).toBeGreaterThan(0);
    expect(await messages(t.url, userPoolId, 'mia@example.com')).toEqual(byName);
    expect(await messages(t.url, 'us-east-1_other', 'mia')).toEqual([]);
    const all = (await (await fetch(`${t.url}/_kognito/messages`)).json()) as { messages: unknown[] };
    expect(all.messages.length).toBeGreaterThanOrEqual(1);
  });

  it('moves the server clock, refuses a bad body with a JSON 400, and resets the clock', async () => {
    const moved = await fetch(`${t.url}/_kognito/clock`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ advanceSeconds: 60 }) });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { offsetSeconds: number }).offsetSeconds).toBe(60);
    for (const body of ['{"advanceSeconds":"60"}', 'not json', '']) {
      const bad = await fetch(`${t.url}/_kognito/clock`, { method: 'POST', headers: JSON_TYPE, body });
      expect(bad.status, body).toBe(400);
      expect(((await bad.json()) as { __type: string }).__type).toBe('InvalidParameterException');
    }
    const reset = await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
    expect(((await reset.json()) as { offsetSeconds: number }).offsetSeconds).toBe(0);
  });

  it('reset empties the store: pools, clients and messages are gone', async () => {
    const own = await startServer();
    try {
      const ids = await createPoolAndClient(own.sdk);
      await own.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: 'zed', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'z@example.com' }] }));
      const response = await fetch(`${own.url}/_kognito/reset`, { method: 'POST', headers: JSON_TYPE });
      expect(response.status).toBe(200);
      await expect(own.sdk.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      const signUp = await call(own.url, 'SignUp', { ClientId: ids.clientId, Username: 'zed2', Password: 'Passw0rd!' });
      expect(signUp.body.__type).toBe('ResourceNotFoundException');
      expect(await messages(own.url, ids.userPoolId, 'zed')).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('persistence', () => {
  it('keeps pools, users, signing keys (same kids), codes and tokens across a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kognito-persist-'));
    try {
      const first = await startServer({ dataDir });
      const ids = await createPoolAndClient(first.sdk);
      await first.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: 'pat', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }] }));
      await first.sdk.send(new SignUpCommand({ ClientId: ids.clientId, Username: 'quinn', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'q@example.com' }] }));
      await first.sdk.send(new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: 'quinn', ConfirmationCode: await lastCode(first.url, ids.userPoolId, 'quinn') }));
      const tokens = (await first.sdk.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'quinn', PASSWORD: 'Passw0rd!' } })))
        .AuthenticationResult!;
      const code = await lastCode(first.url, ids.userPoolId, 'pat');
      const jwksBefore = await (await fetch(`${first.url}/${ids.userPoolId}/.well-known/jwks.json`)).json();
      await first.close();

      const second = await startServer({ dataDir });
      try {
        expect((await second.sdk.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }))).UserPool?.Id).toBe(ids.userPoolId);
        expect(await (await fetch(`${second.url}/${ids.userPoolId}/.well-known/jwks.json`)).json()).toEqual(jwksBefore);
        expect(await lastCode(second.url, ids.userPoolId, 'pat')).toBe(code);
        await second.sdk.send(new ConfirmSignUpCommand({ ClientId: ids.clientId, Username: 'pat', ConfirmationCode: code }));
        expect((await second.sdk.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: 'pat' }))).UserStatus).toBe('CONFIRMED');
        expect((await second.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).Username).toBe('quinn');
        const refreshed = await second.sdk.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }));
        expect(refreshed.AuthenticationResult?.AccessToken).toBeDefined();
        const signIn = await second.sdk.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pat', PASSWORD: 'Passw0rd!' } }));
        expect(signIn.AuthenticationResult?.IdToken).toBeDefined();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
