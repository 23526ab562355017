import type { Context } from '../../context.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';
import { DEFAULT_MAX_RESULTS, listPosition, parseListPosition } from '../../domain/terms.js';

/** Every app client's terms of the pool, summarised (TermsDescriptionType: no Links, no ClientId), MaxResults at a time. */
export default function listTerms(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
  const found = ctx.store.terms.list(pool.id, parseListPosition(decodeToken(input.NextToken)), limit + 1);
  const { items, next } = page(found, limit, (item) => listPosition(item.createdAt, item.terms.TermsId));
  const Terms = items.map(({ terms }) => ({
    TermsId: terms.TermsId,
    TermsName: terms.TermsName,
    Enforcement: terms.Enforcement,
    CreationDate: terms.CreationDate,
    LastModifiedDate: terms.LastModifiedDate,
  }));
  return { Terms, ...(next ? { NextToken: next } : {}) };
}
