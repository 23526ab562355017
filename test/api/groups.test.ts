/**
 * Groups through the SDK v3 against a listening kognito: the nine operations, their errors and
 * pagination, memberships going with a deleted group or user, and the group claims of the tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteUserPoolCommand,
  GetGroupCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { advanceClock, call, createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, passwordSignIn } from '../support/mfaUsers.js';

let t: TestServer;
let sdk: CognitoIdentityProviderClient;
beforeAll(async () => {
  t = await startServer();
  sdk = t.sdk;
});
afterAll(() => t.close());

const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

async function poolWithUsers(...usernames: string[]) {
  const { userPoolId, clientId } = await createPoolAndClient(sdk);
  for (const username of usernames) await confirmedUser(t, userPoolId, clientId, username);
  return { userPoolId, clientId };
}

const groupNames = async (userPoolId: string, username: string) =>
  (await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }))).Groups!.map((g) => g.GroupName);

/** The payloads of a fresh sign-in's tokens, with their claim names in token order. */
async function tokensOf(clientId: string, username: string) {
  const result = (await passwordSignIn(t, clientId, username)).AuthenticationResult!;
  const access = decodeJwt(result.AccessToken!);
  const id = decodeJwt(result.IdToken!);
  return { access, id, accessKeys: Object.keys(access), idKeys: Object.keys(id), refreshToken: result.RefreshToken! };
}

describe('CreateGroup, GetGroup, UpdateGroup, DeleteGroup', () => {
  it('creates a group and shows it as GroupType; a second group of that name is GroupExistsException', async () => {
    const { userPoolId } = await poolWithUsers();
    const before = Date.now() / 1000;
    const { Group } = await sdk.send(
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'admins', Description: 'Admins', RoleArn: ROLE('admin'), Precedence: 1 }),
    );
    expect(Group).toMatchObject({ GroupName: 'admins', UserPoolId: userPoolId, Description: 'Admins', RoleArn: ROLE('admin'), Precedence: 1 });
    expect(Group!.CreationDate!.getTime() / 1000).toBeGreaterThanOrEqual(Math.floor(before));
    expect(Group!.LastModifiedDate).toEqual(Group!.CreationDate);

    const raw = await call(t.url, 'GetGroup', { UserPoolId: userPoolId, GroupName: 'admins' });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body.Group)).toEqual(['GroupName', 'UserPoolId', 'Description', 'RoleArn', 'Precedence', 'LastModifiedDate', 'CreationDate']);
    expect(typeof raw.body.Group.CreationDate).toBe('number');

    await expectSdkError(sdk, new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'admins' }), 'GroupExistsException', 'A group with the name already exists');
    // A bare group has no Description, RoleArn or Precedence at all.
    const bare = await call(t.url, 'CreateGroup', { UserPoolId: userPoolId, GroupName: 'readers' });
    expect(Object.keys(bare.body.Group)).toEqual(['GroupName', 'UserPoolId', 'LastModifiedDate', 'CreationDate']);
  });

  it('refuses an unknown pool, an unknown group, and input the model forbids', async () => {
    const { userPoolId } = await poolWithUsers();
    await expectSdkError(sdk, new CreateGroupCommand({ UserPoolId: 'us-east-1_nothere00', GroupName: 'g' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
    await expectSdkError(sdk, new GetGroupCommand({ UserPoolId: userPoolId, GroupName: 'ghosts' }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(sdk, new UpdateGroupCommand({ UserPoolId: userPoolId, GroupName: 'ghosts', Precedence: 1 }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(sdk, new DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: 'ghosts' }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(
      sdk,
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g', RoleArn: 'not-an-arn-at-all-xxxxx' }),
      'InvalidParameterException',
      "1 validation error detected: Value 'not-an-arn-at-all-xxxxx' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?",
    );
    await expectSdkError(
      sdk,
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g', Precedence: -1 }),
      'InvalidParameterException',
      "1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    await expect(sdk.send(new ListGroupsCommand({ UserPoolId: userPoolId }))).resolves.toMatchObject({ Groups: [] });
  });

  it('UpdateGroup changes only what it names and moves LastModifiedDate', async () => {
    const { userPoolId } = await poolWithUsers();
    const { Group: created } = await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g', Description: 'first', RoleArn: ROLE('a'), Precedence: 3 }));
    await advanceClock(t.url, 60);
    const { Group: updated } = await sdk.send(new UpdateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g', Description: 'second' }));
    expect(updated).toMatchObject({ Description: 'second', RoleArn: ROLE('a'), Precedence: 3, CreationDate: created!.CreationDate });
    expect(updated!.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(created!.LastModifiedDate!.getTime() + 60_000);
    const { Group: got } = await sdk.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }));
    expect(got).toEqual(updated);
  });

  it('DeleteGroup takes its memberships with it; a new group of that name starts empty', async () => {
    const { userPoolId } = await poolWithUsers('ana');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'g' }));
    await sdk.send(new DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }));
    await expectSdkError(sdk, new GetGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }), 'ResourceNotFoundException', 'Group not found.');
    expect(await groupNames(userPoolId, 'ana')).toEqual([]);
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }));
    expect((await sdk.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'g' }))).Users).toEqual([]);
  });
});

