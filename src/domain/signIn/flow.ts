/**
 * The one sign-in state machine behind InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and
 * AdminRespondToAuthChallenge:
 *
 *   primary factor (password, SRP, refresh: initiate.ts; USER_AUTH's choice: userAuth.ts)
 *     -> the steps of AFTER_PASSWORD in order -> tokens
 *
 * A step answers with a challenge (kept in a Session) or lets the next one run; answering a challenge
 * runs its responder (RESPONDERS), then the remaining steps. New challenges plug in here, in these
 * three lists, not in the operations.
 */
import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { CognitoError, InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { issueTokens } from '../tokens.js';
import { uuid } from '../ids.js';
import { findUser, USER_DISABLED } from '../users.js';
import { checkAuthSecretHash } from '../appClients.js';
import { INVALID_SESSION, claimSession, missingParameter, putSessionBack } from './session.js';
import { challengeAnswered, signInSucceeded } from './events.js';
import { passwordVerifier } from './srp.js';
import { deviceChallenge, devicePasswordVerifier, devicePrecheck, deviceSrpAuth, newDeviceMetadata } from './device.js';
import { newPasswordResponder, newPasswordStep } from './newPassword.js';
import { emailOtpResponder, mfaSetupResponder, mfaStep, selectMfaTypeResponder, smsMfaResponder, smsOtpResponder, softwareTokenMfaResponder } from './mfa.js';
import { selectChallengeResponder } from './userAuth.js';
import { webAuthnResponder } from './webAuthn.js';
import { customAuthStep, customChallengeResponder, isUnknownUserSignIn, unknownUser } from './customAuth.js';
import { tracksDevices } from '../devices.js';
import { postAuthentication } from '../triggers/authentication.js';
import type { TokenGenerationSource } from '../triggers/tokenGeneration.js';
import type { AuthResponse, ChallengeResponder, NewDeviceMetadata, SignIn, SignInStep } from './types.js';

/**
 * The steps between a proven password (or, CUSTOM_AUTH, the first challenge) and the tokens, in the
 * order Cognito takes them.
 */
export const AFTER_PASSWORD: readonly SignInStep[] = [customAuthStep, newPasswordStep, devicePrecheck, mfaStep, deviceChallenge];

/** How each challenge's answer is checked. */
export const RESPONDERS: Readonly<Record<string, ChallengeResponder>> = {
  PASSWORD_VERIFIER: passwordVerifier,
  CUSTOM_CHALLENGE: customChallengeResponder,
  NEW_PASSWORD_REQUIRED: newPasswordResponder,
  SOFTWARE_TOKEN_MFA: softwareTokenMfaResponder,
  SMS_MFA: smsMfaResponder,
  EMAIL_OTP: emailOtpResponder,
  SMS_OTP: smsOtpResponder,
  SELECT_CHALLENGE: selectChallengeResponder,
  WEB_AUTHN: webAuthnResponder,
  SELECT_MFA_TYPE: selectMfaTypeResponder,
  MFA_SETUP: mfaSetupResponder,
  DEVICE_SRP_AUTH: deviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerifier,
};

/**
 * Hooks run when a sign-in ends with tokens; one may hand out NewDeviceMetadata (device tracking),
 * whose DeviceKey the access token then carries.
 */
export const ON_TOKENS: readonly ((signIn: SignIn) => NewDeviceMetadata | undefined | Promise<NewDeviceMetadata | undefined>)[] = [newDeviceMetadata];

/** Runs the remaining steps; the first that answers with a challenge stops the sign-in there. */
export async function continueSignIn(signIn: SignIn): Promise<AuthResponse> {
  for (const step of AFTER_PASSWORD) {
    const challenge = await step(signIn);
    if (challenge) return challenge;
  }
  return signIn.state.hosted ? finishHostedSignIn(signIn) : finishWithTokens(signIn);
}

/**
 * The end of a hosted sign-in: PostAuthentication (which may still refuse it), but no tokens yet (the
 * token endpoint mints them for the authorization code) and no device (the hosted pages do not
 * remember devices).
 */
async function finishHostedSignIn(signIn: SignIn): Promise<AuthResponse> {
  const { ctx, pool, client, user } = signIn;
  const authenticated = postAuthentication(ctx, pool, user, { clientId: client.ClientId, call: signIn.call }, false, signIn.clientMetadata);
  if (authenticated) await authenticated;
  return { ChallengeParameters: {}, SignedIn: { username: user.username, authTime: ctx.clock.nowSeconds() } };
}

/** How the sign-in ended, as PreTokenGeneration's triggerSource says it. */
const TOKEN_GENERATION_AFTER: Record<string, TokenGenerationSource> = {
  NEW_PASSWORD_REQUIRED: 'TokenGeneration_NewPasswordChallenge',
  DEVICE_PASSWORD_VERIFIER: 'TokenGeneration_AuthenticateDevice',
};

/**
 * The end of a sign-in: PostAuthentication (which may still refuse it), then
 * {"ChallengeParameters":{},"AuthenticationResult":{...}}, no Session.
 */
export async function finishWithTokens(signIn: SignIn): Promise<AuthResponse> {
  const { ctx, pool, client, user, state } = signIn;
  const caller = { clientId: client.ClientId, call: signIn.call };
  const newDeviceUsed = tracksDevices(pool) && !state.passed.includes('DEVICE');
  const authenticated = postAuthentication(ctx, pool, user, caller, newDeviceUsed, signIn.clientMetadata);
  if (authenticated) await authenticated;
  let newDevice: NewDeviceMetadata | undefined;
  for (const hook of ON_TOKENS) newDevice = (await hook(signIn)) ?? newDevice;
  const deviceKey = newDevice?.DeviceKey ?? (state.passed.includes('DEVICE') ? state.deviceKey : null);
  const event = { originJti: uuid(), authTime: ctx.clock.nowSeconds(), deviceKey, eventId: signInSucceeded(signIn) };
  const generation = {
    triggerSource: (state.challenge && TOKEN_GENERATION_AFTER[state.challenge]) || 'TokenGeneration_Authentication',
    caller,
    clientMetadata: signIn.clientMetadata,
  } as const;
  const result = await issueTokens(ctx, pool, client, user, event, { withRefreshToken: true, generation });
  return { ChallengeParameters: {}, AuthenticationResult: { ...result, ...(newDevice ? { NewDeviceMetadata: newDevice } : {}) } };
}

export interface ChallengeAnswer {
  ctx: Context;
  pool: UserPool;
  client: UserPoolClientDescription;
  challengeName: string;
  session: string | undefined;
  responses: Record<string, string>;
  admin: boolean;
  /** The challenge triggers, PostAuthentication and PreTokenGeneration get it. */
  clientMetadata?: Record<string, string>;
  call?: Call;
  /** The hosted sign-in page answering (it is Cognito itself: no SECRET_HASH). */
  hosted?: boolean;
}

/** RespondToAuthChallenge: load the Session, check it is this user's and this challenge's, run the responder. */
export async function respondToChallenge(answer: ChallengeAnswer): Promise<AuthResponse> {
  const { ctx, pool, client, challengeName, responses } = answer;
  const responder = RESPONDERS[challengeName];
  if (!responder) throw InvalidParameter(`${challengeName} challenge is not supported by kognito.`);
  const username = responses.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  if (!answer.hosted) checkAuthSecretHash(client, username, responses.SECRET_HASH);
  const session = answer.session ?? responder.sessionFrom?.(responses);
  if (session === undefined) throw missingParameter('Session');

  // An answer matching no live sign-in of this user is refused in the challenge's own words. The
  // Session is claimed here, before any await: of concurrent answers exactly one goes on.
  const refusal = responder.refusal ?? INVALID_SESSION;
  const claimed = claimSession(ctx, session, refusal, (stored) => {
    if (stored.userPoolId !== pool.id || stored.clientId !== client.ClientId) throw NotAuthorized(refusal);
    if (stored.state.challenge !== challengeName || stored.state.admin !== answer.admin) throw NotAuthorized(refusal);
    if (Boolean(stored.state.hosted) !== Boolean(answer.hosted)) throw NotAuthorized(refusal);
    // A custom sign-in of a name no user has (the client hides user existence) goes on without one.
    const user = findUser(ctx.store, pool, username) ?? (isUnknownUserSignIn(stored.state) && username === stored.username ? unknownUser(pool, username) : undefined);
    if (!user || user.username !== stored.username) throw NotAuthorized(refusal);
    return user;
  });

  const signIn: SignIn = { ctx, pool, client, user: claimed.accepted, state: claimed.stored.state, call: answer.call, clientMetadata: answer.clientMetadata };
  // A DEVICE_KEY may come with any answer (spec B.5.1); the latest one counts.
  if (responses.DEVICE_KEY !== undefined && challengeName !== 'DEVICE_SRP_AUTH') signIn.state.deviceKey = responses.DEVICE_KEY;
  let answered: AuthResponse;
  let responded = false;
  try {
    // A user disabled since the sign-in began cannot finish it.
    if (!signIn.user.enabled) throw NotAuthorized(USER_DISABLED);
    const next = await responder(signIn, responses);
    responded = true;
    challengeAnswered(signIn, challengeName, 'Success');
    answered = next || (await continueSignIn(signIn));
  } catch (error) {
    // Most failures spend the session; a few (a mistyped MFA code, an unknown DEVICE_KEY) let the
    // client try again with it.
    const kept = error instanceof CognitoError && error.keepsSession;
    challengeAnswered(signIn, responded ? undefined : challengeName, 'Failure', kept);
    if (kept) putSessionBack(ctx, claimed, signIn.state);
    throw error;
  }
  return answered;
}

