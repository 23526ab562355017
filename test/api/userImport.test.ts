/**
 * User import through the SDK v3: GetCSVHeader, then a job created, its .csv file PUT to the PreSignedUrl
 * as the developer guide's curl does, the job started and followed to its end, the users it made (status
 * RESET_REQUIRED, their attributes, the sign-in refused until a password reset), and every refusal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  ForgotPasswordCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  ListUsersCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, call, createPoolAndClient, expectSdkError, lastCode, startServer, type TestServer } from '../support/server.js';
import { COMPLETION, UNREADABLE_CSV_MESSAGE } from '../../src/domain/userImport.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';

/** The documented header of a pool with no custom attributes (aws cognito-idp get-csv-header example). */
const DOCUMENTED_HEADER = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at', 'cognito:mfa_enabled', 'cognito:username',
];

describe('GetCSVHeader', () => {
  it('lists the standard attributes in the documented order, then cognito:mfa_enabled and cognito:username', async () => {
    const pool = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'import' }))).UserPool!;
    const response = await call(t.url, 'GetCSVHeader', { UserPoolId: pool.Id });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ UserPoolId: pool.Id, CSVHeader: DOCUMENTED_HEADER });
  });

  it('puts custom attributes (developer-only ones too) after the standard ones, in schema order', async () => {
    const pool = (
      await t.sdk.send(
        new CreateUserPoolCommand({ PoolName: 'import-custom', Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }] }),
      )
    ).UserPool!;
    await t.sdk.send(
      new AddCustomAttributesCommand({
        UserPoolId: pool.Id,
        CustomAttributes: [{ Name: 'plan', AttributeDataType: 'Number' }, { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true }],
      }),
    );
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: pool.Id }))).CSVHeader!;
    expect(header.slice(17)).toEqual(['address', 'updated_at', 'custom:tenant', 'custom:plan', 'dev:custom:secret', 'cognito:mfa_enabled', 'cognito:username']);
    expect(header).not.toContain('sub');
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expectSdkError(t.sdk, new GetCSVHeaderCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
  });
});

/** A .csv file: the pool's header (in the order given), then one line per user from column values. */
function csvFile(header: string[], users: Record<string, string>[]): string {
  return [header.join(','), ...users.map((user) => header.map((column) => user[column] ?? '').join(','))].join('\n') + '\n';
}

/** PUT the file as `curl -T file -H "x-amz-server-side-encryption:aws:kms" URL` does (plus a Content-Type). */
const upload = (url: string, csv: string, headers: Record<string, string> = { 'x-amz-server-side-encryption': 'aws:kms', 'content-type': 'text/csv' }) =>
  fetch(url, { method: 'PUT', headers, body: csv });

