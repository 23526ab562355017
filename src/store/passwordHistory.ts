import type { Statements } from './db.js';
/** An SRP salt and verifier, as hex. */
export interface StoredVerifier {
  salt: string;
  verifier: string;
}

/** Earlier passwords of a user, as the SRP salt and verifier they had: never a password. */
export class PasswordHistory {
  constructor(private readonly store: Statements) {}

  /** The user's earlier verifiers, newest first. */
  list(userPoolId: string, username: string): StoredVerifier[] {
    return this.store
      .stmt('SELECT salt, verifier FROM password_history WHERE user_pool_id = ? AND username = ? ORDER BY id DESC')
      .all(userPoolId, username) as StoredVerifier[];
  }

  /** Remembers a replaced password and keeps only the newest `keep` of the user's. */
  push(userPoolId: string, username: string, replaced: StoredVerifier, keep: number): void {
    this.store
      .stmt('INSERT INTO password_history (user_pool_id, username, salt, verifier) VALUES (?, ?, ?, ?)')
      .run(userPoolId, username, replaced.salt, replaced.verifier);
    this.store
      .stmt(
        `DELETE FROM password_history WHERE user_pool_id = ? AND username = ? AND id NOT IN
         (SELECT id FROM password_history WHERE user_pool_id = ? AND username = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(userPoolId, username, userPoolId, username, keep);
  }
}
