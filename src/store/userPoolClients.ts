import type { Statements } from './db.js';

/** UserPoolClientType as DescribeUserPoolClient returns it (with ClientSecret when there is one). */
export interface UserPoolClientDescription {
  UserPoolId: string;
  ClientName: string;
  ClientId: string;
  ClientSecret?: string;
  CreationDate: number;
  LastModifiedDate: number;
  ExplicitAuthFlows?: string[];
  RefreshTokenValidity: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  PreventUserExistenceErrors?: 'LEGACY' | 'ENABLED';
  EnableTokenRevocation: boolean;
  AuthSessionValidity: number;
  [member: string]: unknown;
}

export class UserPoolClients {
  private readonly cache = new Map<string, UserPoolClientDescription | undefined>();
  constructor(private readonly store: Statements) {}

  get(clientId: string): UserPoolClientDescription | undefined {
    if (this.cache.has(clientId)) return this.cache.get(clientId);
    const row = this.store.stmt('SELECT description FROM user_pool_clients WHERE id = ?').get(clientId) as
      | { description: string }
      | undefined;
    const client = row && JSON.parse(row.description);
    this.cache.set(clientId, client);
    return client;
  }

  insert(client: UserPoolClientDescription, createdAt: number): void {
    this.store
      .stmt('INSERT INTO user_pool_clients (id, user_pool_id, description, created_at) VALUES (?, ?, ?, ?)')
      .run(client.ClientId, client.UserPoolId, JSON.stringify(client), createdAt);
    this.cache.delete(client.ClientId);
  }

  update(client: UserPoolClientDescription): void {
    this.store.stmt('UPDATE user_pool_clients SET description = ? WHERE id = ?').run(JSON.stringify(client), client.ClientId);
    this.cache.delete(client.ClientId);
  }

  delete(clientId: string): void {
    this.store.stmt('DELETE FROM user_pool_clients WHERE id = ?').run(clientId);
    this.cache.delete(clientId);
  }

  /** A pool's clients in ClientId order after `after` (exclusive; it may have been deleted since). */
  list(userPoolId: string, after: string | undefined, limit: number): UserPoolClientDescription[] {
    const rows = this.store
      .stmt(
        `SELECT description FROM user_pool_clients WHERE user_pool_id = ?
         AND id > ? ORDER BY id LIMIT ?`,
      )
      .all(userPoolId, after ?? '', limit) as { description: string }[];
    return rows.map((row) => JSON.parse(row.description));
  }

  forgetCache(): void {
    this.cache.clear();
  }
}
