import type { Context } from '../../context.js';
import type { EventPosition } from '../../store/authEvents.js';
import { authEventType, checkThreatProtection } from '../../domain/authEvents.js';
import { findPool } from '../../domain/userPools.js';
import { findUser } from '../../domain/users.js';
import { UserNotFound } from '../../protocol/errors.js';
import { invalidPaginationToken } from '../../domain/pagination.js';

/** "Returns 60 events if you set MaxResults to 0, or if you don't include a MaxResults parameter." */
export const DEFAULT_AUTH_EVENTS_PAGE = 60;

/** NextToken as Cognito shows it: `<EventId>#<CreationDate as ISO 8601>` (AWS CLI example). */
const positionToken = (position: EventPosition) => `${position.eventId}#${new Date(position.createdAt).toISOString()}`;

function positionOf(token: string | undefined): EventPosition | undefined {
  if (token === undefined) return undefined;
  const at = token.lastIndexOf('#');
  const createdAt = Date.parse(token.slice(at + 1));
  if (at <= 0 || !Number.isFinite(createdAt)) throw invalidPaginationToken();
  return { eventId: token.slice(0, at), createdAt };
}

/** A user's auth events, newest first, a page at a time; needs the pool's threat protection. */
export default function adminListUserAuthEvents(
  input: { UserPoolId: string; Username: string; MaxResults?: number; NextToken?: string },
  ctx: Context,
) {
  const pool = findPool(ctx, input.UserPoolId);
  checkThreatProtection(pool);
  const user = findUser(ctx.store, pool, input.Username);
  if (!user) throw UserNotFound('User does not exist.');
  const limit = input.MaxResults || DEFAULT_AUTH_EVENTS_PAGE;
  const events = ctx.store.authEvents.listForUser(pool.id, user.username, positionOf(input.NextToken), limit + 1);
  const page = events.slice(0, limit);
  const last = page[page.length - 1];
  return {
    AuthEvents: page.map(authEventType),
    ...(events.length > limit ? { NextToken: positionToken(last) } : {}),
  };
}
