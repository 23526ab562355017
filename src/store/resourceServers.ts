import type { Statements } from './db.js';

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

/** ResourceServerType as DescribeResourceServer returns it. */
export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: ResourceServerScope[];
}

/** A pool's OAuth 2.0 resource servers and their custom scopes (`<Identifier>/<ScopeName>`). */
export class ResourceServers {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, identifier: string): ResourceServer | undefined {
    const row = this.store
      .stmt('SELECT description FROM resource_servers WHERE user_pool_id = ? AND identifier = ?')
      .get(userPoolId, identifier) as { description: string } | undefined;
    return row && JSON.parse(row.description);
  }

  /** A pool's resource servers in Identifier order after `after` (exclusive), at most `limit`. */
  list(userPoolId: string, after: string | undefined, limit: number): ResourceServer[] {
    const rows = this.store
      .stmt('SELECT description FROM resource_servers WHERE user_pool_id = ? AND identifier > ? ORDER BY identifier LIMIT ?')
      .all(userPoolId, after ?? '', limit) as { description: string }[];
    return rows.map((row) => JSON.parse(row.description));
  }

  /** Every custom scope the pool defines now, as `<Identifier>/<ScopeName>`. */
  customScopes(userPoolId: string): Set<string> {
    const scopes = new Set<string>();
    for (const server of this.list(userPoolId, undefined, -1)) {
      for (const scope of server.Scopes) scopes.add(`${server.Identifier}/${scope.ScopeName}`);
    }
    return scopes;
  }

  put(server: ResourceServer): void {
    this.store
      .stmt(
        `INSERT INTO resource_servers (user_pool_id, identifier, description) VALUES (?, ?, ?)
         ON CONFLICT (user_pool_id, identifier) DO UPDATE SET description = excluded.description`,
      )
      .run(server.UserPoolId, server.Identifier, JSON.stringify(server));
  }

  delete(userPoolId: string, identifier: string): void {
    this.store.stmt('DELETE FROM resource_servers WHERE user_pool_id = ? AND identifier = ?').run(userPoolId, identifier);
  }
}
