/**
 * ListUsers' whole Filter grammar through the SDK v3: `=` and `^=` on every filterable attribute,
 * their case rules, quoting and escaping, AWS's error texts, AttributesToGet, and pages of a filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, expectSdkError, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let userPoolId: string;
const subs: Record<string, string> = {};

/** name -> attributes; statuses: ana, bo CONFIRMED; cy UNCONFIRMED; the rest FORCE_CHANGE_PASSWORD. */
const PEOPLE: Record<string, Record<string, string>> = {
  ana: { email: 'Ana@Example.com', name: 'Ana Lima', given_name: 'Ana', family_name: 'Lima', phone_number: '+15555550101', preferred_username: 'AnaL' },
  bo: { email: 'bo@example.com', name: 'Bo "BJ" Kim', given_name: 'Bo', family_name: 'Kim', phone_number: '+15555550102' },
  cy: { email: 'cy@other.org', name: 'Cy \\ Back', given_name: 'Cy', family_name: 'Lima' },
  dan: { email: 'dan@example.com' },
  eli: { email: 'eli@example.com' },
  fox: { email: 'fox@example.com', 'custom:tier': 'gold' },
};

beforeAll(async () => {
  t = await startServer();
  const pool = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: [], Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] });
  userPoolId = pool.userPoolId;
  for (const [username, attributes] of Object.entries(PEOPLE)) {
    const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
    if (['ana', 'bo', 'cy'].includes(username)) {
      await t.sdk.send(new SignUpCommand({ ClientId: pool.clientId, Username: username, Password: 'Passw0rd!', UserAttributes }));
      if (username !== 'cy') await t.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
    } else {
      await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, UserAttributes, MessageAction: 'SUPPRESS' }));
    }
    const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    subs[username] = user.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
  }
});
afterAll(() => t.close());

const usernames = async (Filter: string, extra: Record<string, unknown> = {}) =>
  ((await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter, ...extra }))).Users ?? []).map((u) => u.Username).sort();
const expectError = (command: any, name: string, message: string) => expectSdkError(t.sdk, command, name, message);

describe('ListUsers Filter: = and ^= on every filterable attribute', () => {
  it.each([
    ['username = "bo"', ['bo']],
    ['username ^= "d"', ['dan']],
    ['email = "ana@example.com"', ['ana']],
    ['email ^= "ANA@"', ['ana']],
    ['email ^= "cy@other"', ['cy']],
    ['phone_number = "+15555550102"', ['bo']],
    ['phone_number ^= "+1555555010"', ['ana', 'bo']],
    ['name = "ana lima"', ['ana']],
    ['name ^= "Bo"', ['bo']],
    ['given_name = "CY"', ['cy']],
    ['given_name ^= "a"', ['ana']],
    ['family_name = "Lima"', ['ana', 'cy']],
    ['family_name ^= "ki"', ['bo']],
    ['preferred_username = "anal"', ['ana']],
    ['preferred_username ^= "An"', ['ana']],
    ['cognito:user_status = "CONFIRMED"', ['ana', 'bo']],
    ['cognito:user_status = "unconfirmed"', ['cy']],
    ['cognito:user_status ^= "force"', ['dan', 'eli', 'fox']],
    ['status = "Enabled"', ['ana', 'bo', 'cy', 'dan', 'eli', 'fox']],
    ['status ^= "Dis"', []],
  ])('%s', async (filter, expected) => {
    expect(await usernames(filter)).toEqual(expected);
  });

  it('sub = and ^=, case-insensitively', async () => {
    expect(await usernames(`sub = "${subs.eli.toUpperCase()}"`)).toEqual(['eli']);
    expect(await usernames(`sub ^= "${subs.fox.slice(0, 13)}"`)).toEqual(['fox']);
  });

  it('username and status compare case-sensitively', async () => {
    expect(await usernames('username = "BO"')).toEqual([]);
    expect(await usernames('status = "enabled"')).toEqual([]);
  });

  it('an attribute a user does not have matches no prefix, not even the empty one', async () => {
    expect(await usernames('phone_number ^= ""')).toEqual(['ana', 'bo']);
  });

  it('an empty Filter lists everyone', async () => {
    expect(await usernames('')).toEqual(Object.keys(PEOPLE));
  });
});

