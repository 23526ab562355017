import type { Context } from '../../context.js';
import { giveEventFeedback } from '../../domain/authEvents.js';

/**
 * The user's verdict on an event, proven by the event's FeedbackToken (which Cognito puts in the links
 * of its notification emails; kognito shows it at GET /_kognito/auth-events).
 */
export default function updateAuthEventFeedback(
  input: { UserPoolId: string; Username: string; EventId: string; FeedbackToken: string; FeedbackValue: 'Valid' | 'Invalid' },
  ctx: Context,
) {
  giveEventFeedback(ctx, input, 'User');
  return {};
}
