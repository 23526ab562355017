/**
 * The auth-event history of threat protection (AdminListUserAuthEvents): what kognito records for the
 * sign-ins, sign-ups, password changes and resets it serves, in pools whose threat protection
 * (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED) is on. kognito assesses no risk: every
 * event is NoRisk.
 */
import type { Call, Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import type { AuthEvent, AuthEventResponse, AuthEventType, ChallengeResponse } from '../store/authEvents.js';
import { CognitoError, NotAuthorized, ResourceNotFound, UserNotFound } from '../protocol/errors.js';
import { sameSecret } from './secrets.js';
import { findPool } from './userPools.js';
import { findUser } from './users.js';
import { randomToken, uuid } from './ids.js';

/** Threat protection logs events only in these modes (AUDIT: log, ENFORCED: log and act). */
export const threatProtectionOn = (pool: UserPool) =>
  ['AUDIT', 'ENFORCED'].includes(String((pool.description.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode));

/** UNSURE: the text of UserPoolAddOnNotEnabledException (the type is observed; no message was found). */
export const ADD_ON_NOT_ENABLED = 'Advanced security features are not enabled for this user pool.';

/** AdminListUserAuthEvents and the feedback operations need threat protection. */
export function checkThreatProtection(pool: UserPool): void {
  if (!threatProtectionOn(pool)) throw new CognitoError('UserPoolAddOnNotEnabledException', ADD_ON_NOT_ENABLED);
}

/** Where a request came from: the end user's address a server passes in UserContextData, else the caller's. */
export interface EventOrigin {
  sourceIp?: string;
}

export function eventOrigin(call: Call | undefined, userContextData?: { IpAddress?: string }): EventOrigin {
  const sourceIp = userContextData?.IpAddress ?? call?.sourceIp;
  return sourceIp ? { sourceIp } : {};
}

/**
 * UNSURE: which event each operation logs. SignUp -> SignUp, ResendConfirmationCode -> ResendCode,
 * ForgotPassword (a code sent) -> ForgotPassword, ChangePassword and ConfirmForgotPassword ->
 * PasswordChange; admin operations log nothing. Events other than SignIn carry no ChallengeResponses.
 */
export const EVENT_OF_OPERATION = {
  SignUp: 'SignUp',
  ResendConfirmationCode: 'ResendCode',
  ForgotPassword: 'ForgotPassword',
  ConfirmForgotPassword: 'PasswordChange',
  ChangePassword: 'PasswordChange',
} as const satisfies Record<string, AuthEventType>;

/**
 * Records (or, given the id of an earlier one, completes) an event of the user, when the pool's
 * threat protection is on; returns its EventId. A SignIn event's id is the event_id its tokens carry.
 */
export function recordAuthEvent(
  ctx: Context,
  pool: UserPool,
  user: User,
  event: { type: AuthEventType; response: AuthEventResponse; challenges?: ChallengeResponse[]; origin?: EventOrigin; eventId?: string },
): string | undefined {
  if (!threatProtectionOn(pool)) return undefined;
  const earlier = event.eventId === undefined ? undefined : ctx.store.authEvents.get(event.eventId);
  const saved: AuthEvent = {
    eventId: event.eventId ?? uuid(),
    userPoolId: pool.id,
    username: user.username,
    eventType: event.type,
    eventResponse: event.response,
    challengeResponses: event.challenges ?? [],
    context: earlier?.context ?? (event.origin?.sourceIp ? { IpAddress: event.origin.sourceIp } : {}),
    feedback: earlier?.feedback ?? null,
    feedbackToken: earlier?.feedbackToken ?? randomToken(32),
    createdAt: earlier?.createdAt ?? ctx.clock.now(),
  };
  ctx.store.authEvents.save(saved);
  return saved.eventId;
}

/**
 * kognito assesses no risk. UNSURE: a no-risk event shows RiskDecision NoRisk and no RiskLevel (the only
 * real sample, the AWS CLI example, is a risky event with RiskLevel Medium).
 */
export const NO_RISK = { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false } as const;

/** AuthEventType as AdminListUserAuthEvents shows it; CreationDate in epoch seconds. */
export function authEventType(event: AuthEvent) {
  return {
    EventId: event.eventId,
    EventType: event.eventType,
    CreationDate: event.createdAt / 1000,
    EventResponse: event.eventResponse,
    EventRisk: NO_RISK,
    ChallengeResponses: event.challengeResponses,
    EventContextData: event.context,
    ...(event.feedback ? { EventFeedback: { ...event.feedback, FeedbackDate: event.feedback.FeedbackDate / 1000 } } : {}),
  };
}

/** UNSURE: texts for an EventId that is not one of the user's events, and for a wrong FeedbackToken. */
export const AUTH_EVENT_NOT_FOUND = 'Auth event not found.';
export const INVALID_FEEDBACK_TOKEN = 'Invalid feedback token.';
/**
 * UNSURE: EventFeedback.Provider. "Admin" for AdminUpdateAuthEventFeedback follows the API reference
 * (feedback given in the console shows "Admin"); "User" for UpdateAuthEventFeedback is a guess.
 */
export const FEEDBACK_PROVIDERS = { Admin: 'Admin', User: 'User' } as const;

/** AdminUpdateAuthEventFeedback / UpdateAuthEventFeedback: the latest feedback replaces any earlier one. */
export function giveEventFeedback(
  ctx: Context,
  input: { UserPoolId: string; Username: string; EventId: string; FeedbackValue: 'Valid' | 'Invalid'; FeedbackToken?: string },
  provider: keyof typeof FEEDBACK_PROVIDERS,
): void {
  const pool = findPool(ctx, input.UserPoolId);
  checkThreatProtection(pool);
  const user = findUser(ctx.store, pool, input.Username);
  if (!user) throw UserNotFound('User does not exist.');
  const event = ctx.store.authEvents.get(input.EventId);
  if (!event || event.userPoolId !== pool.id || event.username !== user.username) throw ResourceNotFound(AUTH_EVENT_NOT_FOUND);
  if (provider === 'User' && !sameSecret(input.FeedbackToken ?? '', event.feedbackToken)) throw NotAuthorized(INVALID_FEEDBACK_TOKEN);
  event.feedback = { FeedbackValue: input.FeedbackValue, Provider: FEEDBACK_PROVIDERS[provider], FeedbackDate: ctx.clock.now() };
  ctx.store.transaction(() => ctx.store.authEvents.save(event));
}
