import type { Statements } from './db.js';

/**
 * Every live secret of a confidential client (AddUserPoolClientSecret allows two at once), oldest
 * first, carried beside the loaded description under a symbol: JSON never shows it.
 */
export const CLIENT_SECRETS = Symbol('client secrets');

/** A client secret as ListUserPoolClientSecrets describes it (date in epoch seconds), with its value. */
export interface ClientSecretRecord {
  ClientSecretId: string;
  ClientSecretValue: string;
  ClientSecretCreateDate: number;
}

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
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  SupportedIdentityProviders?: string[];
  RefreshTokenRotation?: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number };
  [CLIENT_SECRETS]?: readonly string[];
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
    const client: UserPoolClientDescription | undefined = row && JSON.parse(row.description);
    if (client) client[CLIENT_SECRETS] = this.secrets(clientId).map((secret) => secret.ClientSecretValue);
    this.cache.set(clientId, client);
    return client;
  }

  /** A client's secrets, oldest first. */
  secrets(clientId: string): ClientSecretRecord[] {
    const rows = this.store
      .stmt('SELECT id, secret, created_at FROM client_secrets WHERE client_id = ? ORDER BY created_at, id')
      .all(clientId) as { id: string; secret: string; created_at: number }[];
    return rows.map((row) => ({ ClientSecretId: row.id, ClientSecretValue: row.secret, ClientSecretCreateDate: row.created_at / 1000 }));
  }

  addSecret(clientId: string, secretId: string, secret: string, createdAt: number): void {
    this.store.stmt('INSERT INTO client_secrets (id, client_id, secret, created_at) VALUES (?, ?, ?, ?)').run(secretId, clientId, secret, createdAt);
    this.cache.delete(clientId);
  }

  deleteSecret(secretId: string): void {
    const row = this.store.stmt('DELETE FROM client_secrets WHERE id = ? RETURNING client_id').get(secretId) as { client_id: string } | undefined;
    if (row) this.cache.delete(row.client_id);
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
