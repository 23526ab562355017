import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findJob, userImportJobType } from '../../domain/userImport.js';

/** The job as it is now: its status and counts while the import runs, and how it ended. */
export default function describeUserImportJob(input: { UserPoolId: string; JobId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  return { UserImportJob: userImportJobType(findJob(ctx, pool, input.JobId)) };
}