async function createJob(userPoolId: string, JobName = 'migration'): Promise<UserImportJobType> {
  return (await t.sdk.send(new CreateUserImportJobCommand({ UserPoolId: userPoolId, JobName, CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
}

/** Describes the job until it has ended (Succeeded, Failed, Stopped). */
async function finished(userPoolId: string, jobId: string): Promise<UserImportJobType> {
  for (let i = 0; i < 500; i++) {
    const job = (await t.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: jobId }))).UserImportJob!;
    if (!['Pending', 'InProgress'].includes(job.Status!)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${jobId} did not finish`);
}

/** A job created, its file uploaded, started, and followed to its end. */
async function runImport(userPoolId: string, csv: string): Promise<UserImportJobType> {
  const job = await createJob(userPoolId);
  expect((await upload(job.PreSignedUrl!, csv)).status).toBe(200);
  const started = (await t.sdk.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }))).UserImportJob!;
  expect(started.Status).toBe('Pending');
  return finished(userPoolId, job.JobId!);
}

describe('CreateUserImportJob', () => {
  it('answers a Created job with an import- id, counts at zero, and a PreSignedUrl at the address the request came to', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const response = await call(t.url, 'CreateUserImportJob', { UserPoolId: userPoolId, JobName: 'My job', CloudWatchLogsRoleArn: ROLE });
    expect(response.status).toBe(200);
    const job = response.body.UserImportJob;
    expect(Object.keys(job).sort()).toEqual(
      ['CloudWatchLogsRoleArn', 'CreationDate', 'FailedUsers', 'ImportedUsers', 'JobId', 'JobName', 'PreSignedUrl', 'SkippedUsers', 'Status', 'UserPoolId'],
    );
    expect(job).toMatchObject({ JobName: 'My job', UserPoolId: userPoolId, Status: 'Created', CloudWatchLogsRoleArn: ROLE, ImportedUsers: 0, SkippedUsers: 0, FailedUsers: 0 });
    expect(job.JobId).toMatch(/^import-[0-9A-Za-z]{10}$/);
    expect(Math.abs(job.CreationDate - Date.now() / 1000)).toBeLessThan(60);
    const url = new URL(job.PreSignedUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${t.url}/_kognito/user-import/${job.JobId}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-server-side-encryption');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('899');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expectSdkError(
      t.sdk,
      new CreateUserImportJobCommand({ UserPoolId: 'us-east-1_nothere', JobName: 'x', CloudWatchLogsRoleArn: ROLE }),
      'ResourceNotFoundException',
      'User pool us-east-1_nothere does not exist.',
    );
  });
});

describe('an import from upload to sign-in', () => {
  it('imports each good line as a RESET_REQUIRED user, skips existing users, counts failed lines; the user then resets the password', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    await t.sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'existing', MessageAction: 'SUPPRESS' }));
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    // Any column order: cognito:username first, as the guide's sample file.
    const columns = ['cognito:username', ...header.filter((column) => column !== 'cognito:username')];
    const csv = csvFile(columns, [
      { 'cognito:username': 'jane', given_name: 'Jane', family_name: 'Roe', email: 'jane@example.com', email_verified: 'TRUE', birthdate: '02/01/1985', address: '100 Main Street\\, Apt 2', 'cognito:mfa_enabled': 'FALSE' },
      { 'cognito:username': 'john', email: ' john@example.com ', email_verified: 'true', phone_number: '+12345550100', phone_number_verified: 'false', 'cognito:mfa_enabled': 'false' },
      { 'cognito:username': 'existing', email: 'existing@example.com', email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' },
      { 'cognito:username': 'unverified', email: 'unverified@example.com', email_verified: 'FALSE', 'cognito:mfa_enabled': 'FALSE' },
    ]);
    const job = await runImport(userPoolId, csv);
    expect(job).toMatchObject({ Status: 'Succeeded', CompletionMessage: COMPLETION.succeeded, ImportedUsers: 2, SkippedUsers: 1, FailedUsers: 1 });
    expect(job.CompletionDate!.getTime()).toBeGreaterThanOrEqual(job.StartDate!.getTime());

    const jane = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'jane' }));
    expect(jane.UserStatus).toBe('RESET_REQUIRED');
    expect(jane.Enabled).toBe(true);
    const attributes = Object.fromEntries(jane.UserAttributes!.map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({
      given_name: 'Jane', family_name: 'Roe', email: 'jane@example.com', email_verified: 'true', birthdate: '1985-02-01', address: '100 Main Street, Apt 2',
    });
    expect(attributes.sub).toMatch(/^[0-9a-f-]{36}$/);
    const john = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'john' }));
    expect(Object.fromEntries(john.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ email: 'john@example.com', phone_number: '+12345550100', phone_number_verified: 'false' });
    await expectSdkError(t.sdk, new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'unverified' }), 'UserNotFoundException', 'User does not exist.');
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'existing' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');

    // Signing in asks for a password reset, whatever the password; ForgotPassword mails a code to the imported address.
    await expectSdkError(
      t.sdk,
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'Anything1!' } }),
      'PasswordResetRequiredException',
      'Password reset required for the user',
    );
    const forgot = await t.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'jane' }));
    expect(forgot.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'j***@e***' });
    const code = await lastCode(t.url, userPoolId, 'jane');
    await t.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'jane', ConfirmationCode: code, Password: 'N3w-passw0rd' }));
    const signedIn = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'N3w-passw0rd' } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await t.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'jane' }))).UserStatus).toBe('CONFIRMED');
  });

  it('fails a job when too many users failed or were skipped; the good ones are imported all the same', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk, { MfaConfiguration: 'OFF' });
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    const csv = csvFile(header, [
      { 'cognito:username': 'good', email: 'good@example.com', email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' },
      { 'cognito:username': 'no mfa', email: 'a@example.com', email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' }, // a space in the username
      { 'cognito:username': 'mfa-on', email: 'b@example.com', email_verified: 'TRUE', 'cognito:mfa_enabled': 'TRUE' }, // MFA is OFF in the pool
      { 'cognito:username': 'bad-email', email: 'not-an-email', email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' },
    ]);
    const job = await runImport(userPoolId, csv);
    expect(job).toMatchObject({ Status: 'Failed', CompletionMessage: COMPLETION.tooManyFailures, ImportedUsers: 1, SkippedUsers: 0, FailedUsers: 3 });
    const users = (await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId }))).Users!;
    expect(users.map((user) => [user.Username, user.UserStatus])).toEqual([['good', 'RESET_REQUIRED']]);
  });

  it('fails a job whose header is not the pool\'s, importing no one', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const csv = 'cognito:username,email,email_verified,cognito:mfa_enabled\nzed,zed@example.com,TRUE,FALSE\n';
    const job = await runImport(userPoolId, csv);
    expect(job).toMatchObject({ Status: 'Failed', CompletionMessage: UNREADABLE_CSV_MESSAGE, ImportedUsers: 0, SkippedUsers: 0, FailedUsers: 0 });
    expect((await t.sdk.send(new ListUsersCommand({ UserPoolId: userPoolId }))).Users).toEqual([]);
  });
});

describe('StopUserImportJob', () => {
  it('stops a running import: the users imported so far stay, the job answers Stopped with the developer message', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    const users = Array.from({ length: 5000 }, (_, i) => ({ 'cognito:username': `user${i}`, email: `user${i}@example.com`, email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' }));
    const job = await createJob(userPoolId);
    expect((await upload(job.PreSignedUrl!, csvFile(header, users))).status).toBe(200);
    await t.sdk.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }));
    const stopped = (await t.sdk.send(new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }))).UserImportJob!;
    expect(stopped).toMatchObject({ Status: 'Stopped', CompletionMessage: COMPLETION.stopped });
    expect(stopped.ImportedUsers).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = await finished(userPoolId, job.JobId!);
    expect(later).toMatchObject({ Status: 'Stopped', ImportedUsers: stopped.ImportedUsers });
    await expectSdkError(
      t.sdk,
      new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }),
      'InvalidParameterException',
      `Import job ${job.JobId} can't be stopped: its status is Stopped.`,
    );
  });

  it('refuses a job that is not running, and an unknown job', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const job = await createJob(userPoolId);
    await expectSdkError(t.sdk, new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }), 'InvalidParameterException', `Import job ${job.JobId} can't be stopped: its status is Created.`);
    await expectSdkError(t.sdk, new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: 'import-nothere123' }), 'ResourceNotFoundException', 'Import job import-nothere123 does not exist.');
  });
});

