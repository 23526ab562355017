import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findResourceServer } from '../../domain/resourceServers.js';

/** Its scopes are granted no more (clients that list them keep them listed, as in Cognito). */
export default function deleteResourceServer(input: { UserPoolId: string; Identifier: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  findResourceServer(ctx, input.UserPoolId, input.Identifier);
  ctx.store.transaction(() => ctx.store.resourceServers.delete(input.UserPoolId, input.Identifier));
  return {};
}
