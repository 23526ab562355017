/**
 * Attributes and ListUsers filters through the command line's real clients: aws-cli v2 (/usr/bin/aws)
 * and boto3 run AdminUpdateUserAttributes, AdminDeleteUserAttributes, AddCustomAttributes and
 * ListUsers (filters, AttributesToGet, the CLI's own pagination), each error provoked at least once.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { confirmedUser } from '../support/mfaUsers.js';
import { AWS_CLI_V2 as CLI_V2, hasBoto3, PROGRAMS_TEST_TIMEOUT_MS, runProgram, type ProgramRun } from '../support/programs.js';

const cliPresent = existsSync(CLI_V2);
if (!cliPresent) console.warn('cliAttributes.test.ts: aws-cli v2 checks skipped, /usr/bin/aws is not installed on this machine');
const boto3Present = await hasBoto3();
if (!boto3Present) console.warn('cliAttributes.test.ts: boto3 checks skipped, python3 with boto3 is not installed on this machine');

let t: TestServer;
let userPoolId: string;
beforeAll(async () => {
  t = await startServer();
  ({ userPoolId } = await createPoolAndClient(t.sdk, { AutoVerifiedAttributes: [], Schema: [{ Name: 'plan', AttributeDataType: 'String', Mutable: false }] }));
  const clientId = (await t.sdk.send(new (await import('@aws-sdk/client-cognito-identity-provider')).CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'c' }))).UserPoolClient!.ClientId!;
  for (const name of ['amy', 'ben', 'abe']) await confirmedUser(t, userPoolId, clientId, name, { given_name: name.toUpperCase(), 'custom:plan': 'basic' });
});
afterAll(() => t.close());

/** Runs aws-cli v2 (JSON output, no pager, its default retries: client errors are not retried); resolves with its exit code and output. */
function cli(...args: string[]): Promise<ProgramRun> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  return runProgram(CLI_V2, ['--endpoint-url', t.url, '--output', 'json', 'cognito-idp', ...args], { env });
}
const ok = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim() ? JSON.parse(run.stdout) : {};
};
/** The error the CLI prints for a service error (exit 254 in v2). */
const failing = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.code, run.stdout).toBe(254);
  return run.stderr.trim();
};
const line = (operation: string, type: string, message: string) => `An error occurred (${type}) when calling the ${operation} operation: ${message}`;