describe('a restart', () => {
  it('resumes an import where its last batch ended: every line read once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kognito-import-'));
    const first = await startServer({ dataDir });
    const { userPoolId } = await createPoolAndClient(first.sdk);
    const header = (await first.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    const users = Array.from({ length: 3000 }, (_, i) => ({ 'cognito:username': `user${i}`, email: `user${i}@example.com`, email_verified: 'TRUE', 'cognito:mfa_enabled': 'FALSE' }));
    const job = (await first.sdk.send(new CreateUserImportJobCommand({ UserPoolId: userPoolId, JobName: 'restart', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
    expect((await upload(job.PreSignedUrl!, csvFile(header, users))).status).toBe(200);
    await first.sdk.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }));
    // Stopped mid-way: the import had not ended when kognito closed.
    const running = (await first.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }))).UserImportJob!;
    expect(['Pending', 'InProgress']).toContain(running.Status);
    expect(running.ImportedUsers).toBeLessThan(3000);
    await first.close();
    const second = await startServer({ dataDir });
    try {
      let ended: UserImportJobType | undefined;
      for (let i = 0; i < 500 && !ended; i++) {
        const now = (await second.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }))).UserImportJob!;
        if (!['Pending', 'InProgress'].includes(now.Status!)) ended = now;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(ended).toMatchObject({ Status: 'Succeeded', ImportedUsers: 3000, SkippedUsers: 0, FailedUsers: 0 });
    } finally {
      await second.close();
    }
  });
});

describe('StartUserImportJob refusals', () => {
  it('refuses a job with no file uploaded, a job already started, and a pool without auto-verified attributes', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const job = await createJob(userPoolId);
    await expectSdkError(t.sdk, new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }), 'PreconditionNotMetException', `No csv file was uploaded for ${job.JobId}`);
    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    await runImportOf(userPoolId, job, csvFile(header, []));
    await expectSdkError(t.sdk, new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }), 'InvalidParameterException', `Import job ${job.JobId} can't be started: its status is Succeeded.`);

    const plain = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'no-auto-verify' }))).UserPool!.Id!;
    const other = await createJob(plain);
    expect((await upload(other.PreSignedUrl!, csvFile(header, []))).status).toBe(200);
    await expectSdkError(
      t.sdk,
      new StartUserImportJobCommand({ UserPoolId: plain, JobId: other.JobId }),
      'PreconditionNotMetException',
      'The user pool has no auto verified attributes: users cannot be imported into it.',
    );
    // Nothing changed: the job is still Created.
    expect((await t.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: plain, JobId: other.JobId }))).UserImportJob!.Status).toBe('Created');
  });

  it('answers ResourceNotFoundException for a job of another pool', async () => {
    const a = await createPoolAndClient(t.sdk);
    const b = await createPoolAndClient(t.sdk);
    const job = await createJob(a.userPoolId);
    await expectSdkError(t.sdk, new DescribeUserImportJobCommand({ UserPoolId: b.userPoolId, JobId: job.JobId }), 'ResourceNotFoundException', `Import job ${job.JobId} does not exist.`);
  });
});

