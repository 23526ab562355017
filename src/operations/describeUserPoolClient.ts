import type { Context } from '../context.js';
import type { UserPoolClientDescription } from '../store/userPoolClients.js';
import { findPool } from '../domain/userPools.js';
import { ResourceNotFound } from '../protocol/errors.js';

/** The client of that pool, or ResourceNotFoundException. */
export function findPoolClient(ctx: Context, userPoolId: string, clientId: string): UserPoolClientDescription {
  findPool(ctx, userPoolId);
  const client = ctx.store.clients.get(clientId);
  if (!client || client.UserPoolId !== userPoolId) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

export default function describeUserPoolClient(input: { UserPoolId: string; ClientId: string }, ctx: Context) {
  return { UserPoolClient: findPoolClient(ctx, input.UserPoolId, input.ClientId) };
}
