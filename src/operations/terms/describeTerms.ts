import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findTerms } from '../../domain/terms.js';

export default function describeTerms(input: { UserPoolId: string; TermsId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  return { Terms: findTerms(ctx, pool.id, input.TermsId) };
}
