/** Pool and client administration, AdminCreateUser/GetUser/DeleteUser and ListUsers through the SDK v3. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, messages, startServer, expectSdkError, sdkFailure, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const PASSWORD = 'Passw0rd!';

const failure = (command: any) => sdkFailure(t.sdk, command);
const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);

describe('user pools', () => {
  it('creates a pool whose id and ARN look like AWS ones, and describes it with Date timestamps', async () => {
    const created = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'shop', AutoVerifiedAttributes: ['email'] }))).UserPool!;
    expect(created.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(created.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${created.Id}`);
    expect(created.CreationDate).toBeInstanceOf(Date);
    const described = (await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }))).UserPool!;
    expect(described).toMatchObject({ Id: created.Id, Name: 'shop', AutoVerifiedAttributes: ['email'], MfaConfiguration: 'OFF', EstimatedNumberOfUsers: 0 });
    expect(described.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 8, RequireSymbols: true });
    expect(described.SchemaAttributes?.map((a) => a.Name)).toContain('email');
  });

  it('refuses AliasAttributes together with UsernameAttributes', async () => {
    const error = await failure(new CreateUserPoolCommand({ PoolName: 'both', AliasAttributes: ['email'], UsernameAttributes: ['email'] }));
    expect(error.name).toBe('InvalidParameterException');
  });

  it('lists pools a page at a time with MaxResults and NextToken', async () => {
    const own = await startServer();
    try {
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c']) ids.push((await own.sdk.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!);
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await own.sdk.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
        expect(page.UserPools!.length).toBeLessThanOrEqual(2);
        seen.push(...page.UserPools!.map((p) => p.Id!));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      expect(pages).toBe(2);
      expect(seen.sort()).toEqual(ids.sort());
      await expect(own.sdk.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: 'not-a-token!' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    } finally {
      await own.close();
    }
  });

  it('UpdateUserPool resets the settings the request leaves out', async () => {
    const id = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'upd', AutoVerifiedAttributes: ['email'], Policies: { PasswordPolicy: { MinimumLength: 12 } } }))).UserPool!.Id!;
    await t.sdk.send(new UpdateUserPoolCommand({ UserPoolId: id, MfaConfiguration: 'OFF' }));
    const after = (await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
    expect(after.AutoVerifiedAttributes).toBeUndefined();
    expect(after.Policies?.PasswordPolicy?.MinimumLength).toBe(8);
    expect(after.Name).toBe('upd');
  });

  it('DeleteUserPool: afterwards the pool, its clients and its JWKS are gone', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
    await expectError(new DescribeUserPoolCommand({ UserPoolId: userPoolId }), 'ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
    await expectError(new SignUpCommand({ ClientId: clientId, Username: 'x', Password: PASSWORD }), 'ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    expect((await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`)).status).toBe(404);
    await expectError(new DeleteUserPoolCommand({ UserPoolId: userPoolId }), 'ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
  });
});

describe('app clients', () => {
  it('creates a client with defaults, a secret on request, and describes it', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const client = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'server', GenerateSecret: true }))).UserPoolClient!;
    expect(client.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(client.ClientSecret).toMatch(/^[\w+]{24,64}$/);
    expect(client).toMatchObject({ PreventUserExistenceErrors: 'LEGACY', EnableTokenRevocation: true, RefreshTokenValidity: 30, AuthSessionValidity: 3 });
    const described = (await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: client.ClientId }))).UserPoolClient!;
    expect(described.ClientSecret).toBe(client.ClientSecret);
    expect(described.ClientName).toBe('server');
  });

  it('refuses a token validity outside 5 minutes..1 day', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const error = await failure(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'c', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes' } }));
    expect(error.name).toBe('InvalidParameterException');
  });

  it('lists clients a page at a time', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const second = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'two' }))).UserPoolClient!.ClientId!;
    const first = await t.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 1 }));
    expect(first.UserPoolClients).toHaveLength(1);
    expect(first.NextToken).toBeDefined();
    const rest = await t.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 1, NextToken: first.NextToken }));
    expect(rest.NextToken).toBeUndefined();
    expect([first.UserPoolClients![0].ClientId, rest.UserPoolClients![0].ClientId].sort()).toEqual([clientId, second].sort());
  });

  it('UpdateUserPoolClient resets omitted settings: USER_PASSWORD_AUTH is no longer allowed', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: [] }, { AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' } });
    await t.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId, ClientName: 'renamed' }));
    const after = (await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient!;
    expect(after.ClientName).toBe('renamed');
    expect(after.AccessTokenValidity).toBeUndefined();
    expect(after.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    await expectError(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a', PASSWORD } }),
      'InvalidParameterException',
      'USER_PASSWORD_AUTH flow not enabled for this client',
    );
  });

  it('DeleteUserPoolClient: afterwards Describe answers ResourceNotFoundException', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    await expectError(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }), 'ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  });

  it('does not describe a client through another pool', async () => {
    const a = await createPoolAndClient(t.sdk);
    const b = await createPoolAndClient(t.sdk);
    await expectError(new DescribeUserPoolClientCommand({ UserPoolId: b.userPoolId, ClientId: a.clientId }), 'ResourceNotFoundException', `User pool client ${a.clientId} does not exist.`);
  });
});

describe('AdminCreateUser, AdminGetUser, AdminDeleteUser', () => {
  it('creates a FORCE_CHANGE_PASSWORD user and puts the temporary password in the outbox', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const created = await t.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'carl', UserAttributes: [{ Name: 'email', Value: 'carl@example.com' }], DesiredDeliveryMediums: ['EMAIL'] }),
    );
    expect(created.User).toMatchObject({ Username: 'carl', UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(created.User!.UserCreateDate).toBeInstanceOf(Date);
    const sent = await messages(t.url, userPoolId, 'carl');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'ADMIN_CREATE_USER', deliveryMedium: 'EMAIL', destination: 'carl@example.com' });
    expect(sent[0].code).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d).{8,}$/);
    const got = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'carl' }));
    expect(got).toMatchObject({ Username: 'carl', UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(got.UserAttributes?.find((a) => a.Name === 'sub')?.Value).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.UserLastModifiedDate).toBeInstanceOf(Date);
  });

  it('sends nothing with MessageAction SUPPRESS, and refuses an existing username with UsernameExistsException', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'dina', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    expect(await messages(t.url, userPoolId, 'dina')).toEqual([]);
    await expectError(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'dina', MessageAction: 'SUPPRESS' }), 'UsernameExistsException', 'User account already exists');
  });

  it('AdminGetUser of an unknown user answers "User does not exist."', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    await expectError(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
  });

  it('AdminDeleteUser removes the user: AdminGetUser then fails, the username is free again', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'erin', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }] }));
    await t.sdk.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: 'erin' }));
    await expectError(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'erin' }), 'UserNotFoundException', 'User does not exist.');
    await expectError(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: 'erin' }), 'UserNotFoundException', 'User does not exist.');
    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'erin', Password: PASSWORD }));
  });
});

describe('ListUsers', () => {
  let userPoolId: string;
  beforeAll(async () => {
    let clientId: string;
    ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
    for (const name of ['amy', 'andy', 'bert', 'cleo', 'dan']) {
      await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: name, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] }));
    }
  });

  it('filters with email = "..." exactly', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email = "bert@example.com"' }));
    expect(out.Users?.map((u) => u.Username)).toEqual(['bert']);
    expect(out.Users![0].UserStatus).toBe('UNCONFIRMED');
    expect(out.Users![0].UserCreateDate).toBeInstanceOf(Date);
  });

  it('filters with ^= as a prefix', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'username ^= "an"' }));
    expect(out.Users?.map((u) => u.Username)).toEqual(['andy']);
    const byEmail = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email ^= "a"' }));
    expect(byEmail.Users?.map((u) => u.Username)).toEqual(['amy', 'andy']);
  });

  it('refuses a filter it cannot parse with InvalidParameterException', async () => {
    for (const Filter of ['email = bert', 'nosuch = "x"', 'email ~ "x"']) {
      const error = await failure(new ListUsersCommand({ UserPoolId: userPoolId, Filter }));
      expect(error.name, Filter).toBe('InvalidParameterException');
    }
  });

  it('pages with Limit and PaginationToken, every user exactly once', async () => {
    const seen: string[] = [];
    let PaginationToken: string | undefined;
    let pages = 0;
    do {
      const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 2, PaginationToken }));
      expect(out.Users!.length).toBeLessThanOrEqual(2);
      seen.push(...out.Users!.map((u) => u.Username!));
      PaginationToken = out.PaginationToken;
      pages++;
    } while (PaginationToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(['amy', 'andy', 'bert', 'cleo', 'dan']);
  });

  it('goes on after the last user of a page is deleted between pages (no restart, no repeat)', async () => {
    const { userPoolId: pool, clientId } = await createPoolAndClient(t.sdk);
    for (const name of ['ann', 'bo', 'cy', 'di']) await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: name, Password: PASSWORD }));
    const first = await t.sdk.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2 }));
    expect(first.Users!.map((u) => u.Username)).toEqual(['ann', 'bo']);
    await t.sdk.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: 'bo' }));
    const second = await t.sdk.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2, PaginationToken: first.PaginationToken }));
    expect(second.Users!.map((u) => u.Username)).toEqual(['cy', 'di']);
  });

  it('matches cognito:user_status case-insensitively; an empty Filter lists everyone', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'cognito:user_status = "unconfirmed"' }));
    expect(out.Users).toHaveLength(5);
    const all = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: '' }));
    expect(all.Users).toHaveLength(5);
  });

  it('answers Limit 0 like no Limit (never a 5xx)', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 0 }));
    expect(out.Users).toHaveLength(5);
    expect(out.PaginationToken).toBeUndefined();
  });

  it('returns only AttributesToGet', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'username = "amy"', AttributesToGet: ['email'] }));
    expect(out.Users![0].Attributes).toEqual([{ Name: 'email', Value: 'amy@example.com' }]);
  });

  it('answers an unknown pool with ResourceNotFoundException', async () => {
    await expectError(new ListUsersCommand({ UserPoolId: 'us-east-1_missing' }), 'ResourceNotFoundException', 'User pool us-east-1_missing does not exist.');
  });
});
