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

  /** Reads a session; the sign-in machine deletes it once its challenge is answered. */
  peek<State>(id: string): AuthSession<State> | undefined {
    const row = this.store
      .stmt('SELECT user_pool_id, client_id, username, state, expires_at FROM auth_sessions WHERE id = ?')
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

  updateState(id: string, state: unknown): void {
    this.store.stmt('UPDATE auth_sessions SET state = ? WHERE id = ?').run(JSON.stringify(state), id);
  }

  delete(id: string): void {
    this.store.stmt('DELETE FROM auth_sessions WHERE id = ?').run(id);
  }
}
