/**
 * The OAuth administration API through the SDK v3: domains, resource servers, identity providers and
 * linked users, app client OAuth settings and secret rotation, the signing certificate, tags.
 */
import { X509Certificate, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserPoolClientSecretCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolClientSecretCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetIdentityProviderByIdentifierCommand,
  GetSigningCertificateCommand,
  InitiateAuthCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientSecretsCommand,
  SignUpCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
  GetTokensFromRefreshTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, expectSdkError, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
const createPool = async (name: string, extra: Record<string, unknown> = {}) =>
  (await t.sdk.send(new CreateUserPoolCommand({ PoolName: name, ...extra } as any))).UserPool!;
/** Pools made side by side up front (each makes two RSA keys): the tests take one each. */
let spare: Awaited<ReturnType<typeof createPool>>[] = [];
beforeAll(async () => {
  t = await startServer();
  spare = await Promise.all(Array.from({ length: 14 }, (_, i) => createPool(`oauth-${i}`)));
});
afterAll(() => t.close());

const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);
const newPool = async (name?: string, extra?: Record<string, unknown>) => (name === undefined && spare.length ? spare.pop()! : createPool(name ?? 'oauth', extra));
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

describe('user pool domains', () => {
  it('creates a prefix domain, describes it, shows it in DescribeUserPool, updates and deletes it', async () => {
    const pool = await newPool();
    const prefix = `kog-${Date.now()}`;
    const created = await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: prefix }));
    expect(created).toMatchObject({ ManagedLoginVersion: 1 });
    expect(created.CloudFrontDomain).toBeUndefined();

    const described = (await t.sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription!;
    expect(described).toMatchObject({ UserPoolId: pool.Id, Domain: prefix, Status: 'ACTIVE', AWSAccountId: '000000000000', ManagedLoginVersion: 1 });
    expect(described.CustomDomainConfig).toBeUndefined();
    expect((await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool).toMatchObject({ Domain: prefix });

    const updated = await t.sdk.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: prefix, ManagedLoginVersion: 2 }));
    expect(updated.ManagedLoginVersion).toBe(2);
    // The domain outlives an UpdateUserPool (it is not one of the pool's settings).
    await t.sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
    expect((await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!.Domain).toBe(prefix);

    await t.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: prefix }));
    expect((await t.sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription).toEqual({});
    expect((await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!.Domain).toBeUndefined();
  });

  it('creates a custom domain (CloudFront host, certificate) shown as CustomDomain', async () => {
    const pool = await newPool();
    const domain = `auth-${Date.now()}.example.com`;
    const created = await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: domain, CustomDomainConfig: { CertificateArn: CERT } }));
    expect(created.CloudFrontDomain).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    const described = (await t.sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription!;
    expect(described).toMatchObject({ Domain: domain, CustomDomainConfig: { CertificateArn: CERT }, CloudFrontDistribution: created.CloudFrontDomain });
    const user = (await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    expect(user.CustomDomain).toBe(domain);
    expect(user.Domain).toBeUndefined();
  });

  it('refuses bad prefixes, taken names, a second domain, and unknown domains as Cognito does', async () => {
    const pool = await newPool();
    await expectError(
      new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'my_prefix' }),
      'InvalidParameterException',
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens.',
    );
    await expectError(
      new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: 'auth', CustomDomainConfig: { CertificateArn: CERT } }),
      'InvalidParameterException',
      'Custom domain is not a valid subdomain',
    );
    const prefix = `taken-${Date.now()}`;
    await t.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: prefix }));
    const other = await newPool();
    await expectError(new CreateUserPoolDomainCommand({ UserPoolId: other.Id, Domain: prefix }), 'InvalidParameterException', 'Domain already exists.');
    await expectError(
      new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: `${prefix}-2` }),
      'InvalidParameterException',
      'User pool already has a domain configured.',
    );
    await expectError(new DeleteUserPoolDomainCommand({ UserPoolId: other.Id, Domain: prefix }), 'InvalidParameterException', 'No such domain or user pool exists.');
    await expectError(
      new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_nope', Domain: 'free-name' }),
      'ResourceNotFoundException',
      'User pool us-east-1_nope does not exist.',
    );
  });
});

