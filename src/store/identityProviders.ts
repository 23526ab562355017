import type { Statements } from './db.js';

/** IdentityProviderType as DescribeIdentityProvider returns it (dates in epoch seconds). */
export interface IdentityProvider {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: string;
  ProviderDetails: Record<string, string>;
  AttributeMapping: Record<string, string>;
  IdpIdentifiers: string[];
  LastModifiedDate: number;
  CreationDate: number;
}

/** An external identity linked to a pool user (AdminLinkProviderForUser, or a federated sign-in). */
export interface LinkedIdentity {
  providerName: string;
  providerUserId: string;
  providerAttributeName: string;
  username: string;
  createdAt: number;
}

/** A pool's external identity providers, and the external users linked to pool users. */
export class IdentityProviders {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, providerName: string): IdentityProvider | undefined {
    const row = this.store
      .stmt('SELECT description FROM identity_providers WHERE user_pool_id = ? AND provider_name = ?')
      .get(userPoolId, providerName) as { description: string } | undefined;
    return row && JSON.parse(row.description);
  }

  /** A pool's providers in ProviderName order after `after` (exclusive), at most `limit` (-1: all). */
  list(userPoolId: string, after: string | undefined, limit: number): IdentityProvider[] {
    const rows = this.store
      .stmt('SELECT description FROM identity_providers WHERE user_pool_id = ? AND provider_name > ? ORDER BY provider_name LIMIT ?')
      .all(userPoolId, after ?? '', limit) as { description: string }[];
    return rows.map((row) => JSON.parse(row.description));
  }

  put(provider: IdentityProvider): void {
    this.store
      .stmt(
        `INSERT INTO identity_providers (user_pool_id, provider_name, description) VALUES (?, ?, ?)
         ON CONFLICT (user_pool_id, provider_name) DO UPDATE SET description = excluded.description`,
      )
      .run(provider.UserPoolId, provider.ProviderName, JSON.stringify(provider));
  }

  delete(userPoolId: string, providerName: string): void {
    this.store.stmt('DELETE FROM identity_providers WHERE user_pool_id = ? AND provider_name = ?').run(userPoolId, providerName);
    this.store.stmt('DELETE FROM linked_identities WHERE user_pool_id = ? AND provider_name = ?').run(userPoolId, providerName);
  }

  link(userPoolId: string, identity: LinkedIdentity): void {
    this.store
      .stmt(
        `INSERT INTO linked_identities (user_pool_id, provider_name, provider_user_id, provider_attribute_name, username, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(userPoolId, identity.providerName, identity.providerUserId, identity.providerAttributeName, identity.username, identity.createdAt);
  }

  unlink(userPoolId: string, providerName: string, providerUserId: string): void {
    this.store
      .stmt('DELETE FROM linked_identities WHERE user_pool_id = ? AND provider_name = ? AND provider_user_id = ?')
      .run(userPoolId, providerName, providerUserId);
  }

  /** The pool user an external identity signs in as, if it is linked. */
  linked(userPoolId: string, providerName: string, providerUserId: string): LinkedIdentity | undefined {
    const row = this.store
      .stmt(
        `SELECT provider_name AS providerName, provider_user_id AS providerUserId, provider_attribute_name AS providerAttributeName,
         username, created_at AS createdAt FROM linked_identities WHERE user_pool_id = ? AND provider_name = ? AND provider_user_id = ?`,
      )
      .get(userPoolId, providerName, providerUserId) as LinkedIdentity | undefined;
    return row;
  }

  /** The external identities linked to one pool user, oldest first. */
  linksOf(userPoolId: string, username: string): LinkedIdentity[] {
    return this.store
      .stmt(
        `SELECT provider_name AS providerName, provider_user_id AS providerUserId, provider_attribute_name AS providerAttributeName,
         username, created_at AS createdAt FROM linked_identities WHERE user_pool_id = ? AND username = ? ORDER BY created_at, provider_name`,
      )
      .all(userPoolId, username) as LinkedIdentity[];
  }
}
