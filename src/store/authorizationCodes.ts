import type { Statements } from './db.js';

/** What an authorization code stands for: who signed in, for which client, redirect and scopes. */
export interface AuthorizationGrant {
  username: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  nonce: string | null;
  authTime: number;
}

export interface StoredAuthorizationCode {
  userPoolId: string;
  clientId: string;
  grant: AuthorizationGrant;
  expiresAt: number;
}

/** Authorization codes (stored by their SHA-256): single use, claimed by the token endpoint. */
export class AuthorizationCodes {
  constructor(private readonly store: Statements) {}

  /** Stores a new code, and forgets the expired ones (server clock). */
  put(id: string, code: StoredAuthorizationCode, now: number): void {
    this.store.stmt('DELETE FROM authorization_codes WHERE expires_at <= ?').run(now);
    this.store
      .stmt('INSERT INTO authorization_codes (id, user_pool_id, client_id, details, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, code.userPoolId, code.clientId, JSON.stringify(code.grant), code.expiresAt);
  }

  /** Takes the code out of the store: whoever claims it first has it, nobody can claim it again. */
  claim(id: string): StoredAuthorizationCode | undefined {
    const row = this.store
      .stmt('DELETE FROM authorization_codes WHERE id = ? RETURNING user_pool_id, client_id, details, expires_at')
      .get(id) as { user_pool_id: string; client_id: string; details: string; expires_at: number } | undefined;
    return row && { userPoolId: row.user_pool_id, clientId: row.client_id, grant: JSON.parse(row.details), expiresAt: row.expires_at };
  }
}