describe('ListGroups', () => {
  it('lists by name a page at a time; a forged NextToken is refused', async () => {
    const { userPoolId } = await poolWithUsers();
    for (const name of ['delta', 'alpha', 'charlie', 'bravo', 'echo']) await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: name }));
    const first = await sdk.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 2 }));
    expect(first.Groups!.map((g) => g.GroupName)).toEqual(['alpha', 'bravo']);
    expect(first.NextToken).toBeTruthy();
    // A group deleted between pages does not lose the place.
    await sdk.send(new DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: 'bravo' }));
    const second = await sdk.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 2, NextToken: first.NextToken }));
    expect(second.Groups!.map((g) => g.GroupName)).toEqual(['charlie', 'delta']);
    const last = await sdk.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 2, NextToken: second.NextToken }));
    expect(last.Groups!.map((g) => g.GroupName)).toEqual(['echo']);
    expect(last.NextToken).toBeUndefined();
    expect((await sdk.send(new ListGroupsCommand({ UserPoolId: userPoolId }))).Groups).toHaveLength(4);
    await expectSdkError(sdk, new ListGroupsCommand({ UserPoolId: userPoolId, NextToken: 'not*a*token' }), 'InvalidParameterException', 'Invalid pagination token.');
    await expectSdkError(
      sdk,
      new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });
});

describe('memberships', () => {
  it('adds, lists both ways, removes; adding twice or removing a non-member changes nothing', async () => {
    const { userPoolId } = await poolWithUsers('ana', 'bob', 'cy');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }));
    for (const username of ['cy', 'ana', 'bob', 'ana']) {
      await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: 'staff' }));
    }
    const page1 = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff', Limit: 2 }));
    expect(page1.Users!.map((u) => u.Username)).toEqual(['ana', 'bob']);
    expect(page1.Users![0]).toMatchObject({ Enabled: true, UserStatus: 'CONFIRMED', Attributes: expect.arrayContaining([{ Name: 'email', Value: 'ana@example.com' }]) });
    const page2 = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff', Limit: 2, NextToken: page1.NextToken }));
    expect(page2.Users!.map((u) => u.Username)).toEqual(['cy']);
    expect(page2.NextToken).toBeUndefined();

    await sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: 'bob', GroupName: 'staff' }));
    await sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: 'bob', GroupName: 'staff' }));
    expect((await sdk.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }))).Users!.map((u) => u.Username)).toEqual(['ana', 'cy']);
    expect(await groupNames(userPoolId, 'bob')).toEqual([]);
  });

  it('names the missing user or group', async () => {
    const { userPoolId } = await poolWithUsers('ana');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }));
    await expectSdkError(sdk, new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ghost', GroupName: 'staff' }), 'UserNotFoundException', 'User does not exist.');
    await expectSdkError(sdk, new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'ghosts' }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(sdk, new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: 'ghost', GroupName: 'staff' }), 'UserNotFoundException', 'User does not exist.');
    await expectSdkError(sdk, new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'ghosts' }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(sdk, new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: 'ghost' }), 'UserNotFoundException', 'User does not exist.');
    await expectSdkError(sdk, new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'ghosts' }), 'ResourceNotFoundException', 'Group not found.');
    await expectSdkError(sdk, new AdminListGroupsForUserCommand({ UserPoolId: 'us-east-1_nothere00', Username: 'ana' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
  });

  it('deleting a user takes their memberships; a new user of that name is in no group', async () => {
    const { userPoolId, clientId } = await poolWithUsers('ana', 'bob');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'staff' }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'bob', GroupName: 'staff' }));
    await sdk.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: 'ana' }));
    expect((await sdk.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }))).Users!.map((u) => u.Username)).toEqual(['bob']);
    await confirmedUser(t, userPoolId, clientId, 'ana');
    expect(await groupNames(userPoolId, 'ana')).toEqual([]);
  });

  it('deleting the pool takes its groups', async () => {
    const { userPoolId } = await poolWithUsers('ana');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff' }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'staff' }));
    await sdk.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
    const left = t.server.ctx.store.db.prepare('SELECT (SELECT count(*) FROM groups WHERE user_pool_id = ?) + (SELECT count(*) FROM group_members WHERE user_pool_id = ?) AS n').get(userPoolId, userPoolId) as { n: number };
    expect(left.n).toBe(0);
  });
});

