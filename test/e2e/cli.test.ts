/** The aws-cli walk-through, run as real subprocesses, and boto3 against the same server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, createPoolAndClient, hasAwsCli, messages, startServer, type TestServer } from '../support/server.js';
import { hasBoto3, PROGRAMS_TEST_TIMEOUT_MS, runProgram } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('test/e2e/cli.test.ts skipped: the aws CLI is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** The CLI's own retry defaults (legacy mode), so errors print exactly as a developer sees them. */
const DEFAULT_RETRIES = { AWS_MAX_ATTEMPTS: undefined, AWS_RETRY_MODE: undefined };
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

describe.skipIf(!cliPresent)('aws-cli walk-through', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  let userPoolId: string;
  let clientId: string;

  it('create-user-pool, create-user-pool-client, sign-up, read the code, confirm-sign-up, initiate-auth', async () => {
    const pool = await aws(t.url, ['cognito-idp', 'create-user-pool', '--pool-name', 'demo', '--auto-verified-attributes', 'email']);
    expect(pool.code, pool.stderr).toBe(0);
    userPoolId = json(pool.stdout).UserPool.Id;
    expect(userPoolId).toMatch(/^us-east-1_[0-9A-Za-z]+$/);

    const client = await aws(t.url, [
      'cognito-idp', 'create-user-pool-client', '--user-pool-id', userPoolId, '--client-name', 'cli',
      '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    expect(client.code, client.stderr).toBe(0);
    clientId = json(client.stdout).UserPoolClient.ClientId;
    expect(json(client.stdout).UserPoolClient.ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);

    const signUp = await aws(t.url, [
      'cognito-idp', 'sign-up', '--client-id', clientId, '--username', 'jane', '--password', 'Passw0rd!',
      '--user-attributes', 'Name=email,Value=jane@example.com',
    ]);
    expect(signUp.code, signUp.stderr).toBe(0);
    expect(json(signUp.stdout)).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: { Destination: 'j***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    });

    // What `curl http://127.0.0.1:<port>/_kognito/messages` shows the developer.
    const outbox = (await (await fetch(`${t.url}/_kognito/messages`)).json()) as { messages: { username: string; code: string }[] };
    const code = outbox.messages.find((m) => m.username === 'jane')!.code;
    expect(code).toMatch(/^\d{6}$/);

    const confirm = await aws(t.url, ['cognito-idp', 'confirm-sign-up', '--client-id', clientId, '--username', 'jane', '--confirmation-code', code]);
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(confirm.stdout.trim()).toBe('');

    const auth = await aws(t.url, [
      'cognito-idp', 'initiate-auth', '--client-id', clientId, '--auth-flow', 'USER_PASSWORD_AUTH',
      '--auth-parameters', 'USERNAME=jane,PASSWORD=Passw0rd!',
    ]);
    expect(auth.code, auth.stderr).toBe(0);
    const result = json(auth.stdout);
    expect(result.ChallengeParameters).toEqual({});
    expect(result.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(result.AuthenticationResult.AccessToken.split('.')).toHaveLength(3);
  });

  it('prints service errors as aws-cli does and exits 255', async () => {
    await aws(t.url, ['cognito-idp', 'sign-up', '--client-id', clientId, '--username', 'kim', '--password', 'Passw0rd!', '--user-attributes', 'Name=email,Value=kim@example.com']);
    const code = (await messages(t.url, userPoolId, 'kim'))[0].code;
    const wrong = code === '000000' ? '111111' : '000000';
    const r = await aws(t.url, ['cognito-idp', 'confirm-sign-up', '--client-id', clientId, '--username', 'kim', '--confirmation-code', wrong], DEFAULT_RETRIES);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      'An error occurred (CodeMismatchException) when calling the ConfirmSignUp operation: Invalid verification code provided, please try again.',
    );
  });

  it('shows a server-side validation error (pattern, which botocore does not check) the same way', async () => {
    const r = await aws(t.url, ['cognito-idp', 'admin-confirm-sign-up', '--user-pool-id', 'bad', '--username', 'kim'], DEFAULT_RETRIES);
    expect(r.code).toBe(255);
    expect(r.stderr.trim()).toBe(
      "An error occurred (InvalidParameterException) when calling the AdminConfirmSignUp operation: 1 validation error detected: Value 'bad' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });
});

const BOTO3_SCRIPT = `
import json, sys, boto3
c = boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1',
                 aws_access_key_id='x', aws_secret_access_key='x')
out = {}
r = c.sign_up(ClientId=sys.argv[2], Username='boto', Password='Passw0rd!',
              UserAttributes=[{'Name': 'email', 'Value': 'boto@example.com'}])
out['signUp'] = {'UserConfirmed': r['UserConfirmed'], 'UserSub': r['UserSub'], 'Status': r['ResponseMetadata']['HTTPStatusCode'],
                 'RequestId': r['ResponseMetadata']['RequestId']}
try:
    c.confirm_sign_up(ClientId=sys.argv[2], Username='boto', ConfirmationCode='not-it')
except c.exceptions.CodeMismatchException as e:
    out['error'] = {'Code': e.response['Error']['Code'], 'Message': e.response['Error']['Message'], 'Modeled': True}
print(json.dumps(out))
`;

const boto3Present = await hasBoto3();
if (!boto3Present) console.warn('boto3 check skipped: python3 with boto3 is not installed on this machine');

describe.skipIf(!boto3Present)('boto3', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('signs up (success) and gets a modeled CodeMismatchException (error)', async () => {
    const { clientId } = await createPoolAndClient(t.sdk);
    const run = await runProgram('python3', ['-c', BOTO3_SCRIPT, t.url, clientId]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.signUp).toMatchObject({ UserConfirmed: false, Status: 200 });
    expect(out.signUp.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.signUp.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.error).toEqual({ Code: 'CodeMismatchException', Message: 'Invalid verification code provided, please try again.', Modeled: true });
  });
});
