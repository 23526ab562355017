import type { Call, Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { newUrlSignature, newUserImportJobId } from '../../domain/ids.js';
import { UPLOAD_URL_VALIDITY_SECONDS, userImportJobType } from '../../domain/userImport.js';
import { KOGNITO_PREFIX } from '../../http/cors.js';
import type { UserImportJob } from '../../store/userImportJobs.js';

export interface CreateUserImportJobInput {
  JobName: string;
  UserPoolId: string;
  CloudWatchLogsRoleArn: string;
}

/** `20241226T193341Z`: X-Amz-Date's form. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * A job in Created, with the pre-signed URL the .csv file is PUT to: kognito receives the upload itself,
 * at the address the caller reached it at, with the query an S3 pre-signed URL carries (the signature is
 * the upload's secret). The role is kept as given: kognito writes its import log to its own log.
 */
export default function createUserImportJob(input: CreateUserImportJobInput, ctx: Context, call: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  const now = ctx.clock.now();
  const JobId = newUserImportJobId();
  const uploadSignature = newUrlSignature();
  const base = call.baseUrl ?? ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': amzDate(now),
    'X-Amz-SignedHeaders': 'host;x-amz-server-side-encryption',
    'X-Amz-Expires': String(UPLOAD_URL_VALIDITY_SECONDS),
    'X-Amz-Signature': uploadSignature,
  });
  const job: UserImportJob = {
    JobId,
    JobName: input.JobName,
    UserPoolId: pool.id,
    PreSignedUrl: `${base}${KOGNITO_PREFIX}/user-import/${JobId}?${query}`,
    CloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn,
    Status: 'Created',
    CreationDate: now,
    ImportedUsers: 0,
    SkippedUsers: 0,
    FailedUsers: 0,
    uploadSignature,
    linesDone: 0,
  };
  ctx.store.transaction(() => ctx.store.userImportJobs.insert(job));
  return { UserImportJob: userImportJobType(job) };
}
