import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { userImportJobType } from '../../domain/userImport.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface ListUserImportJobsInput {
  UserPoolId: string;
  MaxResults: number;
  PaginationToken?: string;
}

/** AWS's token names the pool, the last job listed and its creation time: `us-west-2_EXAMPLE#import-example3#1667948397084` (aws CLI example). */
const tokenOf = (userPoolId: string, jobId: string, createdAt: number) => `${userPoolId}#${jobId}#${createdAt}`;

/** UNSURE: the answer to a PaginationToken kognito did not give for this pool (AWS's was not found). */
export const INVALID_PAGINATION_TOKEN = 'Invalid pagination token.';

/** The pool's jobs, newest first ("in chronological order from last created to first created", developer guide). */
export default function listUserImportJobs(input: ListUserImportJobsInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  let after: { createdAt: number; jobId: string } | undefined;
  if (input.PaginationToken !== undefined) {
    const [userPoolId, jobId, createdAt, ...rest] = input.PaginationToken.split('#');
    if (userPoolId !== pool.id || !jobId || !/^\d+$/.test(createdAt ?? '') || rest.length) throw InvalidParameter(INVALID_PAGINATION_TOKEN);
    after = { createdAt: Number(createdAt), jobId };
  }
  const jobs = ctx.store.userImportJobs.list(pool.id, input.MaxResults + 1, after);
  const now = ctx.clock.now();
  const page = jobs.slice(0, input.MaxResults);
  const last = page[page.length - 1];
  return {
    UserImportJobs: page.map((job) => userImportJobType(job, now)),
    PaginationToken: jobs.length > input.MaxResults ? tokenOf(pool.id, last.JobId, last.CreationDate) : undefined,
  };
}
