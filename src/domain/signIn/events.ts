/**
 * The sign-in's auth event (threat protection's history, domain/authEvents.ts), kept up by the sign-in
 * machine at its turning points: a proven or refused password, a challenge handed out, a challenge
 * answered, the tokens. Its EventId is the event_id of the tokens the sign-in ends with.
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import type { ChallengeResponse } from '../../store/authEvents.js';
import { recordAuthEvent, type EventOrigin } from '../authEvents.js';
import type { SignIn } from './types.js';

/** The event of a sign-in in progress, kept in its state (and so in its Session). */
export interface SignInEvent {
  id?: string;
  challenges: ChallengeResponse[];
  origin: EventOrigin;
}

/** Challenges whose answer is a second factor: their outcome shows as ChallengeName "Mfa". */
const MFA_CHALLENGES = new Set(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);

/** A wrong password: a failed SignIn event of its own. */
export function passwordRefused(ctx: Context, pool: UserPool, user: User, origin: EventOrigin): void {
  recordAuthEvent(ctx, pool, user, { type: 'SignIn', response: 'Fail', challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }], origin });
}

/** A proven password starts the sign-in's event (recorded once it is challenged or ends). */
export const passwordProven = (origin: EventOrigin = {}): SignInEvent => ({
  challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
  origin,
});

function record(signIn: SignIn, response: 'Pass' | 'Fail' | 'InProgress'): string | undefined {
  const event = signIn.state.authEvent as SignInEvent | undefined;
  if (!event) return undefined;
  event.id = recordAuthEvent(signIn.ctx, signIn.pool, signIn.user, { type: 'SignIn', response, challenges: event.challenges, origin: event.origin, eventId: event.id });
  return event.id;
}

/** A challenge handed out (session.ts, before its Session is stored): the event is InProgress. */
export const signInChallenged = (signIn: SignIn) => void record(signIn, 'InProgress');

/**
 * An answer to a challenge (undefined: a later step failed): a second factor's outcome is noted; a
 * failure that spends the Session fails the event.
 */
export function challengeAnswered(signIn: SignIn, challengeName: string | undefined, outcome: 'Success' | 'Failure', sessionKept = false): void {
  const event = signIn.state.authEvent as SignInEvent | undefined;
  if (!event) return;
  if (challengeName !== undefined && MFA_CHALLENGES.has(challengeName)) {
    event.challenges = [...event.challenges.filter((c) => c.ChallengeName !== 'Mfa'), { ChallengeName: 'Mfa', ChallengeResponse: outcome }];
  }
  if (outcome === 'Failure' && event.id !== undefined) record(signIn, sessionKept ? 'InProgress' : 'Fail');
}

/** The tokens: the event passes. Returns its id (undefined when the pool logs no events). */
export const signInSucceeded = (signIn: SignIn) => record(signIn, 'Pass');
