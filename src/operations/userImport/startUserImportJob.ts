import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findJob, JOB_ERRORS, userImportJobType } from '../../domain/userImport.js';

/**
 * Starts a Created job whose file was uploaded: it answers Pending, and the import runs on (InProgress,
 * then Succeeded or Failed; describe the job to follow it). A pool with no auto-verified attribute
 * cannot import ("the import job will not start", developer guide).
 */
export default function startUserImportJob(input: { UserPoolId: string; JobId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const job = ctx.store.transaction(() => {
    const current = findJob(ctx, pool, input.JobId);
    if (current.Status !== 'Created') throw JOB_ERRORS.notStartable(current);
    if (!ctx.store.userImportJobs.hasCsv(current.JobId)) throw JOB_ERRORS.noCsv(current.JobId);
    if (!pool.description.AutoVerifiedAttributes?.length) throw JOB_ERRORS.noAutoVerifiedAttributes();
    current.Status = 'Pending';
    current.StartDate = ctx.clock.now();
    ctx.store.userImportJobs.update(current);
    return current;
  });
  ctx.userImports.start(ctx, job.JobId);
  return { UserImportJob: userImportJobType(job) };
}
