/**
 * CUSTOM_AUTH: the pool's DefineAuthChallenge trigger leads the sign-in. InitiateAuth starts it with
 * USERNAME (and, to begin with the password, SRP_A and CHALLENGE_NAME=SRP_A); after each answer
 * DefineAuthChallenge sees the challenges so far and says what comes next:
 *
 *   PASSWORD_VERIFIER -> SRP as in USER_SRP_AUTH;  CUSTOM_CHALLENGE -> CreateAuthChallenge, whose
 *   answer VerifyAuthChallengeResponse judges;  issueTokens -> the remaining AFTER_PASSWORD steps
 *   (MFA, devices) and the tokens;  failAuthentication -> refused.
 */
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { checkAuthSecretHash, preventsUserExistenceErrors } from '../appClients.js';
import { checkFlowAllowed } from '../clientAuthFlows.js';
import { isValidSrpA } from '../srp.js';
import { findUser, newUser } from '../users.js';
import {
  CUSTOM_CHALLENGE_RESULT_HAS_METADATA,
  createAuthChallenge,
  defineAuthChallenge,
  verifyAuthChallengeResponse,
  type ChallengeResult,
  type CustomAuthSubject,
} from '../triggers/customAuth.js';
import { functionFor, invalidLambdaResponse } from '../triggers/trigger.js';
import { afterPreAuthentication, challenge, checkAccountUsable, INCORRECT_CREDENTIALS, missingParameter } from './session.js';
import { INVALID_SRP_A, passwordVerifierChallenge } from './srp.js';
import type { ChallengeResponder, InitiateRequest, SignIn, SignInStep } from './types.js';

/** UNSURE: the answer to CUSTOM_AUTH in a pool without a DefineAuthChallenge trigger. */
export const NO_CUSTOM_AUTH_TRIGGER = () => InvalidParameter('Custom auth lambda trigger is not configured for the user pool.');
/** UNSURE: failAuthentication (or tokens for a user who does not exist) is refused as a wrong password is. */
export const FAILED_CUSTOM_AUTH = INCORRECT_CREDENTIALS;
/** UNSURE: DefineAuthChallenge deciding nothing, or a challenge this flow cannot issue, is an answer Cognito cannot use. */
export const UNDECIDED_CHALLENGE = () => invalidLambdaResponse();
/**
 * UNSURE: after DefineAuthChallenge says issueTokens, the sign-in goes on to MFA and the device
 * challenges, as after a password (a 2018 report shows SMS_MFA after a custom challenge).
 */
export const CUSTOM_AUTH_GOES_ON_TO_MFA = true;
/**
 * UNSURE: a CUSTOM_CHALLENGE's ChallengeParameters are CreateAuthChallenge's publicChallengeParameters
 * plus USERNAME (Amplify takes the name it goes on with from there).
 */
export const CUSTOM_CHALLENGE_NAMES_USER = true;

/** The custom sign-in in progress (kept in SignInState.custom across round trips). */
interface CustomAuthState {
  session: ChallengeResult[];
  /** The challenge issued last and not yet reported to DefineAuthChallenge. */
  issued?: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE';
  privateChallengeParameters?: Record<string, string>;
  challengeMetadata?: string | null;
  /** A client hiding user existence, and a name no user has: the triggers still run. */
  userNotFound?: boolean;
  /** DefineAuthChallenge said issueTokens: the remaining steps run. */
  decided?: boolean;
}

/** Stand-in for a user who does not exist, so the challenge triggers can run without revealing it. */
export function unknownUser(pool: UserPool, username: string): User {
  return { ...newUser(pool, { username, sub: '', status: 'UNKNOWN', attributes: {} }, 0), usernameKey: username };
}

/**
 * The sign-in InitiateAuth CUSTOM_AUTH starts (initiate.ts runs it on): the user, PreAuthentication,
 * and the first entry of the challenge session when the client begins with SRP_A.
 */
