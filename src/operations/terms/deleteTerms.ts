import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findTerms } from '../../domain/terms.js';

export default function deleteTerms(input: { UserPoolId: string; TermsId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  findTerms(ctx, pool.id, input.TermsId);
  ctx.store.transaction(() => ctx.store.terms.delete(pool.id, input.TermsId));
  return {};
}
