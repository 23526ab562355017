/**
 * The pool endpoints on the wire: /oauth2/authorize errors (error page or `?error=` redirect), the
 * token, userInfo and revoke endpoints' errors, and the hosted sign-in page: Cognito's messages, the
 * CSRF token and cookies, MFA (TOTP and its setup), a new password, SSO and logout, the implicit
 * grant, and federation through the stand-in provider page.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Browser, CALLBACK, SIGNED_OUT, oauthPool, textOf, type Page } from '../support/hostedUi.js';
import { messages, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, PASSWORD, userWithVerifiedToken } from '../support/mfaUsers.js';
import { freshTotpCode, wrongTotpCode } from '../support/authenticatorApp.js';
import { totpCode } from '../../src/domain/totp.js';

let t: TestServer;
let ids: Awaited<ReturnType<typeof oauthPool>>;
beforeAll(async () => {
  t = await startServer();
  ids = await oauthPool(t);
  await confirmedUser(t, ids.userPoolId, ids.web.ClientId!, 'jane');
});
afterAll(() => t.close());

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const authorizeUrl = (parameters: Record<string, string>) =>
  `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: ids.web.ClientId!, redirect_uri: CALLBACK, ...parameters })}`;
const callbackParams = (page: Page) => {
  expect(page.status, page.html).toBe(302);
  expect(page.location!.startsWith(CALLBACK)).toBe(true);
  return new URL(page.location!).searchParams;
};

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

/** Signs `username` in on the hosted page and returns the callback's code. */
async function codeFor(username: string, parameters: Record<string, string> = {}, browser = new Browser(t.url)) {
  const login = await browser.follow(authorizeUrl(parameters));
  return callbackParams(await browser.submit(login, { username, password: PASSWORD })).get('code')!;
}

describe('/oauth2/authorize', () => {
  it('sends a browser with an unknown client or a foreign redirect_uri to the error page', async () => {
    const browser = new Browser(t.url);
    const unknown = await browser.request(authorizeUrl({ client_id: 'nosuchclient' }));
    expect(unknown.status).toBe(302);
    expect(unknown.location).toMatch(/^\/error\?error=invalid_request&/);
    const mismatch = await browser.request(authorizeUrl({ redirect_uri: 'https://evil.example.com/cb' }));
    expect(mismatch.location).toMatch(/^\/error\?error=redirect_mismatch&/);
    const page = await browser.request(mismatch.location!);
    expect(page.status).toBe(400);
    expect(textOf(page.html, 'errorTitle')).toBe('An error was encountered with the requested page.');
    expect(textOf(page.html, 'errorCode')).toBe('redirect_mismatch');
  });

  it.each([
    [{ response_type: '' }, 'invalid_request'],
    [{ response_type: 'id_token' }, 'unsupported_response_type'],
    [{ response_type: 'token' }, 'unauthorized_client'],
    [{ scope: 'openid api/write' }, 'invalid_scope'],
    [{ code_challenge: 'abc' }, 'invalid_request'],
    [{ code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
    [{ identity_provider: 'Nobody' }, 'invalid_request'],
  ])('redirects %j back with error=%s (and the state)', async (parameters, error) => {
    const page = await new Browser(t.url).request(authorizeUrl({ state: 'xyz', ...parameters }));
    const params = callbackParams(page);
    expect(params.get('error')).toBe(error);
    expect(params.get('state')).toBe('xyz');
  });

  it('answers a client that does not use OAuth with unauthorized_client, and a pool without a domain with 404', async () => {
    await t.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.server.ClientId, ClientName: 'server', CallbackURLs: [CALLBACK] }));
    const page = await new Browser(t.url).request(authorizeUrl({ client_id: ids.server.ClientId! }));
    expect(callbackParams(page).get('error')).toBe('unauthorized_client');

    const bare = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'no-domain' }))).UserPool!;
    const client = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: bare.Id, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK] }),
      )
    ).UserPoolClient!;
    const missing = await new Browser(t.url).request(authorizeUrl({ client_id: client.ClientId! }));
    expect(missing.status).toBe(404);
    expect(textOf(missing.html, 'errorDescription')).toBe(`User pool ${bare.Id} has no domain: create one with CreateUserPoolDomain to use its OAuth 2.0 endpoints.`);
  });
});

