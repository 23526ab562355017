/**
 * User import jobs (developer guide, "Importing users into a user pool from a CSV file"): the job as the
 * API shows it, the rules of the .csv file, and the import itself, which runs apart from the request that
 * started it, a batch of lines per store transaction, through the store's user rows as any new user.
 */
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { UserImportJob } from '../store/userImportJobs.js';
import { CognitoError, InvalidParameter, ResourceNotFound } from '../protocol/errors.js';
import { checkRequiredAttributes, valueProblem, VERIFIED_FLAG } from './attributes.js';
import { aliasExists, aliasHolder, findUser, newUser } from './users.js';
import { uuid } from './ids.js';

/** The pre-signed URL is "valid for 15 minutes" (developer guide); AWS's carries X-Amz-Expires=899. */
export const UPLOAD_URL_VALIDITY_SECONDS = 899;
/**
 * UNSURE: a job not started is Expired 24 hours after its creation (the guide says "24-48 hours"; the
 * aws CLI's list-user-import-jobs example shows one completed 24.5 hours after it was created).
 */
export const JOB_EXPIRES_AFTER_MS = 24 * 3600 * 1000;
/** The guide's limits of the file: 100 MB, 16,000 characters a line, 500,000 users. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;
export const MAX_LINE_LENGTH = 16_000;
export const MAX_USERS = 500_000;
/** Lines imported per store transaction: the server answers other requests between two batches. */
export const LINES_PER_BATCH = 200;

/** CompletionMessage texts as AWS writes them (aws CLI examples of list-/stop-user-import-job). */
export const COMPLETION = {
  succeeded: 'Import Job Completed Successfully.',
  tooManyFailures: 'Too many users have failed or been skipped during the import.',
  stopped: 'The Import Job was stopped by the developer.',
  expired: 'The user import job has expired.',
} as const;
/**
 * UNSURE: the CompletionMessage of a job whose file Cognito cannot read (a header that is not the pool's
 * GetCSVHeader columns, more lines than allowed); the guide says only that such a job fails.
 */
export const UNREADABLE_CSV_MESSAGE = 'The CSV file could not be parsed.';
/**
 * UNSURE: a job Fails ("Too many users have failed or been skipped") when more than this share of its
 * users failed or were skipped; no threshold is documented. Seen failing on AWS: 1 failed of 1, 32 failed
 * of 46 (aws-solutions/cognito-user-profiles-export-reference-architecture#9).
 */
export const MAX_FAILED_OR_SKIPPED_SHARE = 0.5;
/**
 * UNSURE: `cognito:mfa_enabled` TRUE turns SMS MFA on for the user as the legacy MFAOptions did (the
 * column predates MFA preferences), so AdminGetUser shows it in MFAOptions.
 */
export const IMPORTED_MFA_IS_LEGACY_SMS = true;
/** UNSURE: birthdate, given as mm/dd/yyyy (guide), is kept as OIDC's YYYY-MM-DD. */
export const BIRTHDATE_KEPT_AS_ISO = true;

/**
 * UNSURE: the texts of the job's errors, none quoted publicly, except noCsv (observed: amplify-js#6416);
 * PreconditionNotMetException for a pool without auto-verified attributes ("the import job will not start").
 */
export const JOB_ERRORS = {
  notFound: (jobId: string) => ResourceNotFound(`Import job ${jobId} does not exist.`),
  noCsv: (jobId: string) => new CognitoError('PreconditionNotMetException', `No csv file was uploaded for ${jobId}`),
  notStartable: (job: UserImportJob) => InvalidParameter(`Import job ${job.JobId} can't be started: its status is ${job.Status}.`),
  notStoppable: (job: UserImportJob) => InvalidParameter(`Import job ${job.JobId} can't be stopped: its status is ${job.Status}.`),
  noAutoVerifiedAttributes: () =>
    new CognitoError('PreconditionNotMetException', 'The user pool has no auto verified attributes: users cannot be imported into it.'),
};

/**
 * UNSURE: why a line was not imported, as the job's CloudWatch log says it (`[FAILED] Line Number 5956 - ...`),
 * written to kognito's own log; only the first three texts are AWS's (developer guide), the others are ours.
 */
