import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { currentJob, userImportJobType } from '../../domain/userImport.js';
import { invalidPaginationToken } from '../../domain/pagination.js';

export interface ListUserImportJobsInput {
  UserPoolId: string;
  MaxResults: number;
  PaginationToken?: string;
}

/** AWS's token names the pool, the last job listed and its creation time: `us-west-2_EXAMPLE#import-example3#1667948397084` (aws CLI example). */
const tokenOf = (userPoolId: string, jobId: string, createdAt: number) => `${userPoolId}#${jobId}#${createdAt}`;

/** UNSURE: a PaginationToken kognito did not give for this pool is answered as other lists' (invalidPaginationToken; AWS's text was not found). */

/** The pool's jobs, newest first ("in chronological order from last created to first created", developer guide). */
export default function listUserImportJobs(input: ListUserImportJobsInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  let after: { createdAt: number; jobId: string } | undefined;
  if (input.PaginationToken !== undefined) {
    const [userPoolId, jobId, createdAt, ...rest] = input.PaginationToken.split('#');
    if (userPoolId !== pool.id || !jobId || !/^\d+$/.test(createdAt ?? '') || rest.length) throw invalidPaginationToken();
    after = { createdAt: Number(createdAt), jobId };
  }
  const jobs = ctx.store.userImportJobs.list(pool.id, input.MaxResults + 1, after);
  const now = ctx.clock.now();
  const page = jobs.slice(0, input.MaxResults);
  const last = page[page.length - 1];
  return {
    UserImportJobs: page.map((job) => userImportJobType(currentJob(job, now))),
    PaginationToken: jobs.length > input.MaxResults ? tokenOf(pool.id, last.JobId, last.CreationDate) : undefined,
  };
}