describe('quoting and escaping', () => {
  it('takes \\" for a quote and \\\\ for a backslash inside the value', async () => {
    expect(await usernames('name = "Bo \\"BJ\\" Kim"')).toEqual(['bo']);
    expect(await usernames('name = "Cy \\\\ Back"')).toEqual(['cy']);
  });

  it('accepts a quoted attribute name and no spaces around the operator', async () => {
    expect(await usernames('"email"^="dan"')).toEqual(['dan']);
    expect(await usernames('  given_name="Bo"  ')).toEqual(['bo']);
  });

  it('answers "Error while parsing filter." for what is not `name op "value"`', async () => {
    for (const Filter of ['email = dan', 'email ~ "dan"', 'email != "dan"', 'email = "dan" or x', '= "dan"', 'email "dan"', 'email = "dan']) {
      await expectError(new ListUsersCommand({ UserPoolId: userPoolId, Filter }), 'InvalidParameterException', 'Error while parsing filter.');
    }
  });

  it('refuses attributes ListUsers cannot search (custom ones, other standard ones)', async () => {
    await expectError(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'custom:tier = "gold"' }), 'InvalidParameterException', 'Invalid search attribute: custom:tier');
    await expectError(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'locale = "en"' }), 'InvalidParameterException', 'Invalid search attribute: locale');
  });

  it('refuses a Filter longer than 256 characters (the model)', async () => {
    const Filter = `email = "${'a'.repeat(250)}"`;
    await expectError(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter }),
      'InvalidParameterException',
      `1 validation error detected: Value '${Filter}' at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });
});

describe('pages and AttributesToGet', () => {
  it('pages a filter with Limit and PaginationToken, each user once', async () => {
    const seen: string[] = [];
    let PaginationToken: string | undefined;
    let pages = 0;
    do {
      const page = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email ^= ""', Limit: 2, PaginationToken }));
      expect(page.Users!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Users!.map((u) => u.Username!));
      PaginationToken = page.PaginationToken;
      pages++;
    } while (PaginationToken);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(Object.keys(PEOPLE));
    await expectError(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email ^= ""', PaginationToken: 'bm90LWpzb24' }),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
  });

  it('AttributesToGet: only those attributes; a searchable one may be missing, another must be set for every user of the page', async () => {
    const out = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'username = "ana"', AttributesToGet: ['email', 'name'] }));
    expect(out.Users![0].Attributes).toEqual([
      { Name: 'email', Value: 'Ana@Example.com' },
      { Name: 'name', Value: 'Ana Lima' },
    ]);
    const some = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, AttributesToGet: ['phone_number'] }));
    expect(some.Users!.map((u) => u.Attributes!.length).sort()).toEqual([0, 0, 0, 0, 1, 1]);
    await expectError(
      new ListUsersCommand({ UserPoolId: userPoolId, AttributesToGet: ['custom:tier'] }),
      'InvalidParameterException',
      'One or more requested attributes do not exist.',
    );
    const gold = await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'username = "fox"', AttributesToGet: ['custom:tier'] }));
    expect(gold.Users![0].Attributes).toEqual([{ Name: 'custom:tier', Value: 'gold' }]);
  });

  it('follows attribute changes: an updated email is found by its new value only', async () => {
    await t.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: 'eli', UserAttributes: [{ Name: 'email', Value: 'eli.new@example.net' }] }));
    expect(await usernames('email = "eli@example.com"')).toEqual([]);
    expect(await usernames('email ^= "eli.new@"')).toEqual(['eli']);
  });
});
