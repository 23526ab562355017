/**
 * Groups through the real clients of the command line: the README's "## Groups" block run as it
 * stands with bash and the aws CLI (then with aws-cli v2 at /usr/bin/aws too, where installed), every
 * group error through the CLI, and the nine operations and their errors through boto3.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { aws, createPoolAndClient, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { confirmedUser } from '../support/mfaUsers.js';
import { README, readmeBlock } from '../support/readme.js';
import { AWS_CLI_V2 as CLI_V2, hasBoto3, PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS, type ProgramRun } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliGroups.test.ts: aws CLI checks skipped, the aws CLI is not installed on this machine');
const boto3Present = await hasBoto3();
if (!boto3Present) console.warn('cliGroups.test.ts: boto3 checks skipped, python3 with boto3 is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());


/** Runs a README block with bash, `cognito` being the first walk-through's alias for this server. */
function runBlock(block: string, awsBinary: string): Promise<ProgramRun> {
  const script = `set -eu\ncognito() { "${awsBinary}" --endpoint-url "$KOGNITO_URL" cognito-idp "$@"; }\n${block}\n`;
  const env = { ...process.env, KOGNITO_URL: t.url, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  return runProgram('bash', ['-c', script], { env, timeoutMs: SCRIPT_TIMEOUT_MS });
}

/** What the README says each printing command of the block shows (its `#   ` lines), checked against a run. */
function expectReadmeOutput(stdout: string) {
  const lines = stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^[0-9a-f-]{36}$/); // sign-up's UserSub
  // ... and the last listing prints nothing: no groups are left.
  expect(lines.slice(1)).toEqual(['editors', 'admins', 'admins\teditors', 'dana', '[["admins","editors"],"arn:aws:iam::123456789012:role/admins"]']);
}

describe.skipIf(!cliPresent)('README "## Groups", run with bash and the aws CLI', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('runs from a fresh start and prints what the README says', async () => {
    const run = await runBlock(readmeBlock('groups'), 'aws');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectReadmeOutput(run.stdout);
  });

  it.skipIf(!existsSync(CLI_V2))('runs the same with aws-cli v2', async () => {
    const run = await runBlock(readmeBlock('groups'), CLI_V2);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectReadmeOutput(run.stdout);
  });
});

describe.skipIf(!cliPresent)('aws CLI: every group error', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  /** `aws cognito-idp ...` expected to fail; returns the error line the CLI prints. */
  async function cliError(...args: string[]): Promise<string> {
    // The CLI's own retry settings, so the line reads as a developer sees it.
    const result = await aws(t.url, ['cognito-idp', ...args], { AWS_MAX_ATTEMPTS: undefined, AWS_RETRY_MODE: undefined });
    expect(result.code, result.stdout).not.toBe(0);
    return result.stderr.trim();
  }

  it('prints AWS-shaped errors (boto3 below meets every operation\'s)', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await confirmedUser(t, userPoolId, clientId, 'dana');
    const ok = await aws(t.url, ['cognito-idp', 'create-group', '--user-pool-id', userPoolId, '--group-name', 'editors']);
    expect(ok.code, ok.stderr).toBe(0);
    const pool = ['--user-pool-id', userPoolId];

    // The README's own sentence about a second create-group.
    const exists = await cliError('create-group', ...pool, '--group-name', 'editors');
    expect(exists).toBe('An error occurred (GroupExistsException) when calling the CreateGroup operation: A group with the name already exists');
    expect(README.replace(/\s+/g, ' ')).toContain(exists);
    expect(await cliError('admin-add-user-to-group', ...pool, '--username', 'dana', '--group-name', 'ghosts')).toBe(
      'An error occurred (ResourceNotFoundException) when calling the AdminAddUserToGroup operation: Group not found.',
    );
    expect(await cliError('admin-list-groups-for-user', ...pool, '--username', 'ghost')).toBe(
      'An error occurred (UserNotFoundException) when calling the AdminListGroupsForUser operation: User does not exist.',
    );
    expect(await cliError('create-group', ...pool, '--group-name', 'bad', '--role-arn', 'not-an-arn-at-all-xxxxx')).toMatch(
      /^An error occurred \(InvalidParameterException\) when calling the CreateGroup operation: 1 validation error detected: Value 'not-an-arn-at-all-xxxxx' at 'roleArn' failed to satisfy constraint: /,
    );
  });

  it('pages list-groups with --max-items / --starting-token (NextToken on the wire)', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    for (const GroupName of ['a', 'b', 'c']) await t.sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
    const first = await aws(t.url, ['cognito-idp', 'list-groups', '--user-pool-id', userPoolId, '--max-items', '2', '--output', 'json']);
    expect(first.code, first.stderr).toBe(0);
    const page1 = JSON.parse(first.stdout);
    expect(page1.Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['a', 'b']);
    const second = await aws(t.url, [
      'cognito-idp', 'list-groups', '--user-pool-id', userPoolId, '--max-items', '2', '--starting-token', page1.NextToken, '--output', 'json',
    ]);
    expect(JSON.parse(second.stdout).Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['c']);
  });
});