describe.skipIf(!cliPresent)('aws-cli v2', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  const pool = () => ['--user-pool-id', userPoolId];

  it('add-custom-attributes grows the schema describe-user-pool shows; a name taken and a required one are refused', async () => {
    await ok('add-custom-attributes', ...pool(), '--custom-attributes', 'Name=tier,AttributeDataType=String,Mutable=true', 'Name=ops,AttributeDataType=Number,DeveloperOnlyAttribute=true');
    const names = await ok('describe-user-pool', ...pool(), '--query', 'UserPool.SchemaAttributes[].Name');
    expect(names).toEqual(expect.arrayContaining(['custom:plan', 'custom:tier', 'dev:custom:ops']));
    expect(await failing('add-custom-attributes', ...pool(), '--custom-attributes', 'Name=tier,AttributeDataType=String')).toBe(
      line('AddCustomAttributes', 'InvalidParameterException', 'custom:tier: Existing attribute already has name custom:tier.'),
    );
    expect(await failing('add-custom-attributes', ...pool(), '--custom-attributes', 'Name=must,AttributeDataType=String,Required=true')).toBe(
      line('AddCustomAttributes', 'InvalidParameterException', 'Required custom attributes are not supported currently.'),
    );
  });

  it('admin-update-user-attributes and admin-delete-user-attributes, with their errors', async () => {
    await ok('admin-update-user-attributes', ...pool(), '--username', 'amy', '--user-attributes', 'Name=custom:tier,Value=gold', 'Name=nickname,Value=Ames');
    const got = await ok('admin-get-user', ...pool(), '--username', 'amy', '--query', 'UserAttributes[?Name==`custom:tier` || Name==`nickname`].Value');
    expect(got.sort()).toEqual(['Ames', 'gold']);
    expect(await failing('admin-update-user-attributes', ...pool(), '--username', 'amy', '--user-attributes', 'Name=custom:plan,Value=pro')).toBe(
      line('AdminUpdateUserAttributes', 'InvalidParameterException', 'user.custom:plan: Attribute cannot be updated.'),
    );
    expect(await failing('admin-update-user-attributes', ...pool(), '--username', 'amy', '--user-attributes', 'Name=custom:nope,Value=x')).toBe(
      line('AdminUpdateUserAttributes', 'InvalidParameterException', 'user.custom:nope: Attribute does not exist in the schema.'),
    );
    expect(await failing('admin-update-user-attributes', ...pool(), '--username', 'zed', '--user-attributes', 'Name=nickname,Value=z')).toBe(
      line('AdminUpdateUserAttributes', 'UserNotFoundException', 'User does not exist.'),
    );

    await ok('admin-delete-user-attributes', ...pool(), '--username', 'amy', '--user-attribute-names', 'nickname');
    expect(await ok('admin-get-user', ...pool(), '--username', 'amy', '--query', 'UserAttributes[?Name==`nickname`]')).toEqual([]);
    expect(await failing('admin-delete-user-attributes', ...pool(), '--username', 'amy', '--user-attribute-names', 'custom:plan')).toBe(
      line('AdminDeleteUserAttributes', 'InvalidParameterException', 'user.custom:plan: Attribute cannot be updated.'),
    );
    expect(await failing('admin-delete-user-attributes', ...pool(), '--username', 'zed', '--user-attribute-names', 'nickname')).toBe(
      line('AdminDeleteUserAttributes', 'UserNotFoundException', 'User does not exist.'),
    );
  });

  it('list-users --filter, paged by the CLI itself, and its errors', async () => {
    // --page-size 1: the CLI follows PaginationToken across three calls and merges them.
    const found = await ok('list-users', ...pool(), '--filter', 'given_name ^= "a"', '--page-size', '1', '--query', 'Users[].Username');
    expect(found.sort()).toEqual(['abe', 'amy']);
    expect(await ok('list-users', ...pool(), '--filter', 'username = "ben"', '--attributes-to-get', 'given_name', '--query', 'Users[0].Attributes')).toEqual([
      { Name: 'given_name', Value: 'BEN' },
    ]);
    expect(await failing('list-users', ...pool(), '--filter', 'given_name ^= a')).toBe(line('ListUsers', 'InvalidParameterException', 'Error while parsing filter.'));
    expect(await failing('list-users', ...pool(), '--filter', 'custom:plan = "basic"')).toBe(line('ListUsers', 'InvalidParameterException', 'Invalid search attribute: custom:plan'));
    expect(await failing('list-users', ...pool(), '--attributes-to-get', 'custom:tier')).toBe(
      line('ListUsers', 'InvalidParameterException', 'One or more requested attributes do not exist.'),
    );
  });
});

