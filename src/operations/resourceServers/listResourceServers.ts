import type { Context } from '../../context.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';

/** A pool's resource servers in Identifier order, MaxResults (default 50) at a time. */
export default function listResourceServers(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const limit = input.MaxResults ?? 50;
  const found = ctx.store.resourceServers.list(input.UserPoolId, decodeToken(input.NextToken), limit + 1);
  const { items, next } = page(found, limit, (server) => server.Identifier);
  return { ResourceServers: items, ...(next ? { NextToken: next } : {}) };
}
