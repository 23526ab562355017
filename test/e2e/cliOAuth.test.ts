/**
 * Every OAuth administration operation through the real aws CLI, each once, with the errors the CLI
 * prints for the refusals. Independent commands run side by side (each CLI call is a Python start).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliOAuth.test.ts skipped: the aws CLI is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** The CLI's own retry defaults, so errors print exactly as a developer sees them. */
const DEFAULT_RETRIES = { AWS_MAX_ATTEMPTS: undefined, AWS_RETRY_MODE: undefined };

async function cli(...args: string[]) {
  const result = await aws(t.url, ['cognito-idp', ...args, '--output', 'json'], DEFAULT_RETRIES);
  if (result.code !== 0) return { ...result, json: undefined as any };
  return { ...result, json: result.stdout.trim() ? JSON.parse(result.stdout) : {} };
}
const printed = (operation: string, type: string, message: string) => `An error occurred (${type}) when calling the ${operation} operation: ${message}`;
async function expectCliError(args: string[], operation: string, type: string, message: string) {
  const result = await cli(...args);
  expect(result.code, result.stdout).toBe(255);
  expect(result.stderr.trim()).toBe(printed(operation, type, message));
}

describe.skipIf(!cliPresent)('aws cognito-idp: the OAuth administration operations', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  let poolId: string;
  let arn: string;
  const prefix = `cli-${Date.now()}`;

  it('domains: create, describe, update, delete (and the errors)', async () => {
    const pool = await cli('create-user-pool', '--pool-name', 'cli-oauth', '--user-pool-tags', 'team=auth');
    poolId = pool.json.UserPool.Id;
    arn = pool.json.UserPool.Arn;
    const created = await cli('create-user-pool-domain', '--user-pool-id', poolId, '--domain', prefix);
    expect(created.json).toEqual({ ManagedLoginVersion: 1 });
    const [described, updated] = await Promise.all([
      cli('describe-user-pool-domain', '--domain', prefix),
      cli('update-user-pool-domain', '--user-pool-id', poolId, '--domain', prefix, '--managed-login-version', '2'),
      expectCliError(['create-user-pool-domain', '--user-pool-id', poolId, '--domain', 'Bad_Prefix'], 'CreateUserPoolDomain', 'InvalidParameterException',
        'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens.'),
    ]);
    expect(described.json.DomainDescription).toMatchObject({ UserPoolId: poolId, Domain: prefix, Status: 'ACTIVE' });
    expect(updated.json).toEqual({ ManagedLoginVersion: 2 });
    await Promise.all([
      expectCliError(['delete-user-pool-domain', '--user-pool-id', poolId, '--domain', `${prefix}-x`], 'DeleteUserPoolDomain', 'InvalidParameterException', 'No such domain or user pool exists.'),
      expectCliError(['update-user-pool-domain', '--user-pool-id', poolId, '--domain', prefix, '--managed-login-version', '3'], 'UpdateUserPoolDomain', 'InvalidParameterException', 'ManagedLoginVersion must be one of 1, 2.'),
    ]);
    expect((await cli('delete-user-pool-domain', '--user-pool-id', poolId, '--domain', prefix)).code).toBe(0);
    expect((await cli('describe-user-pool-domain', '--domain', prefix)).json).toEqual({ DomainDescription: {} });
  });

  it('resource servers: create, describe, list, update, delete (and the errors)', async () => {
    const created = await cli('create-resource-server', '--user-pool-id', poolId, '--identifier', 'api', '--name', 'API',
      '--scopes', 'ScopeName=read,ScopeDescription=Read', 'ScopeName=write,ScopeDescription=Write');
    expect(created.json.ResourceServer).toEqual({
      UserPoolId: poolId, Identifier: 'api', Name: 'API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }],
    });
    const [described, listed] = await Promise.all([
      cli('describe-resource-server', '--user-pool-id', poolId, '--identifier', 'api'),
      cli('list-resource-servers', '--user-pool-id', poolId, '--max-results', '10'),
      expectCliError(['create-resource-server', '--user-pool-id', poolId, '--identifier', 'api', '--name', 'Again'], 'CreateResourceServer', 'InvalidParameterException', `api already exists in pool ${poolId}.`),
      expectCliError(['describe-resource-server', '--user-pool-id', poolId, '--identifier', 'none'], 'DescribeResourceServer', 'ResourceNotFoundException', 'Resource server none does not exist.'),
    ]);
    expect(described.json.ResourceServer.Name).toBe('API');
    expect(listed.json.ResourceServers.map((s: { Identifier: string }) => s.Identifier)).toEqual(['api']);
    const updated = await cli('update-resource-server', '--user-pool-id', poolId, '--identifier', 'api', '--name', 'API v2', '--scopes', 'ScopeName=read,ScopeDescription=Read');
    expect(updated.json.ResourceServer).toMatchObject({ Name: 'API v2', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] });
    await cli('create-resource-server', '--user-pool-id', poolId, '--identifier', 'gone', '--name', 'Gone');
    expect((await cli('delete-resource-server', '--user-pool-id', poolId, '--identifier', 'gone')).code).toBe(0);
  });

  it('identity providers: create, describe, list, update, get by identifier, link, disable, delete (and the errors)', async () => {
    const details = 'client_id=c,authorize_scopes=openid,oidc_issuer=https://idp.example.com,attributes_request_method=GET';
    const created = await cli('create-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp', '--provider-type', 'OIDC',
      '--provider-details', details, '--attribute-mapping', 'email=email', '--idp-identifiers', 'corp.example.com');
    expect(created.json.IdentityProvider).toMatchObject({ ProviderName: 'Corp', ProviderType: 'OIDC', AttributeMapping: { username: 'sub', email: 'email' } });
    await cli('admin-create-user', '--user-pool-id', poolId, '--username', 'jane', '--message-action', 'SUPPRESS');
    const [described, listed, updated, byIdentifier, linked] = await Promise.all([
      cli('describe-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp'),
      cli('list-identity-providers', '--user-pool-id', poolId),
      cli('update-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp', '--attribute-mapping', 'email=mail'),
      cli('get-identity-provider-by-identifier', '--user-pool-id', poolId, '--idp-identifier', 'corp.example.com'),
      cli('admin-link-provider-for-user', '--user-pool-id', poolId,
        '--destination-user', 'ProviderName=Cognito,ProviderAttributeValue=jane',
        '--source-user', 'ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=ext-1'),
      expectCliError(['create-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp', '--provider-type', 'OIDC', '--provider-details', details],
        'CreateIdentityProvider', 'DuplicateProviderException', 'A provider with the name Corp already exists in this user pool.'),
      expectCliError(['create-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Google', '--provider-type', 'Google', '--provider-details', 'client_id=x'],
        'CreateIdentityProvider', 'InvalidParameterException', 'clientId, clientSecret and authorizeScopes are all required idp details.'),
      expectCliError(['get-identity-provider-by-identifier', '--user-pool-id', poolId, '--idp-identifier', 'nobody'],
        'GetIdentityProviderByIdentifier', 'ResourceNotFoundException', 'Identity provider with identifier nobody does not exist.'),
      expectCliError(['admin-link-provider-for-user', '--user-pool-id', poolId, '--destination-user', 'ProviderName=Cognito,ProviderAttributeValue=nobody',
        '--source-user', 'ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=ext-2'], 'AdminLinkProviderForUser', 'UserNotFoundException', 'User does not exist.'),
    ]);
    expect(described.json.IdentityProvider.IdpIdentifiers).toEqual(['corp.example.com']);
    expect(listed.json.Providers.map((p: { ProviderName: string }) => p.ProviderName)).toEqual(['Corp']);
    expect(updated.json.IdentityProvider.AttributeMapping).toEqual({ username: 'sub', email: 'mail' });
    expect(byIdentifier.json.IdentityProvider.ProviderName).toBe('Corp');
    expect(linked.json).toEqual({});
    const jane = await cli('admin-get-user', '--user-pool-id', poolId, '--username', 'jane');
    expect(JSON.parse(jane.json.UserAttributes.find((a: { Name: string }) => a.Name === 'identities').Value)[0]).toMatchObject({ userId: 'ext-1', providerName: 'Corp', providerType: 'OIDC' });
    expect((await cli('admin-disable-provider-for-user', '--user-pool-id', poolId, '--user', 'ProviderName=Corp,ProviderAttributeName=Cognito_Subject,ProviderAttributeValue=ext-1')).json).toEqual({});
    expect((await cli('delete-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp')).code).toBe(0);
    await expectCliError(['describe-identity-provider', '--user-pool-id', poolId, '--provider-name', 'Corp'], 'DescribeIdentityProvider', 'ResourceNotFoundException', 'Identity provider Corp does not exist.');
  });

  it('client OAuth settings and secrets: add, list, delete (and the errors)', async () => {
    await expectCliError(['create-user-pool-client', '--user-pool-id', poolId, '--client-name', 'm2m', '--allowed-o-auth-flows-user-pool-client',
      '--allowed-o-auth-flows', 'client_credentials', '--allowed-o-auth-scopes', 'api/read'],
      'CreateUserPoolClient', 'InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.');
    const client = await cli('create-user-pool-client', '--user-pool-id', poolId, '--client-name', 'm2m', '--generate-secret', '--allowed-o-auth-flows-user-pool-client',
      '--allowed-o-auth-flows', 'client_credentials', '--allowed-o-auth-scopes', 'api/read');
    const clientId: string = client.json.UserPoolClient.ClientId;
    expect(client.json.UserPoolClient).toMatchObject({ AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'], AllowedOAuthFlowsUserPoolClient: true });
    const added = await cli('add-user-pool-client-secret', '--user-pool-id', poolId, '--client-id', clientId);
    expect(added.json.ClientSecretDescriptor.ClientSecretValue).toMatch(/^[a-z0-9]{51}$/);
    const [listed] = await Promise.all([
      cli('list-user-pool-client-secrets', '--user-pool-id', poolId, '--client-id', clientId),
      expectCliError(['add-user-pool-client-secret', '--user-pool-id', poolId, '--client-id', clientId], 'AddUserPoolClientSecret', 'LimitExceededException', 'An app client can have at most 2 client secrets.'),
      expectCliError(['delete-user-pool-client-secret', '--user-pool-id', poolId, '--client-id', clientId, '--client-secret-id', 'nope'],
        'DeleteUserPoolClientSecret', 'ResourceNotFoundException', 'Client secret nope does not exist.'),
    ]);
    expect(listed.json.ClientSecrets).toHaveLength(2);
    expect(listed.json.ClientSecrets[0].ClientSecretValue).toBeUndefined();
    expect((await cli('delete-user-pool-client-secret', '--user-pool-id', poolId, '--client-id', clientId, '--client-secret-id', listed.json.ClientSecrets[0].ClientSecretId)).json).toEqual({});
    await expectCliError(['delete-user-pool-client-secret', '--user-pool-id', poolId, '--client-id', clientId, '--client-secret-id', listed.json.ClientSecrets[1].ClientSecretId],
      'DeleteUserPoolClientSecret', 'InvalidParameterException', 'You cannot delete the last remaining client secret of an app client.');
  });

  it('signing certificate and tags (and the errors)', async () => {
    const [certificate, tagged] = await Promise.all([
      cli('get-signing-certificate', '--user-pool-id', poolId),
      cli('tag-resource', '--resource-arn', arn, '--tags', 'env=dev'),
      expectCliError(['get-signing-certificate', '--user-pool-id', 'us-east-1_missing1'], 'GetSigningCertificate', 'ResourceNotFoundException', 'User pool us-east-1_missing1 does not exist.'),
      expectCliError(['list-tags-for-resource', '--resource-arn', `${arn}x`], 'ListTagsForResource', 'ResourceNotFoundException', `Resource ${arn}x does not exist.`),
    ]);
    expect(certificate.json.Certificate).toMatch(/^MII[A-Za-z0-9+/]+=*$/);
    expect(tagged.code).toBe(0);
    expect((await cli('untag-resource', '--resource-arn', arn, '--tag-keys', 'team')).code).toBe(0);
    expect((await cli('list-tags-for-resource', '--resource-arn', arn)).json).toEqual({ Tags: { env: 'dev' } });
  });
});
