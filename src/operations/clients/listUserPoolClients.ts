import type { Context } from '../../context.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';

export default function listUserPoolClients(input: { UserPoolId: string; MaxResults?: number; NextToken?: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const limit = input.MaxResults ?? 60;
  const found = ctx.store.clients.list(input.UserPoolId, decodeToken(input.NextToken), limit + 1);
  const { items, next } = page(found, limit, (client) => client.ClientId);
  return {
    UserPoolClients: items.map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
    ...(next ? { NextToken: next } : {}),
  };
}
