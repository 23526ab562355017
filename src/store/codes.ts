import type { Store } from './store.js';

export type CodePurpose = 'SIGN_UP';

/** An outstanding confirmation code; only its salted HMAC is kept. */
export interface StoredCode {
  codeHash: string;
  salt: string;
  attributeName: string | null;
  expiresAt: number;
  failedAttempts: number;
  /** Codes this one replaced (newest first): still recognised, to answer them as expired. */
  superseded: { codeHash: string; salt: string }[];
}

export class Codes {
  constructor(private readonly store: Store) {}

  get(userPoolId: string, usernameKey: string, purpose: CodePurpose): StoredCode | undefined {
    const row = this.store
      .stmt(
        `SELECT code_hash AS codeHash, salt, attribute_name AS attributeName, expires_at AS expiresAt,
         failed_attempts AS failedAttempts, superseded FROM codes WHERE user_pool_id = ? AND username_key = ? AND purpose = ?`,
      )
      .get(userPoolId, usernameKey, purpose) as (Omit<StoredCode, 'superseded'> & { superseded: string }) | undefined;
    return row && { ...row, superseded: JSON.parse(row.superseded) };
  }

  /** Stores a new code, replacing (and so invalidating) any earlier one for the same purpose. */
  put(userPoolId: string, usernameKey: string, purpose: CodePurpose, code: StoredCode): void {
    this.store
      .stmt(
        `INSERT OR REPLACE INTO codes (user_pool_id, username_key, purpose, code_hash, salt, attribute_name, expires_at, failed_attempts, superseded)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        userPoolId,
        usernameKey,
        purpose,
        code.codeHash,
        code.salt,
        code.attributeName,
        code.expiresAt,
        code.failedAttempts,
        JSON.stringify(code.superseded),
      );
  }

  countFailure(userPoolId: string, usernameKey: string, purpose: CodePurpose): void {
    this.store
      .stmt('UPDATE codes SET failed_attempts = failed_attempts + 1 WHERE user_pool_id = ? AND username_key = ? AND purpose = ?')
      .run(userPoolId, usernameKey, purpose);
  }

  delete(userPoolId: string, usernameKey: string, purpose: CodePurpose): void {
    this.store.stmt('DELETE FROM codes WHERE user_pool_id = ? AND username_key = ? AND purpose = ?').run(userPoolId, usernameKey, purpose);
  }
}
