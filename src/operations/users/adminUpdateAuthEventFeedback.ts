import type { Context } from '../../context.js';
import { giveEventFeedback } from '../../domain/authEvents.js';

/** An administrator's verdict on an event: EventFeedback with Provider "Admin". */
export default function adminUpdateAuthEventFeedback(
  input: { UserPoolId: string; Username: string; EventId: string; FeedbackValue: 'Valid' | 'Invalid' },
  ctx: Context,
) {
  giveEventFeedback(ctx, input, 'Admin');
  return {};
}
