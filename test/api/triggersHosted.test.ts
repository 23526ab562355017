/**
 * The triggers of the hosted pages and the token endpoint, each through a local module and through
 * the Invoke API: a hosted password sign-in (PreAuthentication, PostAuthentication, then
 * TokenGeneration_HostedAuth at /oauth2/token), a federated user's first sign-in
 * (PreSignUp_ExternalProvider, PostConfirmation) and the next (PreAuthentication, PostAuthentication),
 * a trigger's error at the app's callback URL, and client_credentials with a V3_0 trigger
 * (TokenGeneration_ClientCredentials).
 */
import { describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { expectSdkError } from '../support/server.js';
import { Browser, CALLBACK, oauthPool, type Page } from '../support/hostedUi.js';
import { PASSWORD, confirmedUser } from '../support/mfaUsers.js';
import { WAYS, arn, withTriggerServer, type TriggerServer, type Way } from '../support/triggers.js';

let s: TriggerServer;
withTriggerServer((server) => (s = server));

const SDK_UNKNOWN = 'aws-sdk-unknown-unknown';

async function hostedPool(LambdaConfig: Record<string, unknown>) {
  const ids = await oauthPool(s.t, { pool: { LambdaConfig } });
  await s.t.sdk.send(
    new CreateIdentityProviderCommand({
      UserPoolId: ids.userPoolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'c', authorize_scopes: 'openid email', oidc_issuer: 'https://idp.example.com', attributes_request_method: 'GET' },
      AttributeMapping: { email: 'email' },
    }),
  );
  await s.t.sdk.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: ids.userPoolId,
      ClientId: ids.web.ClientId,
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO', 'Corp'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return ids;
}

const authorizeUrl = (clientId: string, parameters: Record<string, string> = {}) =>
  `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', state: 's-1', ...parameters })}`;
