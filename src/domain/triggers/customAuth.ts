/**
 * The custom authentication challenge triggers of the CUSTOM_AUTH flow: DefineAuthChallenge decides
 * what comes next from the challenges so far (`session`), CreateAuthChallenge makes a custom
 * challenge, VerifyAuthChallengeResponse judges the answer. The flow itself is signIn/customAuth.ts.
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { userNotFoundMember } from './authentication.js';
import {
  eventUserAttributes,
  optionalBoolean,
  optionalString,
  optionalStringMap,
  runTrigger,
  triggerEvent,
  withClientMetadata,
  type Caller,
} from './trigger.js';

/** One challenge of the sign-in so far, as `request.session` lists them (oldest first). */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  /** Only CUSTOM_CHALLENGE entries have it (CUSTOM_CHALLENGE_RESULT_HAS_METADATA). */
  challengeMetadata?: string | null;
}

/**
 * UNSURE: CUSTOM_CHALLENGE entries of `session` always carry challengeMetadata (null when
 * CreateAuthChallenge set none), as a real event shows; SRP_A and PASSWORD_VERIFIER entries have none,
 * as the developer guide's examples show them.
 */
export const CUSTOM_CHALLENGE_RESULT_HAS_METADATA = true;

/**
 * The `response` each trigger is sent with. DefineAuthChallenge's is a real event's; UNSURE:
 * CreateAuthChallenge's (nulls, by analogy) and VerifyAuthChallengeResponse's (false, as a logged
 * event shows it, whether before or after the function is not said).
 */
export const DEFINE_RESPONSE = { challengeName: null, issueTokens: null, failAuthentication: null };
export const CREATE_RESPONSE = { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null };
export const VERIFY_RESPONSE = { answerCorrect: false };

/** Who is signing in, as the three triggers see it. */
export interface CustomAuthSubject {
  pool: UserPool;
  /** The user, or (client hiding user existence) a stand-in with the name given and no attributes. */
  user: User;
  userNotFound: boolean;
  preventsExistenceErrors: boolean;
  caller: Caller;
  /** RespondToAuthChallenge's ClientMetadata (InitiateAuth's never reaches these triggers). */
  clientMetadata?: Record<string, string>;
}

const commonRequest = (subject: CustomAuthSubject) => ({
  userAttributes: subject.userNotFound ? {} : eventUserAttributes(subject.pool, subject.user),
});
const tail = (subject: CustomAuthSubject) => ({
  ...withClientMetadata(subject.clientMetadata),
  ...userNotFoundMember(subject.preventsExistenceErrors, subject.userNotFound),
});

export interface ChallengeDecision {
  challengeName?: string;
  issueTokens: boolean;
  failAuthentication: boolean;
}

export function defineAuthChallenge(ctx: Context, subject: CustomAuthSubject, session: ChallengeResult[]): Promise<ChallengeDecision> {
  const event = triggerEvent(
    subject.pool,
    'DefineAuthChallenge_Authentication',
    subject.user.username,
    subject.caller,
    { ...commonRequest(subject), session, ...tail(subject) },
    { ...DEFINE_RESPONSE },
  );
  return runTrigger(ctx, subject.pool, 'DefineAuthChallenge', event, (response) => ({
    challengeName: optionalString(response.challengeName),
    issueTokens: optionalBoolean(response.issueTokens) ?? false,
    failAuthentication: optionalBoolean(response.failAuthentication) ?? false,
  }));
}

export interface CreatedChallenge {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  challengeMetadata: string | null;
}

export function createAuthChallenge(ctx: Context, subject: CustomAuthSubject, challengeName: string, session: ChallengeResult[]): Promise<CreatedChallenge> {
  const event = triggerEvent(
    subject.pool,
    'CreateAuthChallenge_Authentication',
    subject.user.username,
    subject.caller,
    { ...commonRequest(subject), challengeName, session, ...tail(subject) },
    { ...CREATE_RESPONSE },
  );
  return runTrigger(ctx, subject.pool, 'CreateAuthChallenge', event, (response) => ({
    publicChallengeParameters: optionalStringMap(response.publicChallengeParameters) ?? {},
    privateChallengeParameters: optionalStringMap(response.privateChallengeParameters) ?? {},
    challengeMetadata: optionalString(response.challengeMetadata) ?? null,
  }));
}

export function verifyAuthChallengeResponse(
  ctx: Context,
  subject: CustomAuthSubject,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
): Promise<boolean> {
  const event = triggerEvent(
    subject.pool,
    'VerifyAuthChallengeResponse_Authentication',
    subject.user.username,
    subject.caller,
    { ...commonRequest(subject), privateChallengeParameters, challengeAnswer, ...tail(subject) },
    { ...VERIFY_RESPONSE },
  );
  return runTrigger(ctx, subject.pool, 'VerifyAuthChallengeResponse', event, (response) => optionalBoolean(response.answerCorrect) ?? false);
}
