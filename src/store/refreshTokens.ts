import type { Statements } from './db.js';

export interface RefreshTokenRecord {
  userPoolId: string;
  clientId: string;
  username: string;
  originJti: string;
  deviceKey: string | null;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
  /** The OAuth scopes of the sign-in (token endpoint); null for API sign-in. */
  scopes: string[] | null;
  /** Rotated out (refresh token rotation): refused from this time (ms) on; null until then. */
  invalidAfter?: number | null;
}

export class RefreshTokens {
  constructor(private readonly store: Statements) {}

  put(id: string, token: RefreshTokenRecord): void {
    this.store
      .stmt(
        `INSERT INTO refresh_tokens (id, user_pool_id, client_id, username, origin_jti, device_key, auth_time, expires_at, revoked, scopes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id, token.userPoolId, token.clientId, token.username, token.originJti, token.deviceKey, token.authTime, token.expiresAt,
        token.revoked ? 1 : 0, token.scopes ? JSON.stringify(token.scopes) : null,
      );
  }

  get(id: string): RefreshTokenRecord | undefined {
    const row = this.store
      .stmt(
        `SELECT user_pool_id AS userPoolId, client_id AS clientId, username, origin_jti AS originJti, device_key AS deviceKey,
         auth_time AS authTime, expires_at AS expiresAt, revoked, scopes, invalid_after AS invalidAfter FROM refresh_tokens WHERE id = ?`,
      )
      .get(id) as (Omit<RefreshTokenRecord, 'revoked' | 'scopes'> & { revoked: number; scopes: string | null }) | undefined;
    return row && { ...row, revoked: row.revoked === 1, scopes: row.scopes === null ? null : JSON.parse(row.scopes) };
  }

  /** Retires a token rotated out: it works until `invalidAfter` (ms), the grace period for retries. */
  rotateOut(id: string, invalidAfter: number): void {
    this.store.stmt('UPDATE refresh_tokens SET invalid_after = ? WHERE id = ? AND invalid_after IS NULL').run(invalidAfter, id);
  }

  isOriginRevoked(originJti: string): boolean {
    return this.store.stmt('SELECT 1 FROM refresh_tokens WHERE origin_jti = ? AND revoked = 1').get(originJti) !== undefined;
  }

  revokeOrigin(originJti: string): void {
    this.store.stmt('UPDATE refresh_tokens SET revoked = 1 WHERE origin_jti = ?').run(originJti);
  }

  revokeUser(userPoolId: string, username: string): void {
    this.store.stmt('UPDATE refresh_tokens SET revoked = 1 WHERE user_pool_id = ? AND username = ?').run(userPoolId, username);
  }
}
