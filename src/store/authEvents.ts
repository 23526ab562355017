import type { Statements } from './db.js';

export type AuthEventType = 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';
export type AuthEventResponse = 'Pass' | 'Fail' | 'InProgress';

export interface ChallengeResponse {
  ChallengeName: 'Password' | 'Mfa';
  ChallengeResponse: 'Success' | 'Failure';
}

export interface EventFeedback {
  FeedbackValue: 'Valid' | 'Invalid';
  Provider: string;
  FeedbackDate: number;
}

/** One authentication event of a user, as threat protection logs it. */
export interface AuthEvent {
  eventId: string;
  userPoolId: string;
  username: string;
  eventType: AuthEventType;
  eventResponse: AuthEventResponse;
  challengeResponses: ChallengeResponse[];
  context: { IpAddress?: string; DeviceName?: string; Timezone?: string; City?: string; Country?: string };
  feedback: EventFeedback | null;
  feedbackToken: string;
  createdAt: number;
}

interface AuthEventRow {
  event_id: string;
  user_pool_id: string;
  username: string;
  event_type: AuthEventType;
  event_response: AuthEventResponse;
  challenge_responses: string;
  context: string;
  feedback: string | null;
  feedback_token: string;
  created_at: number;
}

const COLUMNS = 'event_id, user_pool_id, username, event_type, event_response, challenge_responses, context, feedback, feedback_token, created_at';

const fromRow = (row: AuthEventRow): AuthEvent => ({
  eventId: row.event_id,
  userPoolId: row.user_pool_id,
  username: row.username,
  eventType: row.event_type,
  eventResponse: row.event_response,
  challengeResponses: JSON.parse(row.challenge_responses),
  context: JSON.parse(row.context),
  feedback: row.feedback === null ? null : JSON.parse(row.feedback),
  feedbackToken: row.feedback_token,
  createdAt: row.created_at,
});

/** A position in a user's event list: creation time, then event id (newest first). */
export interface EventPosition {
  createdAt: number;
  eventId: string;
}

export class AuthEvents {
  constructor(private readonly store: Statements) {}

  /** Writes the whole event (insert, or replace an event being completed). */
  save(event: AuthEvent): void {
    this.store
      .stmt(`INSERT OR REPLACE INTO auth_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        event.eventId,
        event.userPoolId,
        event.username,
        event.eventType,
        event.eventResponse,
        JSON.stringify(event.challengeResponses),
        JSON.stringify(event.context),
        event.feedback === null ? null : JSON.stringify(event.feedback),
        event.feedbackToken,
        event.createdAt,
      );
  }

  get(eventId: string): AuthEvent | undefined {
    const row = this.store.stmt(`SELECT ${COLUMNS} FROM auth_events WHERE event_id = ?`).get(eventId) as AuthEventRow | undefined;
    return row && fromRow(row);
  }

  /** A user's events, newest first, strictly after `after` in that order. */
  listForUser(userPoolId: string, username: string, after: EventPosition | undefined, limit: number): AuthEvent[] {
    const rows = after
      ? this.store
          .stmt(
            `SELECT ${COLUMNS} FROM auth_events WHERE user_pool_id = ? AND username = ? AND (created_at < ? OR (created_at = ? AND event_id < ?))
             ORDER BY created_at DESC, event_id DESC LIMIT ?`,
          )
          .all(userPoolId, username, after.createdAt, after.createdAt, after.eventId, limit)
      : this.store
          .stmt(`SELECT ${COLUMNS} FROM auth_events WHERE user_pool_id = ? AND username = ? ORDER BY created_at DESC, event_id DESC LIMIT ?`)
          .all(userPoolId, username, limit);
    return (rows as AuthEventRow[]).map(fromRow);
  }
}