export const LINE_RESULTS = {
  succeeded: 'The import succeeded.',
  exists: 'The user already exists.',
  noAutoVerified: 'The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).',
  fields: 'The number of values does not match the header.',
  tooLong: `The line is longer than ${MAX_LINE_LENGTH} characters.`,
  username: 'cognito:username is required and cannot contain spaces or tabs.',
  mfa: 'cognito:mfa_enabled must be true or false, as the user pool requires.',
  schema: (detail: string) => `The user data doesn't match the schema: ${detail}`,
  alias: (attribute: string) => aliasExists(attribute).message,
} as const;

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** The job's status now: a job left Created expires (JOB_EXPIRES_AFTER_MS). */
export function currentJob(job: UserImportJob, now: number): UserImportJob {
  if (job.Status !== 'Created' || now < job.CreationDate + JOB_EXPIRES_AFTER_MS) return job;
  return { ...job, Status: 'Expired', CompletionDate: job.CreationDate + JOB_EXPIRES_AFTER_MS, CompletionMessage: COMPLETION.expired };
}

/** UserImportJobType of a job as it is now (findJob, currentJob): dates in seconds; members without a value left out, as AWS does. */
export function userImportJobType(shown: UserImportJob) {
  return {
    JobName: shown.JobName,
    JobId: shown.JobId,
    UserPoolId: shown.UserPoolId,
    PreSignedUrl: shown.PreSignedUrl,
    CreationDate: seconds(shown.CreationDate),
    StartDate: seconds(shown.StartDate),
    CompletionDate: seconds(shown.CompletionDate),
    Status: shown.Status,
    CloudWatchLogsRoleArn: shown.CloudWatchLogsRoleArn,
    ImportedUsers: shown.ImportedUsers,
    SkippedUsers: shown.SkippedUsers,
    FailedUsers: shown.FailedUsers,
    CompletionMessage: shown.CompletionMessage,
  };
}

/** A pool's job, as it is now, or ResourceNotFoundException. */
export function findJob(ctx: Context, pool: UserPool, jobId: string): UserImportJob {
  const job = ctx.store.userImportJobs.get(pool.id, jobId);
  if (!job) throw JOB_ERRORS.notFound(jobId);
  return currentJob(job, ctx.clock.now());
}

// ------------------------------------------------------------------------------------------------
// The .csv file

/**
 * The columns Cognito puts after the pool's attributes [DOC get-csv-header example: "... updated_at",
 * "cognito:mfa_enabled", "cognito:username"].
 */
export const CSV_HEADER_TAIL = ['cognito:mfa_enabled', 'cognito:username'] as const;
/**
 * UNSURE: developer-only attributes (dev:custom:x) are columns too, like other custom attributes (an import
 * is an administrator's write, and AdminCreateUser may set them). Custom attributes come in the schema's
 * order, after the standard ones: the documented header is exactly a default pool's schema without `sub`;
 * no header of a pool with custom attributes was found.
 */
export const CSV_HEADER_HAS_DEVELOPER_ONLY_ATTRIBUTES = true;

/** GetCSVHeader's columns: the pool's attributes in schema order, `sub` excepted (Cognito assigns it), then the tail. */
export function csvHeaderOf(pool: UserPool): string[] {
  const attributes = pool.description.SchemaAttributes.map((attribute) => attribute.Name).filter(
    (name) => name !== 'sub' && (CSV_HEADER_HAS_DEVELOPER_ONLY_ATTRIBUTES || !name.startsWith('dev:')),
  );
  return [...attributes, ...CSV_HEADER_TAIL];
}

/**
 * One line's values: commas separate them unless a backslash escapes one ("\,"), values are not
 * quoted, and leading and trailing white space is trimmed (developer guide, "Formatting the CSV file").
 */
export function csvValues(line: string): string[] {
  const values: string[] = [];
  let value = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === ',') {
      value += ',';
      i++;
    } else if (c === ',') {
      values.push(value.trim());
      value = '';
    } else value += c;
  }
  values.push(value.trim());
  return values;
}