describe('resource servers', () => {
  it('creates, describes, lists (paged), updates and deletes resource servers', async () => {
    const pool = await newPool();
    const scopes = [
      { ScopeName: 'read', ScopeDescription: 'Read things' },
      { ScopeName: 'write', ScopeDescription: 'Write things' },
    ];
    const created = (await t.sdk.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com', Name: 'API', Scopes: scopes })))
      .ResourceServer!;
    expect(created).toEqual({ UserPoolId: pool.Id, Identifier: 'https://api.example.com', Name: 'API', Scopes: scopes });
    await t.sdk.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'billing', Name: 'Billing' }));
    expect((await t.sdk.send(new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'billing' }))).ResourceServer).toEqual({
      UserPoolId: pool.Id,
      Identifier: 'billing',
      Name: 'Billing',
      Scopes: [],
    });

    const first = await t.sdk.send(new ListResourceServersCommand({ UserPoolId: pool.Id, MaxResults: 1 }));
    expect(first.ResourceServers!.map((s) => s.Identifier)).toEqual(['billing']);
    const second = await t.sdk.send(new ListResourceServersCommand({ UserPoolId: pool.Id, MaxResults: 1, NextToken: first.NextToken }));
    expect(second.ResourceServers!.map((s) => s.Identifier)).toEqual(['https://api.example.com']);
    expect(second.NextToken).toBeUndefined();

    const updated = await t.sdk.send(new UpdateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'billing', Name: 'Billing v2', Scopes: [scopes[0]] }));
    expect(updated.ResourceServer).toEqual({ UserPoolId: pool.Id, Identifier: 'billing', Name: 'Billing v2', Scopes: [scopes[0]] });
    await t.sdk.send(new DeleteResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'billing' }));
    await expectError(
      new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'billing' }),
      'ResourceNotFoundException',
      'Resource server billing does not exist.',
    );
  });

  it('refuses a taken identifier, a repeated scope name and a malformed scope name', async () => {
    const pool = await newPool();
    await t.sdk.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'api', Name: 'API' }));
    await expectError(
      new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'api', Name: 'Again' }),
      'InvalidParameterException',
      `api already exists in pool ${pool.Id}.`,
    );
    await expectError(
      new CreateResourceServerCommand({
        UserPoolId: pool.Id,
        Identifier: 'other',
        Name: 'Other',
        Scopes: [
          { ScopeName: 'a', ScopeDescription: 'x' },
          { ScopeName: 'a', ScopeDescription: 'y' },
        ],
      }),
      'InvalidParameterException',
      'Duplicate scope name a.',
    );
    await expectError(
      new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'other', Name: 'Other', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'x' }] }),
      'InvalidParameterException',
      "1 validation error detected: Value 'a/b' at 'scopes.1.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+",
    );
  });
});

