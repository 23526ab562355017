/** Resource servers: finding one, and the rules its scopes follow. */
import type { Context } from '../context.js';
import type { ResourceServer, ResourceServerScope } from '../store/resourceServers.js';
import { InvalidParameter, ResourceNotFound } from '../protocol/errors.js';

/** UNSURE: Cognito's texts for an unknown resource server, a taken identifier and a repeated scope. */
export const resourceServerNotFound = (identifier: string) => `Resource server ${identifier} does not exist.`;
export const resourceServerExists = (identifier: string, userPoolId: string) => `${identifier} already exists in pool ${userPoolId}.`;
export const duplicateScope = (name: string) => `Duplicate scope name ${name}.`;
/** A pool has at most this many resource servers (Cognito's quota). */
export const MAX_RESOURCE_SERVERS = 25;

export function findResourceServer(ctx: Context, userPoolId: string, identifier: string): ResourceServer {
  const server = ctx.store.resourceServers.get(userPoolId, identifier);
  if (!server) throw ResourceNotFound(resourceServerNotFound(identifier));
  return server;
}

/** The scopes as given (names unique), or [] when none. */
export function checkScopes(scopes: ResourceServerScope[] | undefined): ResourceServerScope[] {
  const seen = new Set<string>();
  for (const scope of scopes ?? []) {
    if (seen.has(scope.ScopeName)) throw InvalidParameter(duplicateScope(scope.ScopeName));
    seen.add(scope.ScopeName);
  }
  return (scopes ?? []).map(({ ScopeName, ScopeDescription }) => ({ ScopeName, ScopeDescription }));
}