/** The file's lines after the header (blank ones left out), each with its line number (the header is line 1). */
function dataLines(csv: string): { number: number; text: string }[] {
  return csv
    .split(/\r?\n/)
    .map((text, i) => ({ number: i + 1, text }))
    .slice(1)
    .filter((line) => line.text.trim() !== '');
}

/** The header's columns, if they are the pool's GetCSVHeader columns (any order, each once). */
function readHeader(pool: UserPool, csv: string): string[] | undefined {
  const header = csvValues(csv.slice(0, csv.search(/\r?\n|$/)));
  const expected = csvHeaderOf(pool);
  if (header.length !== expected.length || new Set(header).size !== header.length) return undefined;
  return expected.every((column) => header.includes(column)) ? header : undefined;
}

const BOOLEAN = /^(true|false)$/i;
const BIRTHDATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

type LineResult = { outcome: 'SUCCEEDED' | 'SKIPPED' | 'FAILED'; reason: string };
const failed = (reason: string): LineResult => ({ outcome: 'FAILED', reason });

/** Imports one line (inside the batch's transaction): a new user in RESET_REQUIRED, or why not. */
function importLine(ctx: Context, pool: UserPool, header: string[], text: string): LineResult {
  if (text.length > MAX_LINE_LENGTH) return failed(LINE_RESULTS.tooLong);
  const values = csvValues(text);
  if (values.length !== header.length) return failed(LINE_RESULTS.fields);
  const attributes: Record<string, string> = {};
  let username = '';
  let mfaEnabled = '';
  header.forEach((column, i) => {
    if (column === 'cognito:username') username = values[i];
    else if (column === 'cognito:mfa_enabled') mfaEnabled = values[i];
    else if (values[i] !== '') attributes[column] = values[i];
  });
  if (!username || /[ \t]/.test(username)) return failed(LINE_RESULTS.username);
  if (findUser(ctx.store, pool, username)) return { outcome: 'SKIPPED', reason: LINE_RESULTS.exists };

  const mfa = pool.description.MfaConfiguration;
  if (!BOOLEAN.test(mfaEnabled)) return failed(LINE_RESULTS.mfa);
  const mfaOn = mfaEnabled.toLowerCase() === 'true';
  if ((mfa === 'ON' && !mfaOn) || (mfa === 'OFF' && mfaOn)) return failed(LINE_RESULTS.mfa);

  for (const flag of Object.values(VERIFIED_FLAG)) {
    if (attributes[flag] === undefined) continue;
    if (!BOOLEAN.test(attributes[flag])) return failed(LINE_RESULTS.schema(`${flag}: must be true or false`));
    attributes[flag] = attributes[flag].toLowerCase();
  }
  if (attributes.birthdate !== undefined) {
    const date = BIRTHDATE.exec(attributes.birthdate);
    if (!date) return failed(LINE_RESULTS.schema('birthdate: must be mm/dd/yyyy'));
    if (BIRTHDATE_KEPT_AS_ISO) attributes.birthdate = `${date[3]}-${date[1]}-${date[2]}`;
  }
  for (const [name, value] of Object.entries(attributes)) {
    const problem = valueProblem(pool, name, value);
    if (problem) return failed(LINE_RESULTS.schema(`${name}: ${problem.text}`));
  }
  try {
    checkRequiredAttributes(pool, attributes);
  } catch (error) {
    return failed(LINE_RESULTS.schema((error as CognitoError).message));
  }
  // Each auto-verified attribute the pool has must be verified; with two, one of them is enough.
  const autoVerified = (pool.description.AutoVerifiedAttributes ?? []).map((name) => `${name}_verified`);
  if (!autoVerified.some((flag) => attributes[flag] === 'true')) return failed(LINE_RESULTS.noAutoVerified);
  for (const [attribute, flag] of Object.entries(VERIFIED_FLAG)) {
    if (attributes[flag] === 'true' && !attributes[attribute]) return failed(LINE_RESULTS.schema(`${attribute}: The attribute is required`));
  }

  const user = newUser(pool, { username, sub: uuid(), status: 'RESET_REQUIRED', attributes }, ctx.clock.now());
  for (const attribute of ['email', 'phone_number', 'preferred_username']) {
    const value = attributes[attribute];
    const verified = attribute === 'preferred_username' || attributes[`${attribute}_verified`] === 'true';
    if (value && aliasHolder(ctx, pool, user, attribute, value, verified)) return failed(LINE_RESULTS.alias(attribute));
  }
  if (mfaOn && IMPORTED_MFA_IS_LEGACY_SMS) user.mfa.mfaOptionsSms = true;
  ctx.store.users.insert(user);
  return { outcome: 'SUCCEEDED', reason: LINE_RESULTS.succeeded };
}