/** Each call's result or error, as boto3 gives them. */
const BOTO3_SCRIPT = String.raw`
import json, sys, boto3, botocore
c = boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x',
                 config=botocore.config.Config(retries={'max_attempts': 1}))
pool = sys.argv[2]
out = {}
def attempt(name, call):
    try:
        out[name] = call()
        out[name].pop('ResponseMetadata', None)
    except botocore.exceptions.ClientError as e:
        out[name] = {'error': e.response['Error']['Code'], 'message': e.response['Error']['Message']}
attempt('add', lambda: c.add_custom_attributes(UserPoolId=pool, CustomAttributes=[{'Name': 'team', 'AttributeDataType': 'String'}]))
attempt('addAgain', lambda: c.add_custom_attributes(UserPoolId=pool, CustomAttributes=[{'Name': 'team', 'AttributeDataType': 'String'}]))
attempt('addNoPool', lambda: c.add_custom_attributes(UserPoolId='us-east-1_none', CustomAttributes=[{'Name': 'x', 'AttributeDataType': 'String'}]))
attempt('update', lambda: c.admin_update_user_attributes(UserPoolId=pool, Username='ben', UserAttributes=[{'Name': 'custom:team', 'Value': 'red'}, {'Name': 'email_verified', 'Value': 'true'}]))
attempt('updateBadPhone', lambda: c.admin_update_user_attributes(UserPoolId=pool, Username='ben', UserAttributes=[{'Name': 'phone_number', 'Value': '12345'}]))
attempt('updateUnknown', lambda: c.admin_update_user_attributes(UserPoolId=pool, Username='ben', UserAttributes=[{'Name': 'custom:a', 'Value': '1'}, {'Name': 'custom:b', 'Value': '2'}]))
attempt('delete', lambda: c.admin_delete_user_attributes(UserPoolId=pool, Username='ben', UserAttributeNames=['custom:team']))
attempt('deleteNoUser', lambda: c.admin_delete_user_attributes(UserPoolId=pool, Username='nobody', UserAttributeNames=['name']))
attempt('user', lambda: {'attributes': {a['Name']: a['Value'] for a in c.admin_get_user(UserPoolId=pool, Username='ben')['UserAttributes']}})
attempt('listPrefix', lambda: {'names': sorted(u['Username'] for u in c.list_users(UserPoolId=pool, Filter='email ^= "a"')['Users'])})
attempt('listStatus', lambda: {'names': sorted(u['Username'] for u in c.list_users(UserPoolId=pool, Filter='cognito:user_status = "confirmed"')['Users'])})
pages = c.get_paginator('list_users').paginate(UserPoolId=pool, Filter='status = "Enabled"', PaginationConfig={'PageSize': 2})
attempt('paginator', lambda: {'names': sorted(u['Username'] for page in pages for u in page['Users'])})
attempt('listBadFilter', lambda: c.list_users(UserPoolId=pool, Filter='email = "a" extra'))
attempt('listBadAttribute', lambda: c.list_users(UserPoolId=pool, Filter='locale = "en"'))
attempt('listNoPool', lambda: c.list_users(UserPoolId='us-east-1_none'))
print(json.dumps(out, default=str))
`;

describe.skipIf(!boto3Present)('boto3', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('AddCustomAttributes, AdminUpdateUserAttributes, AdminDeleteUserAttributes and ListUsers, with their errors', async () => {
    const run = await runProgram('python3', ['-c', BOTO3_SCRIPT, t.url, userPoolId]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.add).toEqual({});
    expect(out.addAgain).toEqual({ error: 'InvalidParameterException', message: 'custom:team: Existing attribute already has name custom:team.' });
    expect(out.addNoPool).toEqual({ error: 'ResourceNotFoundException', message: 'User pool us-east-1_none does not exist.' });
    expect(out.update).toEqual({});
    expect(out.updateBadPhone).toEqual({ error: 'InvalidParameterException', message: 'Invalid phone number format.' });
    expect(out.updateUnknown).toEqual({
      error: 'InvalidParameterException',
      message: 'user.custom:a: Attribute does not exist in the schema.\nuser.custom:b: Attribute does not exist in the schema.\n',
    });
    expect(out.delete).toEqual({});
    expect(out.deleteNoUser).toEqual({ error: 'UserNotFoundException', message: 'User does not exist.' });
    expect(out.user.attributes).toMatchObject({ email: 'ben@example.com', email_verified: 'true' });
    expect(out.user.attributes).not.toHaveProperty('custom:team');
    expect(out.listPrefix).toEqual({ names: ['abe', 'amy'] });
    expect(out.listStatus).toEqual({ names: ['abe', 'amy', 'ben'] });
    expect(out.paginator).toEqual({ names: ['abe', 'amy', 'ben'] });
    expect(out.listBadFilter).toEqual({ error: 'InvalidParameterException', message: 'Error while parsing filter.' });
    expect(out.listBadAttribute).toEqual({ error: 'InvalidParameterException', message: 'Invalid search attribute: locale' });
    expect(out.listNoPool).toEqual({ error: 'ResourceNotFoundException', message: 'User pool us-east-1_none does not exist.' });
  });
});
