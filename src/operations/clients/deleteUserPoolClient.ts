import type { Context } from '../../context.js';
import { findPoolClient } from '../../domain/appClients.js';

export default function deleteUserPoolClient(input: { UserPoolId: string; ClientId: string }, ctx: Context) {
  findPoolClient(ctx, input.UserPoolId, input.ClientId);
  // Its own branding and risk configuration go with it (the pool's stay).
  ctx.store.transaction(() => {
    ctx.store.clients.delete(input.ClientId);
    ctx.store.uiCustomizations.delete(input.UserPoolId, input.ClientId);
    ctx.store.riskConfigurations.delete(input.UserPoolId, input.ClientId);
  });
  return {};
}
