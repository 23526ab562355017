import type { Statements } from './db.js';

/** A browser signed in to a pool's hosted pages: the SSO session behind its cookie. */
export interface HostedSession {
  userPoolId: string;
  username: string;
  authTime: number;
  expiresAt: number;
}

export class HostedSessions {
  constructor(private readonly store: Statements) {}

  /** Stores a new session, and forgets the expired ones (server clock). */
  put(id: string, session: HostedSession, now: number): void {
    this.store.stmt('DELETE FROM hosted_sessions WHERE expires_at <= ?').run(now);
    this.store
      .stmt('INSERT INTO hosted_sessions (id, user_pool_id, username, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, session.userPoolId, session.username, session.authTime, session.expiresAt);
  }

  get(id: string): HostedSession | undefined {
    return this.store
      .stmt('SELECT user_pool_id AS userPoolId, username, auth_time AS authTime, expires_at AS expiresAt FROM hosted_sessions WHERE id = ?')
      .get(id) as HostedSession | undefined;
  }

  delete(id: string): void {
    this.store.stmt('DELETE FROM hosted_sessions WHERE id = ?').run(id);
  }
}
