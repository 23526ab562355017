import type { Statements } from './db.js';

/** A message the pool "sent": the developer reads the code here instead of in a mailbox. */
export interface SentMessage {
  userPoolId: string;
  username: string;
  kind: string;
  deliveryMedium: 'EMAIL' | 'SMS';
  destination: string;
  code: string;
  /** An email's subject. */
  subject?: string;
  /** The text as delivered, code filled in; null when a custom sender trigger delivered it. */
  message: string | null;
  createdAt: string;
}

export class Outbox {
  constructor(private readonly store: Statements) {}

  add(message: Omit<SentMessage, 'createdAt' | 'message'> & { message?: string | null }, createdAtMs: number): void {
    this.store
      .stmt(
        `INSERT INTO messages (user_pool_id, username, kind, delivery_medium, destination, code, subject, message, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.userPoolId,
        message.username,
        message.kind,
        message.deliveryMedium,
        message.destination,
        message.code,
        message.subject ?? null,
        message.message ?? null,
        createdAtMs,
      );
  }

  /** Oldest first; every filter optional. `username` also matches the address the message went to. */
  list(filter: { userPoolId?: string; username?: string }): SentMessage[] {
    const rows = this.store
      .stmt(
        `SELECT user_pool_id AS userPoolId, username, kind, delivery_medium AS deliveryMedium, destination, code, subject, message, created_at AS createdAt
         FROM messages WHERE (@pool IS NULL OR user_pool_id = @pool) AND (@user IS NULL OR username = @user OR destination = @user) ORDER BY id`,
      )
      .all({ pool: filter.userPoolId ?? null, user: filter.username ?? null }) as (Omit<SentMessage, 'createdAt' | 'subject'> & { subject: string | null; createdAt: number })[];
    return rows.map(({ subject, ...row }) => ({ ...row, ...(subject !== null ? { subject } : {}), createdAt: new Date(row.createdAt).toISOString() }));
  }
}
