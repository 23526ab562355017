/**
 * A real browser at the hosted sign-in: headless Chromium (Debian's package, installed by .ci/run)
 * driven by playwright-core opens the authorize URL, types the username and password (and a TOTP code
 * for an MFA user), and lands on the app's callback with a code that openid-client exchanges.
 * A screenshot of the sign-in page is kept in test-artifacts/ (ignored by git).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser as Chromium } from 'playwright-core';
import * as oidc from 'openid-client';
import { AdminSetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { oauthPool, startServerWithOwnIssuer } from '../support/hostedUi.js';
import { confirmedUser, PASSWORD, userWithVerifiedToken } from '../support/mfaUsers.js';
import { freshTotpCode } from '../support/authenticatorApp.js';
import type { TestServer } from '../support/server.js';

const CHROMIUM = '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent) console.warn(`browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);
/** The flags this machine's Chromium needs headless as root without a network (see the machine notes). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

let t: TestServer;
let app: Server;
let callback: string;
let browser: Chromium;
let ids: Awaited<ReturnType<typeof oauthPool>>;
let clientId: string;
let secretCode: string;

describe.skipIf(!chromiumPresent)('headless Chromium at the hosted sign-in', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    t = await startServerWithOwnIssuer();
    // The app: its callback page only says where the browser landed.
    app = createServer((_request, response) => response.end('<!DOCTYPE html><title>App</title><h1 id="landed">Signed in</h1>'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const address = app.address();
    callback = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/callback`;
    ids = await oauthPool(t);
    clientId = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.userPoolId,
          ClientName: 'browser-app',
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid', 'email', 'profile'],
          CallbackURLs: [callback],
          SupportedIdentityProviders: ['COGNITO'],
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    await confirmedUser(t, ids.userPoolId, clientId, 'alice');
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' }));
    secretCode = (await userWithVerifiedToken(t, clientId, ids.userPoolId, 'bob')).secretCode;
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: ids.userPoolId, Username: 'bob', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await t?.close();
  });

  /** Opens the authorize URL in a fresh browser context, signs in as a person would, returns where it landed. */
  async function signIn(username: string, screenshot?: string, mfaCode?: () => Promise<string>) {
    const config = await oidc.discovery(new URL(`${t.url}/${ids.userPoolId}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callback,
      scope: 'openid email profile',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(url.href);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.title()).toBe('Sign in');
      if (screenshot) {
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: new URL(screenshot, ARTIFACTS).pathname, fullPage: true });
      }
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.click('#signInSubmitButton');
      if (mfaCode) {
        await page.waitForSelector('#mfaCode');
        await page.fill('#mfaCode', await mfaCode());
        await page.click('#mfaSubmitButton');
      }
      await page.waitForURL((landed) => landed.href.startsWith(callback));
      expect(await page.textContent('#landed')).toBe('Signed in');
      const cookies = await context.cookies(t.url);
      expect(cookies.find((c) => c.name === `cognito_${ids.userPoolId}`)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: codeVerifier, expectedState: state, idTokenExpected: true });
      return tokens.claims()!;
    } finally {
      await context.close();
    }
  }

  it('signs a user in with username and password, and the app exchanges the code', async () => {
    const claims = await signIn('alice', 'hosted-login.png');
    expect(claims).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com', aud: clientId });
    expect(existsSync(new URL('hosted-login.png', ARTIFACTS))).toBe(true);
  });

  it('signs an MFA user in with the code of the authenticator app', async () => {
    const claims = await signIn('bob', undefined, () => freshTotpCode(t, secretCode));
    expect(claims['cognito:username']).toBe('bob');
  });
});
