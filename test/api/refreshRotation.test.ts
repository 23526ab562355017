/**
 * Refresh token rotation (an app client's RefreshTokenRotation): every refresh hands out a new refresh
 * token good for the rest of the old one's life, and the old one stops working after the client's
 * RetryGracePeriodSeconds. Through the SDK v3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROTATION_WITH_REFRESH_TOKEN_AUTH } from '../../src/operations/clients/createUserPoolClient.js';
import { advanceClock, createPoolAndClient, expectSdkError, sdkFailure, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
const PASSWORD = 'Passw0rd!';
const ROTATING_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'];

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId } = await createPoolAndClient(t.sdk));
  await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'rui', MessageAction: 'SUPPRESS' }));
  await t.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'rui', Password: PASSWORD, Permanent: true }));
});
afterAll(() => t.close());

async function rotatingClient(rotation: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number }, extra: Record<string, unknown> = {}) {
  const created = await t.sdk.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'rotating', ExplicitAuthFlows: ROTATING_FLOWS, RefreshTokenRotation: rotation, ...extra }),
  );
  return created.UserPoolClient!.ClientId!;
}

const signIn = async (clientId: string) =>
  (
    await t.sdk.send(
      new AdminInitiateAuthCommand({ UserPoolId: userPoolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'rui', PASSWORD } }),
    )
  ).AuthenticationResult!;
const refresh = (clientId: string, refreshToken: string) => t.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }));
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

describe('the app client setting', () => {
  it('is shown DISABLED with no grace period when the client leaves it out, and as given otherwise', async () => {
    const plain = await createPoolAndClient(t.sdk);
    const described = await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: plain.userPoolId, ClientId: plain.clientId }));
    expect(described.UserPoolClient!.RefreshTokenRotation).toEqual({ Feature: 'DISABLED', RetryGracePeriodSeconds: 0 });
    const rotating = await rotatingClient({ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
    const shown = await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: rotating }));
    expect(shown.UserPoolClient!.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
  });

  it('cannot be ENABLED while ExplicitAuthFlows allows REFRESH_TOKEN_AUTH (Create and Update), and changes nothing then', async () => {
    await expectSdkError(
      t.sdk,
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'both',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED' },
      }),
      'InvalidParameterException',
      ROTATION_WITH_REFRESH_TOKEN_AUTH,
    );
    const clientId = await rotatingClient({ Feature: 'DISABLED' });
    await expectSdkError(
      t.sdk,
      new UpdateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 },
      }),
      'InvalidParameterException',
      ROTATION_WITH_REFRESH_TOKEN_AUTH,
    );
    const described = await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    expect(described.UserPoolClient!.RefreshTokenRotation).toEqual({ Feature: 'DISABLED', RetryGracePeriodSeconds: 0 });
    expect(described.UserPoolClient!.ExplicitAuthFlows).toEqual(ROTATING_FLOWS);
  });
});

describe('with rotation ENABLED and no grace period', () => {
  it('answers each refresh with a new refresh token of the same family; the one presented is spent', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED' });
    const first = await signIn(clientId);
    const second = (await refresh(clientId, first.RefreshToken!)).AuthenticationResult!;
    expect(second.RefreshToken).toMatch(/\S{40,}/);
    expect(second.RefreshToken).not.toBe(first.RefreshToken);
    expect(claims(second.AccessToken!).origin_jti).toBe(claims(first.AccessToken!).origin_jti);
    expect(claims(second.IdToken!).auth_time).toBe(claims(first.IdToken!).auth_time);

    await expectSdkError(t.sdk, new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken! }), 'NotAuthorizedException', 'Invalid Refresh Token');
    const third = (await refresh(clientId, second.RefreshToken!)).AuthenticationResult!;
    expect(third.RefreshToken).not.toBe(second.RefreshToken);
  });

  it('refuses REFRESH_TOKEN_AUTH, which cannot rotate', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED' });
    const first = await signIn(clientId);
    await expectSdkError(
      t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
      'InvalidParameterException',
      'REFRESH_TOKEN_AUTH flow not enabled for this client',
    );
  });

  it('lets exactly one of 8 parallel refreshes with the same token through', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED' });
    const first = await signIn(clientId);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => refresh(clientId, first.RefreshToken!)));
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((outcome) => `${outcome.reason.name}: ${outcome.reason.message}`)).toEqual(Array(7).fill('NotAuthorizedException: Invalid Refresh Token'));
  });

  it('gives the new token only what was left of the old one\'s life', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED' }, { RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: 'minutes' } });
    const first = await signIn(clientId);
    await advanceClock(t.url, 40 * 60);
    const second = (await refresh(clientId, first.RefreshToken!)).AuthenticationResult!;
    await advanceClock(t.url, 21 * 60);
    await expectSdkError(t.sdk, new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: second.RefreshToken! }), 'NotAuthorizedException', 'Refresh Token has expired');
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });

  it('revokes the whole family through the newest refresh token (RevokeToken)', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED' });
    const first = await signIn(clientId);
    const second = (await refresh(clientId, first.RefreshToken!)).AuthenticationResult!;
    await t.sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: second.RefreshToken! }));
    const error = await sdkFailure(t.sdk, new GetUserCommand({ AccessToken: first.AccessToken! }));
    expect({ name: error.name, message: error.message }).toEqual({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    await expectSdkError(t.sdk, new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: second.RefreshToken! }), 'NotAuthorizedException', 'Refresh Token has been revoked');
  });
});

describe('with a grace period', () => {
  it('keeps the old token working for RetryGracePeriodSeconds (each retry gets tokens), then refuses it', async () => {
    const clientId = await rotatingClient({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    const first = await signIn(clientId);
    const retried = await Promise.all([refresh(clientId, first.RefreshToken!), refresh(clientId, first.RefreshToken!)]);
    for (const { AuthenticationResult } of retried) expect(AuthenticationResult!.RefreshToken).toMatch(/\S{40,}/);
    await advanceClock(t.url, 9);
    expect((await refresh(clientId, first.RefreshToken!)).AuthenticationResult!.RefreshToken).toMatch(/\S{40,}/);
    await advanceClock(t.url, 2);
    await expectSdkError(t.sdk, new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken! }), 'NotAuthorizedException', 'Invalid Refresh Token');
    // The tokens handed out meanwhile are each good.
    expect((await refresh(clientId, retried[1].AuthenticationResult!.RefreshToken!)).AuthenticationResult!.AccessToken).toMatch(/^eyJ/);
    await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
  });
});

describe('at the token endpoint', () => {
  it('rotates there too: refresh_token grant answers a new refresh_token and the old one is refused (invalid_grant)', async () => {
    await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: `rotation-${Date.now()}` }));
    const clientId = await rotatingClient(
      { Feature: 'ENABLED' },
      { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example/cb'] },
    );
    const first = await signIn(clientId);
    const grant = async (refreshToken: string) => {
      const response = await fetch(`${t.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
      });
      return { status: response.status, body: await response.json() };
    };
    const rotated = await grant(first.RefreshToken!);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).toMatch(/\S{40,}/);
    expect(rotated.body.refresh_token).not.toBe(first.RefreshToken);
    expect(await grant(first.RefreshToken!)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect((await grant(rotated.body.refresh_token)).status).toBe(200);
  });
});

describe('with rotation DISABLED', () => {
  it('refreshes without a new refresh token, and the old one keeps working', async () => {
    const clientId = await rotatingClient({ Feature: 'DISABLED' }, { ExplicitAuthFlows: [...ROTATING_FLOWS, 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const first = await signIn(clientId);
    expect((await refresh(clientId, first.RefreshToken!)).AuthenticationResult!.RefreshToken).toBeUndefined();
    expect((await refresh(clientId, first.RefreshToken!)).AuthenticationResult!.AccessToken).toMatch(/^eyJ/);
  });
});
