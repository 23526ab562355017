/**
 * The MFA part of sign-in (spec totp-mfa.md C.7, C.8): the step that decides which MFA challenge
 * (if any) follows the password, the responders of SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP,
 * SELECT_MFA_TYPE and MFA_SETUP, and the MFA_SETUP Session that AssociateSoftwareToken and
 * VerifySoftwareToken carry.
 *
 * MFA_SETUP moves through three stages, each a new Session:
 *   MFA_SETUP challenge (STARTED) -> AssociateSoftwareToken (ASSOCIATED, secret kept in the session)
 *   -> VerifySoftwareToken (VERIFIED, token now the user's) -> RespondToAuthChallenge MFA_SETUP.
 */
import type { Context } from '../../context.js';
import { CodeMismatch, ExpiredCode, InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { TOTP_CODE_REUSED_MESSAGE } from '../totp.js';
import { usernameKeyFor } from '../users.js';
import {
  MFA_SETUP_ENABLES_TOTP,
  type MfaFactor,
  checkUserTotp,
  poolFactors,
  receivableFactors,
  userFactors,
  withMfaPreference,
} from '../mfa.js';
import { codeMatches, deliverCode, simulatedDelivery, type HashedCode } from '../codes.js';
import type { MessageKind } from '../messageTemplates.js';
import { codeMessage, messageFor, type ComposedMessage } from '../triggers/messages.js';
import { looksLikeEmail } from '../attributes.js';
import { INVALID_SESSION, challenge, claimSession, keepSession, missingParameter, putSessionBack, type ClaimedSession } from './session.js';
import type { AuthResponse, SignIn, SignInStep } from './types.js';

export const INVALID_CODE = 'Invalid code or auth state for the user.';
/**
 * UNSURE (spec C.5.4, C.8.1): wrong codes one Session may take (VerifySoftwareToken at setup,
 * SOFTWARE_TOKEN_MFA, SMS_MFA and EMAIL_OTP at sign-in); the next answer finds the session gone
 * ("Invalid session for the user."). The SMS/email figure matches the five ConfirmForgotPassword
 * takes before LimitExceededException (amplify-ui-android #180); no MFA figure was found.
 */
export const MAX_MFA_CODE_ATTEMPTS = 5;
/**
 * UNSURE (spec C.7): MFA challenges carry USER_ID_FOR_SRP (the canonical username), which Amplify
 * reads to know whom it signs in; the AWS CLI examples show it beside FRIENDLY_DEVICE_NAME.
 */
export const MFA_CHALLENGES_NAME_USER = true;
/**
 * UNSURE (spec C.7): FRIENDLY_DEVICE_NAME is sent only when VerifySoftwareToken was given a name;
 * no client reads it.
 */
export const FRIENDLY_DEVICE_NAME_ONLY_WHEN_NAMED = true;
/**
 * UNSURE (spec C.8.2): an ANSWER that is not among MFAS_CAN_CHOOSE. InvalidParameterException with
 * emulator text (MFAMethodNotFoundException is the other candidate).
 */
export const mfaNotOffered = (answer: string) => `${answer} is not one of the MFA methods offered.`;

/** Stage of an MFA_SETUP sign-in (kept in SignInState.mfaSetup). */
type MfaSetupStage = 'STARTED' | 'ASSOCIATED' | 'VERIFIED';

const nameUser = (signIn: SignIn): Record<string, string> =>
  MFA_CHALLENGES_NAME_USER ? { USER_ID_FOR_SRP: signIn.user.username } : {};

/** AFTER_PASSWORD step: the decision table of spec C.7. Skipped when a remembered device spares MFA. */
export const mfaStep: SignInStep = (signIn) => {
  const { pool, user, state } = signIn;
  // A one-time password or a passkey as the first factor (USER_AUTH) is already something the user has.
  if (state.mfaSpared || state.passed.includes('MFA') || state.passed.includes('OTP') || state.passed.includes('WEB_AUTHN')) return undefined;
  const mode = pool.description.MfaConfiguration;
  if (mode !== 'ON' && mode !== 'OPTIONAL') return undefined;
  const enabled = userFactors(pool, user);
  const factors = enabled.length || mode === 'OPTIONAL' ? enabled : receivableFactors(pool, user);
  if (factors.length) {
    const preferred = factors.find((factor) => factor === user.mfa.preferred);
    if (preferred || factors.length === 1) return mfaChallenge(signIn, preferred ?? factors[0]);
    state.mfasCanChoose = factors;
    return challenge(signIn, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(factors), ...nameUser(signIn) });
  }
  if (mode === 'OPTIONAL') return undefined;
  state.mfaSetup = 'STARTED' satisfies MfaSetupStage;
  return challenge(signIn, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(poolFactors(pool)), ...nameUser(signIn) });
};

