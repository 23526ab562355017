import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { csvHeaderOf } from '../../domain/userImport.js';

/**
 * The header row of a user import .csv file: the pool's attributes as its schema lists them, `sub`
 * excepted (Cognito assigns it), then cognito:mfa_enabled and cognito:username.
 */
export default function getCSVHeader(input: { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  return { UserPoolId: pool.id, CSVHeader: csvHeaderOf(pool) };
}
