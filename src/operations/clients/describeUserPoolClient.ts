import type { Context } from '../../context.js';
import { findPoolClient } from '../../domain/appClients.js';

export default function describeUserPoolClient(input: { UserPoolId: string; ClientId: string }, ctx: Context) {
  return { UserPoolClient: findPoolClient(ctx, input.UserPoolId, input.ClientId) };
}