/** The job's end once every line is read: Succeeded, or Failed when too many users failed or were skipped. */
function finish(job: UserImportJob, now: number): void {
  const total = job.ImportedUsers + job.SkippedUsers + job.FailedUsers;
  const tooMany = total > 0 && (job.SkippedUsers + job.FailedUsers) / total > MAX_FAILED_OR_SKIPPED_SHARE;
  job.Status = tooMany ? 'Failed' : 'Succeeded';
  job.CompletionMessage = tooMany ? COMPLETION.tooManyFailures : COMPLETION.succeeded;
  job.CompletionDate = now;
}

// ------------------------------------------------------------------------------------------------
// Running imports

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The imports running in one server: each reads its job's file a batch of lines at a time, one store
 * transaction per batch (the users and the job's counts and progress together, so a restart resumes
 * where the last batch ended), and gives way to requests between batches. Each batch reads the job
 * again: a job stopped, or gone with its pool or a /_kognito/reset, ends its import there.
 */
export class UserImports {
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  /** Runs the import of a job that is Pending or InProgress. */
  start(ctx: Context, jobId: string): void {
    if (this.closed) return;
    const run: Promise<void> = this.run(ctx, jobId)
      .catch((error) => ctx.log.error({ err: error, jobId }, 'user import failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resumes the imports a previous run of kognito left unfinished. */
  resume(ctx: Context): void {
    for (const job of ctx.store.userImportJobs.running()) this.start(ctx, job.JobId);
  }

  /** Stops every import at its next batch, and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running]);
  }

  private async run(ctx: Context, jobId: string): Promise<void> {
    await nextTurn(); // StartUserImportJob answers Pending first
    const csv = ctx.store.userImportJobs.csv(jobId) ?? '';
    let lines: { number: number; text: string }[] | undefined;
    let header: string[] | undefined;
    for (;;) {
      if (this.closed) return;
      const more = ctx.store.transaction(() => {
        const job = ctx.store.userImportJobs.byId(jobId);
        const pool = job && ctx.store.userPools.get(job.UserPoolId);
        if (!job || !pool || (job.Status !== 'Pending' && job.Status !== 'InProgress')) return false;
        const now = ctx.clock.now();
        header ??= readHeader(pool, csv);
        lines ??= dataLines(csv);
        if (!header || lines.length > MAX_USERS) {
          Object.assign(job, { Status: 'Failed', CompletionMessage: UNREADABLE_CSV_MESSAGE, CompletionDate: now });
          ctx.log.info({ jobId, userPoolId: pool.id }, `[FAILED] ${UNREADABLE_CSV_MESSAGE}`);
        } else {
          job.Status = 'InProgress';
          for (const line of lines.slice(job.linesDone, job.linesDone + LINES_PER_BATCH)) {
            const result = importLine(ctx, pool, header, line.text);
            if (result.outcome === 'SUCCEEDED') job.ImportedUsers++;
            else if (result.outcome === 'SKIPPED') job.SkippedUsers++;
            else job.FailedUsers++;
            ctx.log.info({ jobId, userPoolId: pool.id }, `[${result.outcome}] Line Number ${line.number} - ${result.reason}`);
          }
          job.linesDone = Math.min(lines.length, job.linesDone + LINES_PER_BATCH);
          if (job.linesDone === lines.length) finish(job, now);
        }
        ctx.store.userImportJobs.update(job);
        return job.Status === 'InProgress';
      });
      if (!more) return;
      await nextTurn();
    }
  }
}
