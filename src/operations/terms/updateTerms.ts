import type { Context } from '../../context.js';
import type { Terms } from '../../store/terms.js';
import { findPool } from '../../domain/userPools.js';
import { checkLinks, checkNameFree, findTerms, KEPT_WHEN_OMITTED } from '../../domain/terms.js';

export interface UpdateTermsInput {
  UserPoolId: string;
  TermsId: string;
  TermsName?: string;
  TermsSource?: string;
  Enforcement?: string;
  Links?: Record<string, string>;
}

/** Changes the members given (KEPT_WHEN_OMITTED keeps the others); a new name must be free in the app client. */
export default function updateTerms(input: UpdateTermsInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const existing = findTerms(ctx, pool.id, input.TermsId);
  if (input.Links !== undefined) checkLinks(input.Links);
  if (input.TermsName !== undefined) checkNameFree(ctx, existing.ClientId, input.TermsName, existing.TermsId);
  const terms: Terms = { ...existing, LastModifiedDate: ctx.clock.now() / 1000 };
  for (const member of KEPT_WHEN_OMITTED) {
    if (input[member] !== undefined) (terms as unknown as Record<string, unknown>)[member] = input[member];
  }
  ctx.store.transaction(() => ctx.store.terms.update(terms));
  return { Terms: terms };
}
