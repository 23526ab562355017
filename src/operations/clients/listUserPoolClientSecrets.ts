import type { Context } from '../../context.js';
import { findPoolClient } from '../../domain/appClients.js';

/** The client's secrets without their values, oldest first (two at most: no paging needed). */
export default function listUserPoolClientSecrets(input: { UserPoolId: string; ClientId: string; NextToken?: string }, ctx: Context) {
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  return {
    ClientSecrets: ctx.store.clients
      .secrets(client.ClientId)
      .map(({ ClientSecretId, ClientSecretCreateDate }) => ({ ClientSecretId, ClientSecretCreateDate })),
  };
}