const callbackOf = (page: Page) => {
  expect(page.status, page.html).toBe(302);
  expect(page.location!.startsWith(CALLBACK)).toBe(true);
  return new URL(page.location!).searchParams;
};

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${s.t.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Signs in on the stand-in provider page as the external user `subject`; the callback's parameters. */
async function federated(clientId: string, subject: string, email: string) {
  const browser = new Browser(s.t.url);
  const standIn = await browser.follow(authorizeUrl(clientId, { identity_provider: 'Corp' }));
  return callbackOf(await browser.submit(standIn, { sub: subject, 'claim.email': email }));
}

describe.each(WAYS)('through %s', (_label, way: Way) => {
  it('a hosted sign-in: PreAuthentication and PostAuthentication on the page, TokenGeneration_HostedAuth at the token endpoint', async () => {
    const ids = await hostedPool({ PreAuthentication: arn(way, 'echo'), PostAuthentication: arn(way, 'echo'), PreTokenGeneration: arn(way, 'tokensV1') });
    const clientId = ids.web.ClientId!;
    const { sub: UserSub } = await confirmedUser(s.t, ids.userPoolId, clientId, 'hana');
    const browser = new Browser(s.t.url);
    const login = await browser.follow(authorizeUrl(clientId));
    const code = callbackOf(await browser.submit(login, { username: 'hana', password: PASSWORD })).get('code')!;
    const tokens = await token({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: CALLBACK });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.id_token)).toMatchObject({ plan: 'pro', 'cognito:username': 'hana' });

    const invocations = await s.invocations(ids.userPoolId);
    expect(invocations.map((i) => i.triggerSource)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication', 'TokenGeneration_HostedAuth']);
    const userAttributes = { sub: UserSub, email: 'hana@example.com', 'cognito:user_status': 'CONFIRMED' };
    expect(invocations[0].event).toEqual({
      version: '1',
      triggerSource: 'PreAuthentication_Authentication',
      region: 'us-east-1',
      userPoolId: ids.userPoolId,
      userName: 'hana',
      callerContext: { awsSdkVersion: SDK_UNKNOWN, clientId },
      request: { userAttributes, validationData: {} },
      response: {},
    });
    expect(invocations[2].event).toMatchObject({ callerContext: { awsSdkVersion: SDK_UNKNOWN, clientId }, request: { userAttributes } });
  });

  it('a federated user: PreSignUp_ExternalProvider and PostConfirmation the first time, PreAuthentication and PostAuthentication after', async () => {
    const ids = await hostedPool({ PreSignUp: arn(way, 'echo'), PostConfirmation: arn(way, 'echo'), PreAuthentication: arn(way, 'echo'), PostAuthentication: arn(way, 'echo') });
    const clientId = ids.web.ClientId!;
    expect((await federated(clientId, 'ext-1', 'ext@corp.example.com')).get('code')).toBeTruthy();
    const first = await s.invocations(ids.userPoolId);
    expect(first.map((i) => i.triggerSource)).toEqual(['PreSignUp_ExternalProvider', 'PostConfirmation_ConfirmSignUp']);
    expect(first[0].event).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_ExternalProvider',
      region: 'us-east-1',
      userPoolId: ids.userPoolId,
      userName: 'Corp_ext-1',
      callerContext: { awsSdkVersion: SDK_UNKNOWN, clientId },
      request: { userAttributes: { email: 'ext@corp.example.com' }, validationData: null },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    expect(first[1].event.request.userAttributes).toMatchObject({ email: 'ext@corp.example.com', 'cognito:user_status': 'EXTERNAL_PROVIDER', identities: expect.stringContaining('"providerName":"Corp"') });

    await federated(clientId, 'ext-1', 'ext@corp.example.com');
    const all = await s.invocations(ids.userPoolId);
    expect(all.slice(2).map((i) => i.triggerSource)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication']);
  });

  it("a PreSignUp that refuses a federated user ends at the app's callback URL with Cognito's message, and creates nobody", async () => {
    const ids = await hostedPool({ PreSignUp: arn(way, 'refuse') });
    const callback = await federated(ids.web.ClientId!, 'ext-2', 'no@corp.example.com');
    expect(Object.fromEntries(callback)).toEqual({ error_description: 'PreSignUp failed with error Sign-ups are closed.', error: 'invalid_request', state: 's-1' });
    await expectSdkError(s.t.sdk, new AdminGetUserCommand({ UserPoolId: ids.userPoolId, Username: 'Corp_ext-2' }), 'UserNotFoundException', 'User does not exist.');
  });

  it('client_credentials with a V3_0 trigger: TokenGeneration_ClientCredentials, aws_client_metadata, the access token and its scopes customized', async () => {
    const ids = await hostedPool({ PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: arn(way, 'tokensV2') } });
    const basic = `Basic ${Buffer.from(`${ids.m2m.ClientId}:${ids.m2m.ClientSecret}`).toString('base64')}`;
    const issued = await token({ grant_type: 'client_credentials', scope: 'api/read', aws_client_metadata: JSON.stringify({ tenant: 'acme' }) }, { authorization: basic });
    expect(issued.status).toBe(200);
    expect(decodeJwt(issued.body.access_token)).toMatchObject({ tenant: 't-1', client_id: ids.m2m.ClientId, scope: 'api/read orders/read' });
    const [generation] = await s.invocations(ids.userPoolId, 'PreTokenGeneration');
    expect(generation.event).toEqual({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      region: 'us-east-1',
      userPoolId: ids.userPoolId,
      userName: ids.m2m.ClientId,
      callerContext: { awsSdkVersion: SDK_UNKNOWN, clientId: ids.m2m.ClientId },
      request: { scopes: ['api/read'], clientMetadata: { tenant: 'acme' } },
      response: { claimsAndScopeOverrideDetails: null },
    });
  });

  it('a PreTokenGeneration that fails at the token endpoint answers an OAuth error with its message', async () => {
    const ids = await hostedPool({ PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: arn(way, 'refuse') } });
    const basic = `Basic ${Buffer.from(`${ids.m2m.ClientId}:${ids.m2m.ClientSecret}`).toString('base64')}`;
    const refused = await token({ grant_type: 'client_credentials', scope: 'api/read' }, { authorization: basic });
    expect(refused).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'PreTokenGeneration failed with error Sign-ups are closed.' } });
  });
});