/**
 * How SMS_MFA, EMAIL_OTP (MFA, or USER_AUTH's first factor) and SMS_OTP (USER_AUTH's first factor)
 * deliver their code, and the ChallengeResponses key that answers it.
 */
const MESSAGE_FACTORS = {
  SMS_MFA: { attributeName: 'phone_number', answer: 'SMS_MFA_CODE' },
  EMAIL_OTP: { attributeName: 'email', answer: 'EMAIL_OTP_CODE' },
  SMS_OTP: { attributeName: 'phone_number', answer: 'SMS_OTP_CODE' },
} as const;
type MessageFactor = keyof typeof MESSAGE_FACTORS;

/** The outbox kind of MFA codes (Cognito's CustomMessage trigger calls them "Authentication"). */
export const MFA_CODE_KIND = 'AUTHENTICATION' satisfies MessageKind;

/**
 * The challenge asking for one factor's code. SMS and email codes are sent now and kept (hashed) in
 * the Session: they live as long as it does ("valid for the authentication flow session duration"
 * of the app client), one per sign-in, and a new sign-in sends a new one.
 */
function mfaChallenge(signIn: SignIn, factor: MfaFactor | MessageFactor): AuthResponse | Promise<AuthResponse> {
  signIn.state.mfaFailures = 0;
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    const name = signIn.user.mfa.softwareToken?.friendlyDeviceName;
    const named: Record<string, string> =
      name !== undefined || !FRIENDLY_DEVICE_NAME_ONLY_WHEN_NAMED ? { FRIENDLY_DEVICE_NAME: name ?? '' } : {};
    return challenge(signIn, 'SOFTWARE_TOKEN_MFA', { ...named, ...nameUser(signIn) });
  }
  const { ctx, pool, user } = signIn;
  const { attributeName } = MESSAGE_FACTORS[factor];
  const target = { attributeName, address: user.attributes[attributeName] };
  // CustomMessage_Authentication (or a custom sender) may write the message: RespondToAuthChallenge's ClientMetadata reaches it.
  const send = (message: ComposedMessage): AuthResponse => {
    const { hashed, details } = deliverCode(ctx, pool, user, MFA_CODE_KIND, target, message);
    signIn.state.mfaCode = hashed;
    return codeChallenge(signIn, factor, details);
  };
  const message = messageFor(ctx, pool, user, codeMessage(ctx, MFA_CODE_KIND, attributeName, { clientId: signIn.client.ClientId, call: signIn.call }, signIn.clientMetadata));
  return message instanceof Promise ? message.then(send) : send(message);
}

/**
 * USER_AUTH's EMAIL_OTP or SMS_OTP first factor: the code is sent and asked for as an MFA code is (same
 * template, CustomMessage_Authentication, same checks); answered, it stands for the password and MFA.
 */
export function oneTimePasswordChallenge(signIn: SignIn, factor: 'EMAIL_OTP' | 'SMS_OTP'): AuthResponse | Promise<AuthResponse> {
  signIn.state.passwordless = true;
  return mfaChallenge(signIn, factor);
}

/**
 * The same challenge for a name no user has (the client hides user existence): nothing is sent or
 * kept, so no code can answer it; the destination is made up from the pool and the name.
 */