async function runImportOf(userPoolId: string, job: UserImportJobType, csv: string) {
  expect((await upload(job.PreSignedUrl!, csv)).status).toBe(200);
  await t.sdk.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }));
  expect((await finished(userPoolId, job.JobId!)).Status).toBe('Succeeded');
}

describe('the upload', () => {
  it('is refused (403, as S3 answers) with a wrong signature, without the signed encryption header, and once the job started', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const job = await createJob(userPoolId);
    const wrong = job.PreSignedUrl!.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`);
    const refused = await upload(wrong, 'x');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await upload(job.PreSignedUrl!, 'x', { 'content-type': 'text/csv' })).status).toBe(403);
    await expectSdkError(t.sdk, new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }), 'PreconditionNotMetException', `No csv file was uploaded for ${job.JobId}`);

    const header = (await t.sdk.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader!;
    await runImportOf(userPoolId, job, csvFile(header, []));
    const late = await upload(job.PreSignedUrl!, csvFile(header, []));
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('expires after 15 minutes, and a job never started expires after a day', async () => {
    const server = await startServer();
    try {
      const { userPoolId } = await createPoolAndClient(server.sdk);
      const job = (await server.sdk.send(new CreateUserImportJobCommand({ UserPoolId: userPoolId, JobName: 'late', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      await advanceClock(server.url, 900);
      const expired = await upload(job.PreSignedUrl!, 'x');
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('<Message>Request has expired</Message>');
      await advanceClock(server.url, 24 * 3600);
      const described = (await server.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }))).UserImportJob!;
      expect(described).toMatchObject({ Status: 'Expired', CompletionMessage: COMPLETION.expired });
      await expectSdkError(
        server.sdk,
        new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job.JobId }),
        'InvalidParameterException',
        `Import job ${job.JobId} can't be started: its status is Expired.`,
      );
    } finally {
      await server.close();
    }
  });
});

describe('ListUserImportJobs', () => {
  it('lists the pool\'s jobs newest first, a page of MaxResults at a time', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const jobs = [];
    for (const name of ['first', 'second', 'third']) {
      jobs.push(await createJob(userPoolId, name));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await t.sdk.send(new ListUserImportJobsCommand({ UserPoolId: userPoolId, MaxResults: 2 }));
    expect(first.UserImportJobs!.map((job) => job.JobName)).toEqual(['third', 'second']);
    expect(first.PaginationToken).toMatch(new RegExp(`^${userPoolId}#${jobs[1].JobId}#\\d+$`));
    const second = await t.sdk.send(new ListUserImportJobsCommand({ UserPoolId: userPoolId, MaxResults: 2, PaginationToken: first.PaginationToken }));
    expect(second.UserImportJobs!.map((job) => job.JobName)).toEqual(['first']);
    expect(second.PaginationToken).toBeUndefined();
    expect(second.UserImportJobs![0]).toEqual(jobs[0]);
  });

  it('refuses a token of another pool, MaxResults out of 1..60, and an unknown pool', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    await expectSdkError(
      t.sdk,
      new ListUserImportJobsCommand({ UserPoolId: userPoolId, MaxResults: 2, PaginationToken: 'us-east-1_other#import-abc#1' }),
      'InvalidParameterException',
      'Invalid pagination token.',
    );
    const tooMany = await call(t.url, 'ListUserImportJobs', { UserPoolId: userPoolId, MaxResults: 61 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    const none = await call(t.url, 'ListUserImportJobs', { UserPoolId: userPoolId });
    expect(none.status).toBe(400);
    expect(none.body.__type).toBe('InvalidParameterException');
    await expectSdkError(t.sdk, new ListUserImportJobsCommand({ UserPoolId: 'us-east-1_nothere', MaxResults: 1 }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
  });
});
