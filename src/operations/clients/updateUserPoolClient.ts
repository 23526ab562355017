import type { Context } from '../../context.js';
import { clientDescription, type UserPoolClientSettings } from './createUserPoolClient.js';
import { findPoolClient } from '../../domain/appClients.js';
import { checkClientAttributes } from '../../domain/attributes.js';
import { findPool } from '../../domain/userPools.js';

/** As in Cognito, settings left out of the request go back to their defaults. */
export default function updateUserPoolClient(input: UserPoolClientSettings & { ClientId: string }, ctx: Context) {
  const existing = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  const { ClientId, ...settings } = input;
  checkClientAttributes(findPool(ctx, input.UserPoolId), input, 'updating');
  const client = clientDescription(
    ctx.store,
    settings,
    {
      ClientId,
      ClientName: input.ClientName ?? existing.ClientName,
      ClientSecret: existing.ClientSecret,
      CreationDate: existing.CreationDate,
    },
    ctx.clock.now(),
  );
  ctx.store.transaction(() => ctx.store.clients.update(client));
  return { UserPoolClient: client };
}
