import type { Context } from '../../context.js';
import type { ResourceServer, ResourceServerScope } from '../../store/resourceServers.js';
import { findPool } from '../../domain/userPools.js';
import { checkScopes, MAX_RESOURCE_SERVERS, resourceServerExists } from '../../domain/resourceServers.js';
import { InvalidParameter, LimitExceeded } from '../../protocol/errors.js';

export interface ResourceServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScope[];
}

/** UNSURE: the text when a pool already has MAX_RESOURCE_SERVERS resource servers. */
export const TOO_MANY_RESOURCE_SERVERS = `A user pool can have at most ${MAX_RESOURCE_SERVERS} resource servers.`;

/** An OAuth 2.0 API and its custom scopes, requested as `<Identifier>/<ScopeName>`. */
export default function createResourceServer(input: ResourceServerInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const scopes = checkScopes(input.Scopes);
  if (ctx.store.resourceServers.get(pool.id, input.Identifier)) throw InvalidParameter(resourceServerExists(input.Identifier, pool.id));
  if (ctx.store.resourceServers.list(pool.id, undefined, MAX_RESOURCE_SERVERS).length >= MAX_RESOURCE_SERVERS) {
    throw LimitExceeded(TOO_MANY_RESOURCE_SERVERS);
  }
  const server: ResourceServer = { UserPoolId: pool.id, Identifier: input.Identifier, Name: input.Name, Scopes: scopes };
  ctx.store.transaction(() => ctx.store.resourceServers.put(server));
  return { ResourceServer: server };
}