export function simulatedOneTimePasswordChallenge(signIn: SignIn, factor: 'EMAIL_OTP' | 'SMS_OTP'): AuthResponse {
  signIn.state.passwordless = true;
  signIn.state.mfaFailures = 0;
  return codeChallenge(signIn, factor, simulatedDelivery(signIn.pool, signIn.user.username, MESSAGE_FACTORS[factor].attributeName));
}

/** A code challenge as the client sees it, whether the code was sent or its delivery simulated. */
const codeChallenge = (signIn: SignIn, factor: MessageFactor, details: { DeliveryMedium: string; Destination: string }) =>
  challenge(signIn, factor, { CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium, CODE_DELIVERY_DESTINATION: details.Destination, ...nameUser(signIn) });

/** Counts a wrong code; the Session survives it until MAX_MFA_CODE_ATTEMPTS is reached. */
export function countFailure(signIn: SignIn): boolean {
  const failures = Number(signIn.state.mfaFailures ?? 0) + 1;
  signIn.state.mfaFailures = failures;
  return failures < MAX_MFA_CODE_ATTEMPTS;
}

/** SOFTWARE_TOKEN_MFA: {USERNAME, SOFTWARE_TOKEN_MFA_CODE, [DEVICE_KEY] (taken by flow.ts)}. */
export async function softwareTokenMfaResponder(signIn: SignIn, responses: Record<string, string>): Promise<void> {
  const { ctx, user, state } = signIn;
  const code = responses.SOFTWARE_TOKEN_MFA_CODE;
  if (code === undefined) throw missingParameter('SOFTWARE_TOKEN_MFA_CODE');
  const check = checkUserTotp(ctx, user, code);
  if (check.result !== 'MATCH') {
    const error = check.result === 'REUSED' ? ExpiredCode(TOTP_CODE_REUSED_MESSAGE) : CodeMismatch(INVALID_CODE);
    throw countFailure(signIn) ? keepSession(error) : error;
  }
  user.mfa = { ...user.mfa, softwareToken: { ...user.mfa.softwareToken!, lastUsedStep: check.step } };
  ctx.store.transaction(() => ctx.store.users.update(user));
  state.passed.push('MFA');
}

/**
 * SMS_MFA {USERNAME, SMS_MFA_CODE} and EMAIL_OTP {USERNAME, EMAIL_OTP_CODE}: the code this sign-in
 * sent. Right, the phone number or email it went to is verified from then on (docs: "When a user
 * completes their first MFA, Amazon Cognito marks their email address or phone number as verified").
 * The Session holding the code is already claimed (flow.ts): a code is accepted once.
 */
