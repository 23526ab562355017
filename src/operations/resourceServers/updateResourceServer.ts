import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { checkScopes, findResourceServer } from '../../domain/resourceServers.js';
import type { ResourceServerInput } from './createResourceServer.js';

/**
 * New name and scopes; scopes left out are removed (API reference: "If you don't provide a value for
 * an attribute, it is set to the default value"). Clients keep listing a removed scope; it is no longer
 * granted, and comes back if the scope is re-added.
 */
export default function updateResourceServer(input: ResourceServerInput, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const existing = findResourceServer(ctx, input.UserPoolId, input.Identifier);
  const server = { ...existing, Name: input.Name, Scopes: checkScopes(input.Scopes) };
  ctx.store.transaction(() => ctx.store.resourceServers.put(server));
  return { ResourceServer: server };
}