export async function startCustomAuth(request: InitiateRequest): Promise<SignIn> {
  const { ctx, pool, client, parameters } = request;
  checkFlowAllowed(client, 'CUSTOM_AUTH');
  const username = parameters.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  checkAuthSecretHash(client, username, parameters.SECRET_HASH);
  if (!functionFor(pool, 'DefineAuthChallenge')) throw NO_CUSTOM_AUTH_TRIGGER();
  const withSrp = parameters.CHALLENGE_NAME === 'SRP_A';
  if (withSrp) {
    if (parameters.SRP_A === undefined) throw missingParameter('SRP_A');
    if (!isValidSrpA(parameters.SRP_A)) throw InvalidParameter(INVALID_SRP_A);
  }
  const found = findUser(ctx.store, pool, username);
  if (!found && !preventsUserExistenceErrors(client)) throw UserNotFound('User does not exist.');
  const user = await afterPreAuthentication(request, found, username);
  if (user) checkAccountUsable(user);

  const custom: CustomAuthState = { session: withSrp ? [{ challengeName: 'SRP_A', challengeResult: true }] : [], ...(user ? {} : { userNotFound: true }) };
  return {
    ctx,
    pool,
    client,
    user: user ?? unknownUser(pool, username),
    state: { passed: [], deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin, custom, ...(withSrp ? { srpA: parameters.SRP_A } : {}) },
    call: request.call,
  };
}

const subjectOf = (signIn: SignIn, custom: CustomAuthState): CustomAuthSubject => ({
  pool: signIn.pool,
  user: signIn.user,
  userNotFound: custom.userNotFound ?? false,
  preventsExistenceErrors: preventsUserExistenceErrors(signIn.client),
  caller: { clientId: signIn.client.ClientId, call: signIn.call },
  clientMetadata: signIn.clientMetadata,
});

/**
 * First of the AFTER_PASSWORD steps, for custom sign-ins until DefineAuthChallenge says issueTokens:
 * report the challenge just passed, ask what comes next, and issue it.
 */
export const customAuthStep: SignInStep = async (signIn) => {
  const custom = signIn.state.custom as CustomAuthState | undefined;
  if (!custom || custom.decided) return undefined;
  // PASSWORD_VERIFIER's responder throws for a wrong password: here it was right.
  if (custom.issued === 'PASSWORD_VERIFIER') custom.session.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: true });
  custom.issued = undefined;

  const subject = subjectOf(signIn, custom);
  const decision = await defineAuthChallenge(signIn.ctx, subject, custom.session);
  if (decision.failAuthentication) throw NotAuthorized(FAILED_CUSTOM_AUTH);
  if (decision.issueTokens) {
    if (custom.userNotFound) throw NotAuthorized(FAILED_CUSTOM_AUTH);
    custom.decided = true;
    if (!CUSTOM_AUTH_GOES_ON_TO_MFA) signIn.state.mfaSpared = true;
    return undefined;
  }
  if (decision.challengeName === 'PASSWORD_VERIFIER' && typeof signIn.state.srpA === 'string' && !signIn.state.passed.includes('PASSWORD')) {
    custom.issued = 'PASSWORD_VERIFIER';
    return passwordVerifierChallenge(signIn, signIn.state.srpA);
  }
  if (decision.challengeName === 'CUSTOM_CHALLENGE') {
    const created = await createAuthChallenge(signIn.ctx, subject, 'CUSTOM_CHALLENGE', custom.session);
    custom.issued = 'CUSTOM_CHALLENGE';
    custom.privateChallengeParameters = created.privateChallengeParameters;
    custom.challengeMetadata = created.challengeMetadata;
    return challenge(signIn, 'CUSTOM_CHALLENGE', {
      ...created.publicChallengeParameters,
      ...(CUSTOM_CHALLENGE_NAMES_USER ? { USERNAME: signIn.user.username } : {}),
    });
  }
  throw UNDECIDED_CHALLENGE();
};

/** CUSTOM_CHALLENGE: {USERNAME, ANSWER}; VerifyAuthChallengeResponse judges, DefineAuthChallenge decides. */
export const customChallengeResponder: ChallengeResponder = async (signIn, responses) => {
  const custom = signIn.state.custom as CustomAuthState;
  const answer = responses.ANSWER;
  if (answer === undefined) throw missingParameter('ANSWER');
  const correct = await verifyAuthChallengeResponse(signIn.ctx, subjectOf(signIn, custom), custom.privateChallengeParameters ?? {}, answer);
  custom.session.push({
    challengeName: 'CUSTOM_CHALLENGE',
    challengeResult: correct,
    ...(CUSTOM_CHALLENGE_RESULT_HAS_METADATA || custom.challengeMetadata ? { challengeMetadata: custom.challengeMetadata ?? null } : {}),
  });
  custom.issued = undefined;
  custom.privateChallengeParameters = undefined;
  custom.challengeMetadata = undefined;
};

/** Whether a stored sign-in is a custom or choice-based one for a user who does not exist (RespondToAuthChallenge finds no user). */
export const isUnknownUserSignIn = (state: SignIn['state']) =>
  state.userNotFound === true || (state.custom as CustomAuthState | undefined)?.userNotFound === true;