const messageCodeResponder =
  (factor: MessageFactor) =>
  async (signIn: SignIn, responses: Record<string, string>): Promise<void> => {
    const { ctx, user, state } = signIn;
    const { attributeName, answer } = MESSAGE_FACTORS[factor];
    const code = responses[answer];
    if (code === undefined) throw missingParameter(answer);
    const sent = state.mfaCode as HashedCode | undefined;
    if (!sent || !codeMatches(sent, code)) {
      const error = CodeMismatch(INVALID_CODE);
      throw countFailure(signIn) ? keepSession(error) : error;
    }
    delete state.mfaCode;
    if (state.passwordless) {
      // A first factor: the address was verified before the code could go to it.
      state.passed.push('OTP');
      return;
    }
    if (state.mfaSetupEmail) {
      // Email MFA set up during this sign-in (MFA_SETUP answered with EMAIL): now it is the user's.
      user.mfa = withMfaPreference(user, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
      delete state.mfaSetupEmail;
    }
    user.attributes[`${attributeName}_verified`] = 'true';
    ctx.store.transaction(() => ctx.store.users.update(user));
    state.passed.push('MFA');
  };

export const smsMfaResponder = messageCodeResponder('SMS_MFA');
export const emailOtpResponder = messageCodeResponder('EMAIL_OTP');
export const smsOtpResponder = messageCodeResponder('SMS_OTP');

/** SELECT_MFA_TYPE: {USERNAME, ANSWER}; answers with the chosen factor's challenge. */
export async function selectMfaTypeResponder(signIn: SignIn, responses: Record<string, string>): Promise<AuthResponse> {
  const answer = responses.ANSWER;
  if (answer === undefined) throw missingParameter('ANSWER');
  const offered = (signIn.state.mfasCanChoose as MfaFactor[] | undefined) ?? [];
  const chosen = offered.find((factor) => factor === answer);
  if (!chosen) throw InvalidParameter(mfaNotOffered(answer));
  return mfaChallenge(signIn, chosen);
}

/**
 * MFA_SETUP: {USERNAME} with the Session VerifySoftwareToken returned (TOTP set up); or, in a pool
 * offering email MFA, {USERNAME, EMAIL} with the MFA_SETUP Session itself, as Amplify sends it: the
 * address becomes the user's email and an EMAIL_OTP challenge proves it (spec C.8.3).
 */
export async function mfaSetupResponder(signIn: SignIn, responses: Record<string, string>): Promise<AuthResponse | void> {
  const { ctx, pool, user, state } = signIn;
  if (responses.EMAIL !== undefined && state.mfaSetup === ('STARTED' satisfies MfaSetupStage) && poolFactors(pool).includes('EMAIL_OTP')) {
    if (!looksLikeEmail(responses.EMAIL)) throw InvalidParameter(INVALID_SETUP_EMAIL);
    user.attributes.email = responses.EMAIL;
    user.attributes.email_verified = 'false';
    ctx.store.transaction(() => ctx.store.users.update(user));
    state.mfaSetupEmail = true;
    return mfaChallenge(signIn, 'EMAIL_OTP');
  }
  if (state.mfaSetup !== ('VERIFIED' satisfies MfaSetupStage)) throw NotAuthorized(INVALID_SESSION);
  if (MFA_SETUP_ENABLES_TOTP) {
    user.mfa = withMfaPreference(user, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    ctx.store.transaction(() => ctx.store.users.update(user));
  }
  state.passed.push('MFA');
}

/** UNSURE: MFA_SETUP answered with an EMAIL that is not an email address (emulator text). */
export const INVALID_SETUP_EMAIL = 'Invalid email address format.';

/** An MFA_SETUP sign-in claimed by AssociateSoftwareToken or VerifySoftwareToken. */
export interface ClaimedMfaSetup {
  claimed: ClaimedSession;
  signIn: SignIn;
}

/**
 * Claims the sign-in behind an MFA_SETUP Session given to AssociateSoftwareToken or
 * VerifySoftwareToken, checked as RespondToAuthChallenge checks it (live, not expired, at the
 * MFA_SETUP challenge), before any await: of concurrent calls with one Session exactly one goes on.
 * `accept` may refuse it (the Session stays).
 */
export function claimMfaSetupSession(ctx: Context, token: string, accept: (signIn: SignIn) => void = () => {}): ClaimedMfaSetup {
  const { accepted, ...claimed } = claimSession(ctx, token, INVALID_SESSION, (stored) => {
    const pool = ctx.store.userPools.get(stored.userPoolId);
    const client = ctx.store.clients.get(stored.clientId);
    const user = pool && ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, stored.username));
    if (!pool || !client || !user || stored.state.challenge !== 'MFA_SETUP') throw NotAuthorized(INVALID_SESSION);
    const signIn: SignIn = { ctx, pool, client, user, state: stored.state };
    accept(signIn);
    return signIn;
  });
  return { claimed, signIn: accepted };
}

/** Moves an MFA_SETUP sign-in to its next stage: the claimed Session is spent, a new one returned. */
export function nextMfaSetupSession(signIn: SignIn, stage: MfaSetupStage): string {
  signIn.state.mfaSetup = stage;
  signIn.state.mfaFailures = 0;
  return challenge(signIn, 'MFA_SETUP', {}).Session!;
}

/** Gives a claimed MFA_SETUP Session back, with its changed state (a failed attempt), for another try. */
export function putMfaSetupSessionBack({ claimed, signIn }: ClaimedMfaSetup): void {
  putSessionBack(signIn.ctx, claimed, signIn.state);
}