describe('identity providers', () => {
  const googleDetails = { client_id: 'g-client', client_secret: 'g-secret', authorize_scopes: 'openid email' };

  it('creates a Google provider with the endpoints Cognito fills in, lists, finds by identifier, updates and deletes it', async () => {
    const pool = await newPool();
    const created = (
      await t.sdk.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool.Id,
          ProviderName: 'Google',
          ProviderType: 'Google',
          ProviderDetails: googleDetails,
          AttributeMapping: { email: 'email' },
          IdpIdentifiers: ['gmail'],
        }),
      )
    ).IdentityProvider!;
    expect(created).toMatchObject({
      UserPoolId: pool.Id,
      ProviderName: 'Google',
      ProviderType: 'Google',
      AttributeMapping: { username: 'sub', email: 'email' },
      IdpIdentifiers: ['gmail'],
      ProviderDetails: { ...googleDetails, authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth', oidc_issuer: 'https://accounts.google.com' },
    });
    expect(created.CreationDate).toBeInstanceOf(Date);

    await t.sdk.send(
      new CreateIdentityProviderCommand({
        UserPoolId: pool.Id,
        ProviderName: 'Corp',
        ProviderType: 'OIDC',
        ProviderDetails: { client_id: 'c', authorize_scopes: 'openid', oidc_issuer: 'https://idp.example.com', attributes_request_method: 'GET' },
      }),
    );
    const listed = await t.sdk.send(new ListIdentityProvidersCommand({ UserPoolId: pool.Id }));
    expect(listed.Providers!.map((p) => [p.ProviderName, p.ProviderType])).toEqual([
      ['Corp', 'OIDC'],
      ['Google', 'Google'],
    ]);
    expect((await t.sdk.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool.Id, IdpIdentifier: 'gmail' }))).IdentityProvider!.ProviderName).toBe(
      'Google',
    );

    const updated = await t.sdk.send(new UpdateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Corp', AttributeMapping: { email: 'mail' } }));
    expect(updated.IdentityProvider!.AttributeMapping).toEqual({ username: 'sub', email: 'mail' });
    expect((await t.sdk.send(new DescribeIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Corp' }))).IdentityProvider!.AttributeMapping).toEqual({
      username: 'sub',
      email: 'mail',
    });
    await t.sdk.send(new DeleteIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Corp' }));
    await expectError(
      new DescribeIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Corp' }),
      'ResourceNotFoundException',
      'Identity provider Corp does not exist.',
    );
  });

  it('refuses details a type needs, a social provider under another name, and a taken name', async () => {
    const pool = await newPool();
    await expectError(
      new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Gmail', ProviderType: 'Google', ProviderDetails: googleDetails }),
      'InvalidParameterException',
      'Provider Gmail cannot be of type Google.',
    );
    await expectError(
      new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x' } }),
      'InvalidParameterException',
      'clientId, clientSecret and authorizeScopes are all required idp details.',
    );
    await expectError(
      new CreateIdentityProviderCommand({
        UserPoolId: pool.Id,
        ProviderName: 'Corp',
        ProviderType: 'OIDC',
        ProviderDetails: { client_id: 'c', authorize_scopes: 'openid', oidc_issuer: 'http://idp.example.com', attributes_request_method: 'GET' },
      }),
      'InvalidParameterException',
      'OIDC endpoint must start with https://',
    );
    await expectError(
      new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Saml', ProviderType: 'SAML', ProviderDetails: {} }),
      'InvalidParameterException',
      'At least one of the MetadataURL or MetadataFile should be provided.',
    );
    await t.sdk.send(new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails }));
    await expectError(
      new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails }),
      'DuplicateProviderException',
      'A provider with the name Google already exists in this user pool.',
    );
  });

  it('links an external user to a pool user (identities attribute), refuses a second link, and unlinks', async () => {
    const pool = await newPool();
    await t.sdk.send(new CreateIdentityProviderCommand({ UserPoolId: pool.Id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails }));
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: 'jane', MessageAction: 'SUPPRESS' }));
    const link = {
      UserPoolId: pool.Id,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'jane' },
      SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1234567890' },
    };
    await t.sdk.send(new AdminLinkProviderForUserCommand(link));
    const attributes = (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.Id, Username: 'jane' }))).UserAttributes!;
    const identities = JSON.parse(attributes.find((a) => a.Name === 'identities')!.Value!);
    expect(identities).toEqual([
      { userId: '1234567890', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'false', dateCreated: expect.stringMatching(/^\d{13}$/) },
    ]);
    await expectError(
      new AdminLinkProviderForUserCommand(link),
      'InvalidParameterException',
      'Merging is not currently supported, provided SourceUser is already linked to a user.',
    );
    await expectError(
      new AdminLinkProviderForUserCommand({ ...link, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'nobody' } }),
      'UserNotFoundException',
      'User does not exist.',
    );
    await t.sdk.send(
      new AdminDisableProviderForUserCommand({ UserPoolId: pool.Id, User: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1234567890' } }),
    );
    const after = (await t.sdk.send(new AdminGetUserCommand({ UserPoolId: pool.Id, Username: 'jane' }))).UserAttributes!;
    expect(after.find((a) => a.Name === 'identities')).toBeUndefined();
  });
});