describe('the hosted sign-in page', () => {
  it('shows Cognito messages for a wrong password, an unknown user and an unconfirmed user', async () => {
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({}));
    expect(login.status).toBe(200);
    const wrong = await browser.submit(login, { username: 'jane', password: 'Wrong-passw0rd' });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html, 'loginErrorMessage')).toBe('Incorrect username or password.');
    expect(wrong.html).toContain('value="jane"');
    expect(textOf((await browser.submit(login, { username: 'nobody', password: PASSWORD })).html, 'loginErrorMessage')).toBe('User does not exist.');
    await t.sdk.send(new SignUpCommand({ ClientId: ids.web.ClientId, Username: 'pending', Password: PASSWORD }));
    expect(textOf((await browser.submit(login, { username: 'pending', password: PASSWORD })).html, 'loginErrorMessage')).toBe('User is not confirmed.');
  });

  it('sets HttpOnly SameSite=Lax cookies and refuses a form without the CSRF token', async () => {
    const response = await fetch(`${t.url}/login?${new URLSearchParams({ response_type: 'code', client_id: ids.web.ClientId!, redirect_uri: CALLBACK })}`);
    const [csrf] = response.headers.getSetCookie();
    expect(csrf).toMatch(/^XSRF-TOKEN=[\w-]+; Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({}));
    const forged = await browser.request(new URL(login.url).pathname + new URL(login.url).search, { form: { username: 'jane', password: PASSWORD } });
    expect(forged.status).toBe(403);
    const signedIn = await browser.submit(login, { username: 'jane', password: PASSWORD });
    callbackParams(signedIn);
    expect([...browser.cookies.keys()]).toContain(`cognito_${ids.userPoolId}`);
  });

  it('signs a TOTP user in: the MFA page refuses a wrong code with Cognito\'s message, then takes the right one', async () => {
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ids.userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' }));
    const { secretCode } = await userWithVerifiedToken(t, ids.web.ClientId!, ids.userPoolId, 'mfa-user');
    const { AdminSetUserMFAPreferenceCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await t.sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: ids.userPoolId, Username: 'mfa-user', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({}));
    const mfa = await browser.submit(login, { username: 'mfa-user', password: PASSWORD });
    expect(mfa.status).toBe(200);
    expect(mfa.html).toContain('id="mfaCode"');
    const wrong = await browser.submit(mfa, { code: wrongTotpCode(t, secretCode) });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html, 'mfaErrorMessage')).toBe('Invalid code or auth state for the user.');
    const done = await browser.submit(wrong, { code: await freshTotpCode(t, secretCode) });
    expect(callbackParams(done).get('code')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets up TOTP at sign-in when the pool requires MFA (MFA_SETUP), then signs in', async () => {
    const pool = await oauthPool(t);
    await t.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.userPoolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' }));
    await confirmedUser(t, pool.userPoolId, pool.web.ClientId!, 'newbie');
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({ client_id: pool.web.ClientId! }));
    const setup = await browser.submit(login, { username: 'newbie', password: PASSWORD });
    const secretCode = textOf(setup.html, 'secretCode')!;
    expect(secretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(setup.html).toContain(`otpauth://totp/hosted:newbie?secret=${secretCode}&amp;issuer=hosted`);
    const retry = await browser.submit(setup, { code: wrongTotpCode(t, secretCode) });
    expect(retry.status).toBe(400);
    const done = await browser.submit(retry, { code: totpCode(secretCode, t.server.ctx.clock.now()) });
    callbackParams(done);
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: 'newbie' }));
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('offers the choice of MFA (SELECT_MFA_TYPE), then takes the emailed code; an SMS code likewise', async () => {
    const ses = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' } };
    const pool = await oauthPool(t, { pool: ses });
    await t.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.userPoolId,
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'kognito' } },
        EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' },
      }),
    );
    await confirmedUser(t, pool.userPoolId, pool.web.ClientId!, 'max', { phone_number: '+15555550199' });
    const { AdminSetUserMFAPreferenceCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await t.sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: 'max', SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } }),
    );
    const mfaCode = async () => (await messages(t.url, pool.userPoolId, 'max')).filter((m) => m.kind === 'AUTHENTICATION').at(-1)!.code;
    const signIn = async (choice: string) => {
      const browser = new Browser(t.url);
      const login = await browser.follow(authorizeUrl({ client_id: pool.web.ClientId! }));
      const select = await browser.submit(login, { username: 'max', password: PASSWORD });
      expect(select.html).toContain('id="mfaType-SMS_MFA"');
      expect(select.html).toContain('id="mfaType-EMAIL_OTP"');
      return { browser, code: await browser.submit(select, { answer: choice }) };
    };
    const byEmail = await signIn('EMAIL_OTP');
    expect(byEmail.code.html).toContain('Enter the code we sent to m***@e***.');
    const wrong = await byEmail.browser.submit(byEmail.code, { code: (await mfaCode()) === '000000' ? '111111' : '000000' });
    expect(textOf(wrong.html, 'mfaErrorMessage')).toBe('Invalid code or auth state for the user.');
    callbackParams(await byEmail.browser.submit(wrong, { code: await mfaCode() }));

    const bySms = await signIn('SMS_MFA');
    expect(bySms.code.html).toContain('Enter the code we sent to +*******0199.');
    callbackParams(await bySms.browser.submit(bySms.code, { code: await mfaCode() }));
  });

  it('sets up email MFA at sign-in when that is the factor the pool requires', async () => {
    const ses = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' } };
    const pool = await oauthPool(t, { pool: ses });
    await t.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: pool.userPoolId, MfaConfiguration: 'ON', EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' } }),
    );
    await t.sdk.send(new SignUpCommand({ ClientId: pool.web.ClientId, Username: 'lee', Password: PASSWORD }));
    const { AdminConfirmSignUpCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: 'lee' }));
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({ client_id: pool.web.ClientId! }));
    const setup = await browser.submit(login, { username: 'lee', password: PASSWORD });
    expect(setup.html).toContain('id="mfaEmail"');
    const code = await browser.submit(setup, { email: 'lee@example.org' });
    expect(code.html).toContain('Enter the code we sent to l***@e***.');
    const sent = (await messages(t.url, pool.userPoolId, 'lee')).filter((m) => m.kind === 'AUTHENTICATION').at(-1)!;
    expect(sent.destination).toBe('lee@example.org');
    callbackParams(await browser.submit(code, { code: sent.code }));
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: 'lee' }))).UserMFASettingList).toEqual(['EMAIL_OTP']);
  });

  it('asks a user made by AdminCreateUser for a new password (the two must match, and meet the policy)', async () => {
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: ids.userPoolId, Username: 'invited', TemporaryPassword: 'Temp-passw0rd', MessageAction: 'SUPPRESS' }));
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({}));
    const change = await browser.submit(login, { username: 'invited', password: 'Temp-passw0rd' });
    expect(change.html).toContain('id="newPassword"');
    const differ = await browser.submit(change, { newPassword: 'New-passw0rd', confirmNewPassword: 'Other-passw0rd' });
    expect(textOf(differ.html, 'newPasswordErrorMessage')).toBe('Password does not match the confirm password.');
    const weak = await browser.submit(differ, { newPassword: 'short', confirmNewPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(textOf(weak.html, 'newPasswordErrorMessage')).toMatch(/^Password did not conform with policy/);
    const done = await browser.submit(weak, { newPassword: 'New-passw0rd', confirmNewPassword: 'New-passw0rd' });
    callbackParams(done);
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: 'invited' }))).UserStatus).toBe('CONFIRMED');
  });

  it('signs the browser in again without the form (SSO), until /logout', async () => {
    const browser = new Browser(t.url);
    await codeFor('jane', {}, browser);
    const again = await browser.request(authorizeUrl({ state: 's2' }));
    expect(callbackParams(again).get('state')).toBe('s2');
    const out = await browser.request(`/logout?${new URLSearchParams({ client_id: ids.web.ClientId!, logout_uri: SIGNED_OUT })}`);
    expect(out).toMatchObject({ status: 302, location: SIGNED_OUT });
    const afterwards = await browser.request(authorizeUrl({}));
    expect(afterwards.location).toMatch(/^\/login\?/);
    const refused = await browser.request(`/logout?${new URLSearchParams({ client_id: ids.web.ClientId!, logout_uri: 'https://evil.example.com/' })}`);
    expect(refused.location).toMatch(/^\/error\?error=redirect_mismatch&/);
  });

  it('gives the implicit grant its tokens in the fragment', async () => {
    const implicit = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: ids.userPoolId,
          ClientName: 'spa',
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['implicit'],
          AllowedOAuthScopes: ['openid', 'email'],
          CallbackURLs: [CALLBACK],
        }),
      )
    ).UserPoolClient!;
    const noProvider = await new Browser(t.url).follow(authorizeUrl({ client_id: implicit.ClientId!, response_type: 'token' }));
    expect(textOf(noProvider.html, 'loginErrorMessage')).toBe('Login option is not available. Please try another one');
    expect(noProvider.html).not.toContain('signInFormUsername');
    await t.sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientId: implicit.ClientId,
        ClientName: 'spa',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['implicit'],
        AllowedOAuthScopes: ['openid', 'email'],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    const browser = new Browser(t.url);
    const login = await browser.follow(authorizeUrl({ client_id: implicit.ClientId!, response_type: 'token', state: 'st', nonce: 'n-1' }));
    const done = await browser.submit(login, { username: 'jane', password: PASSWORD });
    expect(done.location!.startsWith(`${CALLBACK}#`)).toBe(true);
    const fragment = new URLSearchParams(done.location!.split('#')[1]);
    expect([...fragment.keys()]).toEqual(['id_token', 'access_token', 'token_type', 'expires_in', 'state']);
    expect(fragment.get('token_type')).toBe('bearer');
    expect(claimsOf(fragment.get('id_token')!)).toMatchObject({ nonce: 'n-1', 'cognito:username': 'jane' });
  });

  it('federates through the stand-in provider page: a new EXTERNAL_PROVIDER user, or the pool user the identity is linked to', async () => {
    await t.sdk.send(
      new CreateIdentityProviderCommand({
        UserPoolId: ids.userPoolId,
        ProviderName: 'Corp',
        ProviderType: 'OIDC',
        ProviderDetails: { client_id: 'c', authorize_scopes: 'openid email', oidc_issuer: 'https://idp.example.com', attributes_request_method: 'GET' },
        AttributeMapping: { email: 'email' },
      }),
    );
    await t.sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.web.ClientId,
        ClientName: 'web',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'api/read'],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO', 'Corp'],
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const federated = async (subject: string, email: string) => {
      const browser = new Browser(t.url);
      const standIn = await browser.follow(authorizeUrl({ identity_provider: 'Corp', scope: 'openid email' }));
      expect(standIn.url).toContain('/federation?');
      expect(standIn.html).toContain('id="claim-email"');
      const code = callbackParams(await browser.submit(standIn, { sub: subject, 'claim.email': email })).get('code')!;
      const tokens = await token({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code, redirect_uri: CALLBACK });
      expect(tokens.status).toBe(200);
      return claimsOf(tokens.body.id_token);
    };
    const fresh = await federated('ext-42', 'ext@corp.example.com');
    expect(fresh).toMatchObject({ 'cognito:username': 'Corp_ext-42', email: 'ext@corp.example.com' });
    expect(fresh.identities).toEqual([
      { userId: 'ext-42', providerName: 'Corp', providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: expect.stringMatching(/^\d+$/) },
    ]);
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: 'Corp_ext-42' }))).UserStatus).toBe('EXTERNAL_PROVIDER');

    await t.sdk.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: ids.userPoolId,
        DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'jane' },
        SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'jane-at-corp' },
      }),
    );
    expect(await federated('jane-at-corp', 'jane@corp.example.com')).toMatchObject({ 'cognito:username': 'jane' });
  });
});

