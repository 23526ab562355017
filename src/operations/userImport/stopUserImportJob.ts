import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { COMPLETION, findJob, JOB_ERRORS, userImportJobType } from '../../domain/userImport.js';

/**
 * Stops a Pending or InProgress job: the users imported so far stay, the rest of the file is not read.
 * kognito's import reads the job again before each batch of lines, so the job is Stopped at once (AWS
 * passes through Stopping; its example answers Stopped).
 */
export default function stopUserImportJob(input: { UserPoolId: string; JobId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const job = ctx.store.transaction(() => {
    const current = findJob(ctx, pool, input.JobId);
    if (current.Status !== 'Pending' && current.Status !== 'InProgress') throw JOB_ERRORS.notStoppable(current);
    Object.assign(current, { Status: 'Stopped', CompletionDate: ctx.clock.now(), CompletionMessage: COMPLETION.stopped });
    ctx.store.userImportJobs.update(current);
    return current;
  });
  return { UserImportJob: userImportJobType(job) };
}