describe('group claims in tokens', () => {
  it('AdminListGroupsForUser and cognito:groups rank by Precedence, groups without one last, ties in joining order; pages keep the order', async () => {
    const { userPoolId, clientId } = await poolWithUsers('ana');
    const groups: [string, number | undefined][] = [['zeta', undefined], ['late', 5], ['top', 0], ['tie-b', 2], ['tie-a', 2], ['alpha', undefined]];
    for (const [GroupName, Precedence] of groups) await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName, Precedence }));
    for (const [GroupName] of groups) {
      await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName }));
      await advanceClock(t.url, 1);
    }
    const expected = ['top', 'tie-b', 'tie-a', 'late', 'zeta', 'alpha'];
    expect(await groupNames(userPoolId, 'ana')).toEqual(expected);
    const paged: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: 'ana', Limit: 4, NextToken }));
      paged.push(...page.Groups!.map((g) => g.GroupName!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(paged).toEqual(expected);

    const { access, id } = await tokensOf(clientId, 'ana');
    expect(access['cognito:groups']).toEqual(expected);
    expect(id['cognito:groups']).toEqual(expected);
    expect(id['cognito:roles']).toBeUndefined();
    expect(id['cognito:preferred_role']).toBeUndefined();
  });

  it('cognito:roles lists every role, cognito:preferred_role the best-ranked one; claims sit where real tokens have them', async () => {
    const { userPoolId, clientId } = await poolWithUsers('ana');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'admins', Precedence: 1, RoleArn: ROLE('admin') }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'editors', Precedence: 2, RoleArn: ROLE('editor') }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'first', Precedence: 0 })); // best ranked, but no role
    for (const GroupName of ['editors', 'admins', 'first']) await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName }));

    const { access, id, accessKeys, idKeys } = await tokensOf(clientId, 'ana');
    expect(id['cognito:groups']).toEqual(['first', 'admins', 'editors']);
    expect(id['cognito:roles']).toEqual([ROLE('admin'), ROLE('editor')]);
    expect(id['cognito:preferred_role']).toBe(ROLE('admin'));
    expect(access['cognito:roles']).toBeUndefined();
    expect(access['cognito:preferred_role']).toBeUndefined();
    // Access: sub, cognito:groups, iss ... ; ID: sub, cognito:groups, [email_verified], cognito:preferred_role, iss,
    // cognito:username, origin_jti, cognito:roles, aud ... (the developer guide's sample token; ana's email is unverified).
    expect(accessKeys.slice(0, 3)).toEqual(['sub', 'cognito:groups', 'iss']);
    expect(idKeys.slice(0, 8)).toEqual(['sub', 'cognito:groups', 'cognito:preferred_role', 'iss', 'cognito:username', 'origin_jti', 'cognito:roles', 'aud']);
  });

  it('tied groups with different roles give no preferred role; with the same role they give it', async () => {
    const { userPoolId, clientId } = await poolWithUsers('ana', 'bob');
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'a', Precedence: 1, RoleArn: ROLE('a') }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'b', Precedence: 1, RoleArn: ROLE('b') }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'a2', Precedence: 1, RoleArn: ROLE('a') }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'later', Precedence: 9, RoleArn: ROLE('later') }));
    for (const GroupName of ['a', 'b', 'later']) await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName }));
    for (const GroupName of ['a', 'a2', 'later']) await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'bob', GroupName }));
    const ana = (await tokensOf(clientId, 'ana')).id;
    expect(ana['cognito:roles']).toEqual([ROLE('a'), ROLE('b'), ROLE('later')]);
    expect(ana['cognito:preferred_role']).toBeUndefined();
    const bob = (await tokensOf(clientId, 'bob')).id;
    expect(bob['cognito:roles']).toEqual([ROLE('a'), ROLE('later')]);
    expect(bob['cognito:preferred_role']).toBe(ROLE('a'));
  });

  it('a user in no group has no group claims; a refresh re-reads the groups', async () => {
    const { userPoolId, clientId } = await poolWithUsers('ana');
    const { access, id, refreshToken } = await tokensOf(clientId, 'ana');
    expect(access['cognito:groups']).toBeUndefined();
    expect(id['cognito:groups']).toBeUndefined();
    await sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'staff', RoleArn: ROLE('staff') }));
    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'ana', GroupName: 'staff' }));
    const refreshed = (
      await sdk.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }))
    ).AuthenticationResult!;
    expect(decodeJwt(refreshed.AccessToken!)['cognito:groups']).toEqual(['staff']);
    // One group with a role and no precedence: it is the preferred one.
    expect(decodeJwt(refreshed.IdToken!)).toMatchObject({ 'cognito:groups': ['staff'], 'cognito:roles': [ROLE('staff')], 'cognito:preferred_role': ROLE('staff') });
  });
});