describe('the token endpoint', () => {
  it('redeems a code once: a second use, a wrong redirect_uri or a wrong PKCE verifier is invalid_grant', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      token({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code, redirect_uri: CALLBACK, ...extra });

    const code = await codeFor('jane', { code_challenge: challenge, code_challenge_method: 'S256' });
    expect(await exchange(code, { code_verifier: 'w'.repeat(50) })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The code is spent by the failed attempt.
    expect(await exchange(code, { code_verifier: verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const second = await codeFor('jane', { code_challenge: challenge, code_challenge_method: 'S256' });
    const ok = await exchange(second, { code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(Object.keys(ok.body)).toEqual(['access_token', 'id_token', 'refresh_token', 'token_type', 'expires_in']);
    expect(await exchange(second, { code_verifier: verifier })).toEqual({ status: 400, body: { error: 'invalid_grant' }, headers: expect.anything() });

    const third = await codeFor('jane');
    expect(await exchange(third, { redirect_uri: 'http://localhost:3000/other' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('redeems a code sent eight times at once exactly once (the code is claimed before any await)', async () => {
    const code = await codeFor('jane');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => token({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code, redirect_uri: CALLBACK })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    expect(answers.filter((a) => a.status === 400).map((a) => a.body)).toEqual(Array(7).fill({ error: 'invalid_grant' }));
  });

  it('answers bad requests as Cognito does', async () => {
    const m2m = basic(ids.m2m.ClientId!, ids.m2m.ClientSecret!);
    expect(await token({ grant_type: 'client_credentials' }, basic(ids.m2m.ClientId!, 'wrong-secret'))).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await token({ grant_type: 'client_credentials', client_id: ids.m2m.ClientId! })).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await token({ grant_type: 'password' }, m2m)).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await token({}, m2m)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await token({ grant_type: 'client_credentials', scope: 'api/read openid' }, m2m)).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await token({ grant_type: 'client_credentials', client_id: ids.web.ClientId! })).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
    expect(await token({ grant_type: 'refresh_token', client_id: ids.web.ClientId!, refresh_token: 'nonsense' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code: 'x' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const json = await fetch(`${t.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...m2m }, body: '{"grant_type":"client_credentials"}' });
    expect({ status: json.status, body: await json.json() }).toEqual({ status: 400, body: { error: 'invalid_request' } });
  });

  it('takes either secret of a client in rotation, and only the remaining one after DeleteUserPoolClientSecret', async () => {
    const { AddUserPoolClientSecretCommand, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const pool = await oauthPool(t);
    const id = pool.m2m.ClientId!;
    const second = (await t.sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.userPoolId, ClientId: id }))).ClientSecretDescriptor!;
    const grant = (secret: string) => token({ grant_type: 'client_credentials' }, basic(id, secret));
    expect((await grant(pool.m2m.ClientSecret!)).status).toBe(200);
    expect((await grant(second.ClientSecretValue!)).status).toBe(200);
    const [first] = (await t.sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.userPoolId, ClientId: id }))).ClientSecrets!;
    await t.sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool.userPoolId, ClientId: id, ClientSecretId: first.ClientSecretId }));
    expect(await grant(pool.m2m.ClientSecret!)).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect((await token({ grant_type: 'client_credentials', client_id: id, client_secret: second.ClientSecretValue! })).status).toBe(200);
  });

  it('refreshes a refresh token from InitiateAuth too (API scope, an ID token)', async () => {
    const { InitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const signedIn = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: ids.web.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD } }),
    );
    const refreshed = await token({ grant_type: 'refresh_token', client_id: ids.web.ClientId!, refresh_token: signedIn.AuthenticationResult!.RefreshToken! });
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.access_token)).toMatchObject({ scope: 'aws.cognito.signin.user.admin', username: 'jane' });
    expect(claimsOf(refreshed.body.access_token).version).toBeUndefined();
    expect(claimsOf(refreshed.body.id_token)['cognito:username']).toBe('jane');
  });
});

describe('the userInfo and revoke endpoints', () => {
  it('userInfo: 400 without a bearer token, 401 for a bad one', async () => {
    const none = await fetch(`${t.url}/oauth2/userInfo`);
    expect(none.status).toBe(400);
    expect(none.headers.get('www-authenticate')).toBe('Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"');
    const bad = await fetch(`${t.url}/oauth2/userInfo`, { method: 'POST', headers: { authorization: 'Bearer not.a.token' } });
    expect({ status: bad.status, body: await bad.json() }).toEqual({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Access token is expired, disabled, or deleted, or the user has globally signed out.' },
    });
  });

  it('revoke: unsupported_token_type for an access token, invalid_request without a token, 401 invalid_client, 200 for an unknown token', async () => {
    const code = await codeFor('jane');
    const tokens = (await token({ grant_type: 'authorization_code', client_id: ids.web.ClientId!, code, redirect_uri: CALLBACK })).body;
    const revoke = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
      const response = await fetch(`${t.url}/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : '' };
    };
    expect(await revoke({ token: tokens.access_token, client_id: ids.web.ClientId! })).toEqual({ status: 400, body: { error: 'unsupported_token_type' } });
    expect(await revoke({ client_id: ids.web.ClientId! })).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await revoke({ token: tokens.refresh_token }, basic(ids.server.ClientId!, 'nope'))).toEqual({ status: 401, body: { error: 'invalid_client' } });
    expect(await revoke({ token: 'unknown', client_id: ids.web.ClientId! })).toEqual({ status: 200, body: '' });
    expect(await revoke({ token: tokens.refresh_token, client_id: ids.web.ClientId! })).toEqual({ status: 200, body: '' });
    expect(await token({ grant_type: 'refresh_token', client_id: ids.web.ClientId!, refresh_token: tokens.refresh_token })).toMatchObject({ body: { error: 'invalid_grant' } });
  });
});

describe('openid-configuration', () => {
  it('lists the endpoints once the pool has a domain: the browser one at --public-url, the others where the request came', async () => {
    const compose = await startServer({ publicUrl: 'http://localhost:9329', issuer: 'http://kognito:9329' });
    try {
      const pool = await oauthPool(compose);
      const discovery = await compose.server.app.inject({ url: `/${pool.userPoolId}/.well-known/openid-configuration`, headers: { host: 'kognito:9329' } });
      expect(discovery.json()).toEqual({
        authorization_endpoint: 'http://localhost:9329/oauth2/authorize',
        id_token_signing_alg_values_supported: ['RS256'],
        issuer: `http://kognito:9329/${pool.userPoolId}`,
        jwks_uri: `http://kognito:9329/${pool.userPoolId}/.well-known/jwks.json`,
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        subject_types_supported: ['public'],
        token_endpoint: 'http://kognito:9329/oauth2/token',
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        userinfo_endpoint: 'http://kognito:9329/oauth2/userInfo',
      });
      const { DeleteUserPoolDomainCommand, DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const domain = (await compose.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }))).UserPool!.Domain!;
      await compose.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.userPoolId, Domain: domain }));
      const without = (await compose.server.app.inject({ url: `/${pool.userPoolId}/.well-known/openid-configuration` })).json();
      expect(Object.keys(without).filter((key) => key.endsWith('_endpoint'))).toEqual([]);
    } finally {
      await compose.close();
    }
  });
});