describe('app client OAuth settings', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = (await newPool()).Id!;
    await t.sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
  });
  const client = (settings: Record<string, unknown>) => new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ...settings } as any);
  const codeClient = {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'api/read'],
    CallbackURLs: ['https://app.example.com/callback', 'http://localhost:3000/callback', 'myapp://callback'],
    LogoutURLs: ['http://127.0.0.1:3000/'],
    DefaultRedirectURI: 'https://app.example.com/callback',
    SupportedIdentityProviders: ['COGNITO'],
  };

  it('accepts a code-flow client and returns its settings', async () => {
    const created = (await t.sdk.send(client(codeClient))).UserPoolClient!;
    expect(created).toMatchObject(codeClient);
  });

  it.each([
    [{ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'] }, 'InvalidParameterException', 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.'],
    [{ ...codeClient, CallbackURLs: undefined, DefaultRedirectURI: undefined }, 'InvalidParameterException', 'CallbackUrls can not be empty when code flow or implicit flow is selected'],
    [{ ...codeClient, CallbackURLs: ['http://app.example.com/cb'], DefaultRedirectURI: undefined }, 'InvalidParameterException', 'http://app.example.com/cb cannot use the HTTP protocol.'],
    [{ ...codeClient, CallbackURLs: ['https://app.example.com/cb#x'], DefaultRedirectURI: undefined }, 'InvalidParameterException', 'https://app.example.com/cb#x cannot use fragment'],
    [{ ...codeClient, LogoutURLs: ['http://example.com/'] }, 'InvalidParameterException', 'http://example.com/ cannot use the HTTP protocol.'],
    [{ ...codeClient, DefaultRedirectURI: 'https://elsewhere.example.com/' }, 'InvalidParameterException', 'The default redirect URI https://elsewhere.example.com/ is not in the callback URIs list.'],
    [{ ...codeClient, AllowedOAuthScopes: ['openid', 'api/write'] }, 'ScopeDoesNotExistException', 'Invalid scope requested: api/write'],
    [{ ...codeClient, SupportedIdentityProviders: ['COGNITO', 'Okta'] }, 'InvalidParameterException', 'The provider Okta does not exist for User Pool'],
    [{ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] }, 'InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.'],
    [{ GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials', 'code'], AllowedOAuthScopes: ['api/read'], CallbackURLs: ['https://a.example.com/'] }, 'InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow.'],
    [{ GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['openid'] }, 'InvalidOAuthFlowException', 'client_credentials flow can only be used with custom scopes.'],
    [{ GenerateSecret: true, ClientSecret: 'a'.repeat(32) }, 'InvalidParameterException', 'You cannot specify both GenerateSecret as true and provide a ClientSecret value.'],
  ])('refuses %j', async (settings, name, message) => {
    await expectError(client(settings), name, message);
  });

  it('checks the same rules on UpdateUserPoolClient, leaving the client unchanged on refusal', async () => {
    const created = (await t.sdk.send(client(codeClient))).UserPoolClient!;
    await expectError(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId, ...codeClient, AllowedOAuthScopes: ['nope/x'] } as any),
      'ScopeDoesNotExistException',
      'Invalid scope requested: nope/x',
    );
    const described = (await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId }))).UserPoolClient!;
    expect(described.AllowedOAuthScopes).toEqual(codeClient.AllowedOAuthScopes);
  });
});

