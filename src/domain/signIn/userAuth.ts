/**
 * USER_AUTH, choice-based sign-in (InitiateAuth / AdminInitiateAuth): the user gives their name, then
 * signs in with one of the first factors the pool allows and they can use (domain/authFactors.ts):
 *
 *   PREFERRED_CHALLENGE=PASSWORD, with PASSWORD   -> as USER_PASSWORD_AUTH
 *   PREFERRED_CHALLENGE=PASSWORD_SRP, with SRP_A  -> as USER_SRP_AUTH (PASSWORD_VERIFIER)
 *   PREFERRED_CHALLENGE=EMAIL_OTP or SMS_OTP      -> a code is sent: the EMAIL_OTP / SMS_OTP challenge
 *   PREFERRED_CHALLENGE=WEB_AUTHN                 -> the WEB_AUTHN challenge, answered with a passkey (webAuthn.ts)
 *   none, or one the user cannot use              -> SELECT_CHALLENGE with AvailableChallenges, whose
 *       ANSWER picks one (PASSWORD or SRP_A in the same answer for the password factors)
 *
 * ALLOW_USER_AUTH alone lets the client use the password and SRP ("without other ExplicitAuthFlows
 * permitting them", API reference). A code answers for the password and for MFA; a password goes on to
 * NEW_PASSWORD_REQUIRED, MFA and the device challenges as in the other flows.
 */
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import { checkAuthSecretHash, preventsUserExistenceErrors } from '../appClients.js';
import { checkFlowAllowed } from '../clientAuthFlows.js';
import { allowedFirstFactors, availableChallenges, challengesOf, poolOtpFactors } from '../authFactors.js';
import { isValidSrpA } from '../srp.js';
import { findUser } from '../users.js';
import type { EventOrigin } from '../authEvents.js';
import { afterPreAuthentication, challenge, checkAccountUsable, INCORRECT_CREDENTIALS, missingParameter, refuseResetRequired } from './session.js';
import { passwordSignIn, provePassword } from './initiate.js';
import { INVALID_SRP_A, passwordVerifierChallenge, simulatedChallenge, srpSignIn } from './srp.js';
import { oneTimePasswordChallenge, simulatedOneTimePasswordChallenge } from './mfa.js';
import { unknownUser } from './customAuth.js';
import { webAuthnChallenge } from './webAuthn.js';
import type { AuthResponse, ChallengeResponder, InitiateRequest, SignIn } from './types.js';

/**
 * UNSURE: a PREFERRED_CHALLENGE the user cannot use (not allowed by the pool, no verified address,
 * WEB_AUTHN without passkeys, or no factor name at all) is no error: the user is offered what they can
 * use (SELECT_CHALLENGE), as the API reference has it when no preference is given. No real answer seen.
 */
export const UNAVAILABLE_PREFERENCE_OFFERS_CHOICE = true;
/**
 * UNSURE: a user with no first factor they can use (say the pool allows only WEB_AUTHN, or only codes
 * and their address is unverified) is refused as a wrong password is; no real answer seen.
 */
export const NO_AVAILABLE_CHALLENGE = () => NotAuthorized(INCORRECT_CREDENTIALS);
/** UNSURE: SELECT_CHALLENGE answered with a factor not in AvailableChallenges (emulator text). */
export const challengeNotOffered = (answer: string) => `${answer} is not one of the available challenges.`;
/**
 * UNSURE: before a code is sent or the choice offered, a disabled user is refused ("User is disabled.")
 * and an unconfirmed one gets UserNotConfirmedException, as the password flows do once the password is
 * proven; a user whose password was reset may still sign in with a code (only the password is refused).
 */
export const ACCOUNT_CHECKED_BEFORE_CHOICE = true;
/**
 * UNSURE: a client hiding user existence answers a name no user has as it would a user with every
 * first factor the pool offers (the developer guide: Cognito answers "with a random selection" of the
 * challenge types the pool allows): SELECT_CHALLENGE with them all, or the preferred one; a code
 * challenge then sends nothing and no code passes it, a password is "Incorrect username or password.".
 */
export const UNKNOWN_USER_OFFERED_EVERY_POOL_FACTOR = true;

/**
 * UNSURE: PREFERRED_CHALLENGE=PASSWORD without PASSWORD (PASSWORD_SRP without SRP_A) is refused with
 * "Missing required parameter PASSWORD" ("... SRP_A") as in the password flows; the API reference's
 * PASSWORD / PASSWORD_SRP challenge names suggest Cognito might ask for it instead. When false, such a
 * request gets the choice (SELECT_CHALLENGE).
 */
export const PREFERRED_PASSWORD_NEEDS_IT = true;

/**
 * UNSURE: SELECT_CHALLENGE comes with empty ChallengeParameters, as other challenges without
 * parameters do (the real answers quoted show only ChallengeName, AvailableChallenges and Session).
 */
export const SELECT_CHALLENGE_PARAMETERS: Readonly<Record<string, string>> = {};

