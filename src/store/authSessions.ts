import type { Statements } from './db.js';

/** A challenge Session: opaque to the client, single use, bound to user and client. */
export interface AuthSession<State = unknown> {
  userPoolId: string;
  clientId: string;
  username: string;
  state: State;
  expiresAt: number;
}

/** How long an expired session is kept so that it can still be answered as expired. */
export const EXPIRED_SESSIONS_KEPT_MS = 24 * 60 * 60 * 1000;

export class AuthSessions {
  constructor(private readonly store: Statements) {}

  /**
   * Stores a new session, and forgets those expired for a day by `now` (server clock): an abandoned
   * sign-in leaves nothing behind for long, yet a late answer still hears "session is expired".
   */
  put(id: string, session: AuthSession, now: number): void {
    this.store.stmt('DELETE FROM auth_sessions WHERE expires_at <= ?').run(now - EXPIRED_SESSIONS_KEPT_MS);
    this.store
      .stmt('INSERT INTO auth_sessions (id, user_pool_id, client_id, username, state, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, session.userPoolId, session.clientId, session.username, JSON.stringify(session.state), session.expiresAt);
  }

  /**
   * Removes a session and returns it, in one statement: whoever takes it owns it (see
   * domain/singleUse.ts); put() it back when its challenge may be answered again.
   */
  take<State>(id: string): AuthSession<State> | undefined {
    const row = this.store
      .stmt('DELETE FROM auth_sessions WHERE id = ? RETURNING user_pool_id, client_id, username, state, expires_at')
      .get(id) as { user_pool_id: string; client_id: string; username: string; state: string; expires_at: number } | undefined;
    return (
      row && {
        userPoolId: row.user_pool_id,
        clientId: row.client_id,
        username: row.username,
        state: JSON.parse(row.state),
        expiresAt: row.expires_at,
      }
    );
  }

  /** Puts a taken session back (its challenge may be answered again), unless a newer one took its id. */
  putBack(id: string, session: AuthSession): void {
    this.store
      .stmt('INSERT OR IGNORE INTO auth_sessions (id, user_pool_id, client_id, username, state, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, session.userPoolId, session.clientId, session.username, JSON.stringify(session.state), session.expiresAt);
  }

  delete(id: string): void {
    this.store.stmt('DELETE FROM auth_sessions WHERE id = ?').run(id);
  }
}