describe('client secret rotation', () => {
  it('adds a second secret, lists both without values, accepts either for SecretHash, deletes one, refuses a third and the last', async () => {
    const pool = await newPool();
    const created = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'server', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      )
    ).UserPoolClient!;
    const clientId = created.ClientId!;
    const [original] = (await t.sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.Id, ClientId: clientId }))).ClientSecrets!;
    expect(original.ClientSecretId).toBe(`${clientId}--${created.CreationDate!.getTime()}`);
    expect(original.ClientSecretValue).toBeUndefined();

    const added = (await t.sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: clientId }))).ClientSecretDescriptor!;
    expect(added.ClientSecretValue).toMatch(/^[a-z0-9]{51}$/);
    expect(added.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    const listed = (await t.sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.Id, ClientId: clientId }))).ClientSecrets!;
    expect(listed.map((s) => s.ClientSecretId)).toEqual([original.ClientSecretId, added.ClientSecretId]);

    const hash = (secret: string, username: string) => createHmac('sha256', secret).update(username + clientId).digest('base64');
    for (const [username, secret] of [['old', created.ClientSecret!], ['new', added.ClientSecretValue!]]) {
      await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: 'Passw0rd!', SecretHash: hash(secret, username) }));
    }
    await expectError(
      new SignUpCommand({ ClientId: clientId, Username: 'wrong', Password: 'Passw0rd!', SecretHash: hash('x'.repeat(51), 'wrong') }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );

    await expectError(new AddUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: clientId }), 'LimitExceededException', 'An app client can have at most 2 client secrets.');
    await t.sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: clientId, ClientSecretId: original.ClientSecretId! }));
    const described = (await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: clientId }))).UserPoolClient!;
    expect(described.ClientSecret).toBe(added.ClientSecretValue);
    await expectError(
      new SignUpCommand({ ClientId: clientId, Username: 'late', Password: 'Passw0rd!', SecretHash: hash(created.ClientSecret!, 'late') }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );
    await expectError(
      new DeleteUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: clientId, ClientSecretId: added.ClientSecretId! }),
      'InvalidParameterException',
      'You cannot delete the last remaining client secret of an app client.',
    );
    await expectError(
      new DeleteUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: clientId, ClientSecretId: original.ClientSecretId! }),
      'ResourceNotFoundException',
      `Client secret ${original.ClientSecretId} does not exist.`,
    );
  });

  it('takes a secret of your choosing (not echoed back), which GetTokensFromRefreshToken then accepts', async () => {
    const pool = await newPool();
    const chosen = 'c'.repeat(40);
    const created = (
      await t.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'server', ClientSecret: chosen, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      )
    ).UserPoolClient!;
    expect(created.ClientSecret).toBe(chosen);
    const second = 'd'.repeat(40);
    const added = (await t.sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: created.ClientId, ClientSecret: second })))
      .ClientSecretDescriptor!;
    expect(added.ClientSecretValue).toBeUndefined();

    const hash = createHmac('sha256', second).update('sam' + created.ClientId).digest('base64');
    await t.sdk.send(new SignUpCommand({ ClientId: created.ClientId, Username: 'sam', Password: 'Passw0rd!', SecretHash: hash }));
    await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.Id, Username: 'sam' }));
    const signedIn = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: created.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD: 'Passw0rd!', SECRET_HASH: hash } }),
    );
    const refreshed = await t.sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: created.ClientId, ClientSecret: second, RefreshToken: signedIn.AuthenticationResult!.RefreshToken }),
    );
    expect(refreshed.AuthenticationResult!.AccessToken!.split('.')).toHaveLength(3);
    await expectError(
      new GetTokensFromRefreshTokenCommand({ ClientId: created.ClientId, ClientSecret: 'e'.repeat(40), RefreshToken: signedIn.AuthenticationResult!.RefreshToken }),
      'NotAuthorizedException',
      `Unable to verify secret for client ${created.ClientId}`,
    );
  });

  it('refuses a secret for a public client', async () => {
    const pool = await newPool();
    const created = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'spa' }))).UserPoolClient!;
    await expectError(
      new AddUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: created.ClientId }),
      'InvalidParameterException',
      `Client ${created.ClientId} is not configured with a client secret.`,
    );
  });
});

describe('signing certificate and tags', () => {
  it('GetSigningCertificate returns a self-signed X.509 certificate, the same every time, valid 10 years', async () => {
    const pool = await newPool();
    const first = (await t.sdk.send(new GetSigningCertificateCommand({ UserPoolId: pool.Id }))).Certificate!;
    const again = (await t.sdk.send(new GetSigningCertificateCommand({ UserPoolId: pool.Id }))).Certificate!;
    expect(again).toBe(first);
    const certificate = new X509Certificate(Buffer.from(first, 'base64'));
    expect(certificate.subject).toBe(`CN=${pool.Id}`);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 86400_000);
    expect(Math.round(years)).toBe(10);
    expect(Math.abs(Date.parse(certificate.validFrom) - pool.CreationDate!.getTime())).toBeLessThan(1000);
  });

  it('tags a pool by ARN; UserPoolTags round-trips through Create, Tag, Untag, List and Describe', async () => {
    const pool = await newPool('tagged', { UserPoolTags: { team: 'auth' } });
    const arn = pool.Arn!;
    expect((await t.sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ team: 'auth' });
    await t.sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'dev', team: 'identity' } }));
    expect((await t.sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ team: 'identity', env: 'dev' });
    await t.sdk.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'absent'] }));
    expect((await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!.UserPoolTags).toEqual({ env: 'dev' });
    await t.sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
    expect((await t.sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ env: 'dev' });
    const missing = arn.replace(pool.Id!, 'us-east-1_missing1');
    await expectError(new ListTagsForResourceCommand({ ResourceArn: missing }), 'ResourceNotFoundException', `Resource ${missing} does not exist.`);
  });

  it('a wire-level TagResource with too many tags changes nothing', async () => {
    const pool = await newPool();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const response = await call(t.url, 'TagResource', { ResourceArn: pool.Arn, Tags: tags });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ __type: 'InvalidParameterException', message: 'A user pool can have at most 50 tags.' });
    expect((await t.sdk.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags).toEqual({});
  });
});