const BOTO3_GROUPS = String.raw`
import json, sys, boto3
c = boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')
pool, out, errors = sys.argv[2], {}, []
def fails(name, call, **kwargs):
    try:
        call(**kwargs)
        errors.append([name, 'no error'])
    except c.exceptions.ClientError as e:
        modeled = type(e).__name__ == e.response['Error']['Code']
        errors.append([name, e.response['Error']['Code'], e.response['Error']['Message'], modeled])
g = c.create_group(UserPoolId=pool, GroupName='admins', Precedence=1, RoleArn='arn:aws:iam::123456789012:role/admins', Description='Admins')['Group']
out['created'] = {k: g[k] for k in ('GroupName', 'Precedence', 'RoleArn', 'Description')}
out['createdDateType'] = type(g['CreationDate']).__name__
c.create_group(UserPoolId=pool, GroupName='editors', Precedence=2)
out['updated'] = c.update_group(UserPoolId=pool, GroupName='editors', Description='Edits')['Group']['Description']
out['got'] = c.get_group(UserPoolId=pool, GroupName='editors')['Group']['Precedence']
for name in ('editors', 'admins'):
    c.admin_add_user_to_group(UserPoolId=pool, Username='dana', GroupName=name)
out['forUser'] = [x['GroupName'] for x in c.admin_list_groups_for_user(UserPoolId=pool, Username='dana')['Groups']]
out['inGroup'] = [u['Username'] for u in c.list_users_in_group(UserPoolId=pool, GroupName='admins')['Users']]
pages = c.get_paginator('list_groups').paginate(UserPoolId=pool, PaginationConfig={'PageSize': 1})
out['paged'] = [x['GroupName'] for p in pages for x in p['Groups']]
c.admin_remove_user_from_group(UserPoolId=pool, Username='dana', GroupName='admins')
c.delete_group(UserPoolId=pool, GroupName='editors')
out['after'] = [x['GroupName'] for x in c.admin_list_groups_for_user(UserPoolId=pool, Username='dana')['Groups']]
out['listed'] = [x['GroupName'] for x in c.list_groups(UserPoolId=pool)['Groups']]
fails('CreateGroup', c.create_group, UserPoolId=pool, GroupName='admins')
fails('GetGroup', c.get_group, UserPoolId=pool, GroupName='ghosts')
fails('UpdateGroup', c.update_group, UserPoolId=pool, GroupName='ghosts', Precedence=3)
fails('DeleteGroup', c.delete_group, UserPoolId=pool, GroupName='ghosts')
fails('ListUsersInGroup', c.list_users_in_group, UserPoolId=pool, GroupName='ghosts')
fails('AdminAddUserToGroup', c.admin_add_user_to_group, UserPoolId=pool, Username='ghost', GroupName='admins')
fails('AdminRemoveUserFromGroup', c.admin_remove_user_from_group, UserPoolId=pool, Username='dana', GroupName='ghosts')
fails('AdminListGroupsForUser', c.admin_list_groups_for_user, UserPoolId=pool, Username='ghost')
fails('ListGroups', c.list_groups, UserPoolId=pool, NextToken='not*a*token')
fails('ListGroups', c.list_groups, UserPoolId='us-east-1_nothere00')
out['errors'] = errors
print(json.dumps(out))
`;

describe.skipIf(!boto3Present)('boto3', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('runs the nine operations and meets each error as a modeled exception', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await confirmedUser(t, userPoolId, clientId, 'dana');
    const run = await runProgram('python3', ['-c', BOTO3_GROUPS, t.url, userPoolId]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.created).toEqual({ GroupName: 'admins', Precedence: 1, RoleArn: 'arn:aws:iam::123456789012:role/admins', Description: 'Admins' });
    expect(out.createdDateType).toBe('datetime');
    expect(out).toMatchObject({ updated: 'Edits', got: 2, forUser: ['admins', 'editors'], inGroup: ['dana'], paged: ['admins', 'editors'], after: [], listed: ['admins'] });
    const notFound = 'Group not found.';
    expect(out.errors).toEqual([
      ['CreateGroup', 'GroupExistsException', 'A group with the name already exists', true],
      ['GetGroup', 'ResourceNotFoundException', notFound, true],
      ['UpdateGroup', 'ResourceNotFoundException', notFound, true],
      ['DeleteGroup', 'ResourceNotFoundException', notFound, true],
      ['ListUsersInGroup', 'ResourceNotFoundException', notFound, true],
      ['AdminAddUserToGroup', 'UserNotFoundException', 'User does not exist.', true],
      ['AdminRemoveUserFromGroup', 'ResourceNotFoundException', notFound, true],
      ['AdminListGroupsForUser', 'UserNotFoundException', 'User does not exist.', true],
      ['ListGroups', 'InvalidParameterException', 'Invalid pagination token.', true],
      ['ListGroups', 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.', true],
    ]);
  });
});