/** InitiateAuth / AdminInitiateAuth USER_AUTH {USERNAME, [PREFERRED_CHALLENGE, PASSWORD | SRP_A], [SECRET_HASH, DEVICE_KEY]}. */
export async function userAuth(request: InitiateRequest): Promise<AuthResponse> {
  const { ctx, pool, client, parameters } = request;
  checkFlowAllowed(client, 'USER_AUTH');
  const username = parameters.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  checkAuthSecretHash(client, username, parameters.SECRET_HASH);
  const preferred = parameters.PREFERRED_CHALLENGE;
  // The password factors are the password flows themselves (migration, PreAuthentication, lockout...).
  if (allowedFirstFactors(pool).includes('PASSWORD')) {
    if (preferred === 'PASSWORD' && (parameters.PASSWORD !== undefined || PREFERRED_PASSWORD_NEEDS_IT)) {
      if (parameters.PASSWORD === undefined) throw missingParameter('PASSWORD');
      return passwordSignIn(request, username, parameters.PASSWORD, { deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin });
    }
    if (preferred === 'PASSWORD_SRP' && (parameters.SRP_A !== undefined || PREFERRED_PASSWORD_NEEDS_IT)) return srpSignIn(request);
  }

  const found = findUser(ctx.store, pool, username);
  if (!found && !preventsUserExistenceErrors(client)) throw UserNotFound('User does not exist.');
  const user = await afterPreAuthentication(request, found, username);
  const state = { passed: [], deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin, origin: request.origin };
  if (!user) {
    const nobody: SignIn = { ctx, pool, client, user: unknownUser(pool, username), state: { ...state, userNotFound: true }, call: request.call };
    return offer(nobody, challengesOf(pool, ['PASSWORD', ...poolOtpFactors(pool)]), preferred);
  }
  if (ACCOUNT_CHECKED_BEFORE_CHOICE) checkAccountUsable(user);
  const available = availableChallenges(ctx.store, pool, user);
  if (!available.length) throw NO_AVAILABLE_CHALLENGE();
  return offer({ ctx, pool, client, user, state, call: request.call }, available, preferred);
}

/** The preferred code or passkey challenge when the user can use it, else the choice of what they can use. */
function offer(signIn: SignIn, available: string[], preferred: string | undefined): AuthResponse | Promise<AuthResponse> {
  if ((preferred === 'EMAIL_OTP' || preferred === 'SMS_OTP') && available.includes(preferred)) return codeChallenge(signIn, preferred);
  if (preferred === 'WEB_AUTHN' && available.includes(preferred)) return webAuthnChallenge(signIn);
  signIn.state.availableChallenges = available;
  return { ...challenge(signIn, 'SELECT_CHALLENGE', { ...SELECT_CHALLENGE_PARAMETERS }), AvailableChallenges: available };
}

const codeChallenge = (signIn: SignIn, factor: 'EMAIL_OTP' | 'SMS_OTP') =>
  signIn.state.userNotFound ? simulatedOneTimePasswordChallenge(signIn, factor) : oneTimePasswordChallenge(signIn, factor);

/**
 * SELECT_CHALLENGE: {USERNAME, ANSWER} and, for ANSWER=PASSWORD, PASSWORD (the password is proven here
 * and the sign-in goes on), for ANSWER=PASSWORD_SRP, SRP_A (answered with PASSWORD_VERIFIER); for
 * EMAIL_OTP or SMS_OTP the code is sent and its challenge follows, for WEB_AUTHN its challenge.
 */
export const selectChallengeResponder: ChallengeResponder = (signIn, responses) => {
  const { state } = signIn;
  const answer = responses.ANSWER;
  if (answer === undefined) throw missingParameter('ANSWER');
  const offered = (state.availableChallenges as string[] | undefined) ?? [];
  if (!offered.includes(answer)) throw InvalidParameter(challengeNotOffered(answer));
  delete state.availableChallenges;
  if (answer === 'PASSWORD') {
    if (responses.PASSWORD === undefined) throw missingParameter('PASSWORD');
    if (state.userNotFound) throw NotAuthorized(INCORRECT_CREDENTIALS);
    provePassword(signIn, responses.PASSWORD, (state.origin as EventOrigin | undefined) ?? {});
    return undefined;
  }
  if (answer === 'PASSWORD_SRP') {
    const srpA = responses.SRP_A;
    if (srpA === undefined) throw missingParameter('SRP_A');
    if (!isValidSrpA(srpA)) throw InvalidParameter(INVALID_SRP_A);
    if (state.userNotFound) return simulatedChallenge(signIn.pool.id, srpA, signIn.user.username);
    refuseResetRequired(signIn.client, signIn.user);
    return passwordVerifierChallenge(signIn, srpA);
  }
  // The passkey's options come with its challenge (Amplify answers WEB_AUTHN so, without a CREDENTIAL).
  if (answer === 'WEB_AUTHN') return webAuthnChallenge(signIn);
  return codeChallenge(signIn, answer as 'EMAIL_OTP' | 'SMS_OTP');
};
