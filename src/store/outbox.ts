import type { Statements } from './db.js';

/** A message the pool "sent": the developer reads the code here instead of in a mailbox. */
export interface SentMessage {
  userPoolId: string;
  username: string;
  kind: string;
  deliveryMedium: 'EMAIL' | 'SMS';
  destination: string;
  code: string;
  createdAt: string;
}

export class Outbox {
  constructor(private readonly store: Statements) {}

  add(message: Omit<SentMessage, 'createdAt'>, createdAtMs: number): void {
    this.store
      .stmt(
        `INSERT INTO messages (user_pool_id, username, kind, delivery_medium, destination, code, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(message.userPoolId, message.username, message.kind, message.deliveryMedium, message.destination, message.code, createdAtMs);
  }

  /** Oldest first; every filter optional. `username` also matches the address the message went to. */
  list(filter: { userPoolId?: string; username?: string }): SentMessage[] {
    const rows = this.store
      .stmt(
        `SELECT user_pool_id AS userPoolId, username, kind, delivery_medium AS deliveryMedium, destination, code, created_at AS createdAt
         FROM messages WHERE (@pool IS NULL OR user_pool_id = @pool) AND (@user IS NULL OR username = @user OR destination = @user) ORDER BY id`,
      )
      .all({ pool: filter.userPoolId ?? null, user: filter.username ?? null }) as (Omit<SentMessage, 'createdAt'> & { createdAt: number })[];
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
  }
}
