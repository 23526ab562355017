import type { Context } from '../../context.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';

/** Name, type and dates of a pool's providers, in name order, MaxResults (default 60) at a time. */
export default function listIdentityProviders(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const limit = input.MaxResults || 60;
  const found = ctx.store.identityProviders.list(input.UserPoolId, decodeToken(input.NextToken), limit + 1);
  const { items, next } = page(found, limit, (provider) => provider.ProviderName);
  return {
    Providers: items.map(({ ProviderName, ProviderType, LastModifiedDate, CreationDate }) => ({ ProviderName, ProviderType, LastModifiedDate, CreationDate })),
    ...(next ? { NextToken: next } : {}),
  };
}
