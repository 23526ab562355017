/**
 * User import through the command line: the README's "## Importing users from a CSV file" block run as it
 * stands with bash, the aws CLI and curl (then with aws-cli v2 at /usr/bin/aws too, where installed), and a
 * refusal as the CLI prints it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminGetUserCommand, DescribeUserImportJobCommand } from '@aws-sdk/client-cognito-identity-provider';
import { aws, createPoolAndClient, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { readmeBlock } from '../support/readme.js';
import { AWS_CLI_V2, programWorks, PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS, type ProgramRun } from '../support/programs.js';

const cliPresent = await hasAwsCli();
const curlPresent = await programWorks('curl', ['--version']);
if (!cliPresent || !curlPresent) console.warn('cliUserImport.test.ts: README block skipped, the aws CLI or curl is not installed on this machine');

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** Runs a README block with bash in a directory of its own, `cognito` being the first walk-through's alias for this server. */
function runBlock(block: string, awsBinary: string): Promise<ProgramRun> {
  const script = `set -eu\ncognito() { "${awsBinary}" --endpoint-url "$KOGNITO_URL" cognito-idp "$@"; }\n${block}\necho "$POOL"\n`;
  const env = { ...process.env, KOGNITO_URL: t.url, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  return runProgram('bash', ['-c', script], { env, cwd: mkdtempSync(join(tmpdir(), 'kognito-user-import-')), timeoutMs: SCRIPT_TIMEOUT_MS });
}

/** What the README says the block prints, then the pool it made (echoed after it): the users are there as the file says. */
async function expectReadmeOutcome(run: ProgramRun) {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 3)).toEqual(['Pending', 'Succeeded\t2\tImport Job Completed Successfully.', 'RESET_REQUIRED']);
  const userPoolId = lines[3];
  const ben = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ben' }));
  expect(ben.UserStatus).toBe('RESET_REQUIRED');
  expect(Object.fromEntries(ben.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ email: 'ben@example.com', email_verified: 'true', birthdate: '1985-02-01' });
  const ana = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ana' }));
  expect(Object.fromEntries(ana.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ name: 'Ana Lima', address: '1 Main Street, Apt 2' });
}

describe.skipIf(!cliPresent || !curlPresent)('README "## Importing users from a CSV file", run with bash, the aws CLI and curl', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('runs from a fresh start and prints what the README says', async () => {
    await expectReadmeOutcome(await runBlock(readmeBlock('user-import'), 'aws'));
  });

  it.skipIf(!existsSync(AWS_CLI_V2))('runs the same with aws-cli v2', async () => {
    await expectReadmeOutcome(await runBlock(readmeBlock('user-import'), AWS_CLI_V2));
  });
});

describe.skipIf(!cliPresent)('aws CLI: a refusal', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('start-user-import-job before the file is uploaded prints PreconditionNotMetException', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const created = await aws(t.url, ['cognito-idp', 'create-user-import-job', '--user-pool-id', userPoolId, '--job-name', 'early',
      '--cloud-watch-logs-role-arn', 'arn:aws:iam::123456789012:role/CognitoImport', '--query', 'UserImportJob.JobId', '--output', 'text']);
    expect(created.code).toBe(0);
    const jobId = created.stdout.trim();
    // The CLI's own retry settings, so the line reads as a developer sees it.
    const refused = await aws(t.url, ['cognito-idp', 'start-user-import-job', '--user-pool-id', userPoolId, '--job-id', jobId], {
      AWS_MAX_ATTEMPTS: undefined,
      AWS_RETRY_MODE: undefined,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(
      `An error occurred (PreconditionNotMetException) when calling the StartUserImportJob operation: No csv file was uploaded for ${jobId}`,
    );
    const job = await t.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: jobId }));
    expect(job.UserImportJob!.Status).toBe('Created');
  });
});
