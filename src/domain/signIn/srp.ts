/**
 * USER_SRP_AUTH (InitiateAuth / AdminInitiateAuth) and its PASSWORD_VERIFIER challenge
 * (spec srp-and-devices.md A.4, A.5). The password never travels: the client proves it against the
 * verifier stored at sign-up; the SRP ephemeral values wait in the challenge Session.
 */
import { createHash, createHmac } from 'node:crypto';
import { InvalidParameter, NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import { checkAuthSecretHash, preventsUserExistenceErrors } from '../appClients.js';
import { poolNameOf, sessionToken } from '../ids.js';
import { isValidSrpA, newSecretBlock, padHex, startSrp, verifyPasswordClaim } from '../srp.js';
import { findUser } from '../users.js';
import { checkFlowAllowed } from '../clientAuthFlows.js';
import {
  afterPreAuthentication,
  challenge,
  checkAccountUsable,
  INCORRECT_CREDENTIALS,
  INVALID_SESSION,
  missingParameter,
  refuseResetRequired,
  settlePasswordProof,
} from './session.js';
import { passwordProven } from './events.js';
import type { EventOrigin } from '../authEvents.js';
import type { AuthResponse, ChallengeResponder, InitiateRequest, SignIn } from './types.js';

/** UNSURE (spec A.4 step 7): Cognito's text for an SRP_A that is not a usable hex integer. */
export const INVALID_SRP_A = 'SRP_A is invalid.';

/** The SRP values a challenge Session keeps between the two round trips. */
export interface SrpState {
  A: string;
  b: string;
  B: string;
  secretBlock: string;
}

/**
 * The Session of an SRP challenge is derived from its SECRET_BLOCK, so an answer that carries
 * only PASSWORD_CLAIM_SECRET_BLOCK (pycognito, AWS's Python example send no Session) finds its
 * sign-in. Both are handed to the same client at once; neither is guessable.
 */
export const srpSession = (secretBlock: string) => sessionToken(createHash('sha512').update(`kognito SRP session:${secretBlock}`).digest());

/** PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER answers name their sign-in by SECRET_BLOCK. */
export function sessionFromSecretBlock(responses: Record<string, string>): string | undefined {
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
  if (secretBlock === undefined) throw missingParameter('PASSWORD_CLAIM_SECRET_BLOCK');
  return srpSession(secretBlock);
}

/** The ChallengeResponses every SRP proof carries, or "Missing required parameter ...". */
export function claimOf(responses: Record<string, string>) {
  for (const name of ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP']) {
    if (responses[name] === undefined) throw missingParameter(name);
  }
  return { secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK, signature: responses.PASSWORD_CLAIM_SIGNATURE, timestamp: responses.TIMESTAMP };
}

/** A fresh server ephemeral and SECRET_BLOCK for the client's SRP_A, against verifier v. */
export function newSrpState(srpA: string, verifierHex: string): SrpState {
  const { b, B } = startSrp(verifierHex);
  return { A: srpA, b, B, secretBlock: newSecretBlock() };
}

/** InitiateAuth USER_SRP_AUTH: answers PASSWORD_VERIFIER with SALT, SRP_B and SECRET_BLOCK. */
export async function userSrpAuth(request: InitiateRequest): Promise<AuthResponse> {
  checkFlowAllowed(request.client, 'USER_SRP_AUTH');
  return srpSignIn(request);
}

/** SRP as the primary factor: USER_SRP_AUTH, and USER_AUTH's PASSWORD_SRP (which needs no USER_SRP_AUTH flag). */
export async function srpSignIn(request: InitiateRequest): Promise<AuthResponse> {
  const { ctx, pool, client, parameters } = request;
  const username = parameters.USERNAME;
  if (username === undefined) throw missingParameter('USERNAME');
  if (parameters.SRP_A === undefined) throw missingParameter('SRP_A');
  checkAuthSecretHash(client, username, parameters.SECRET_HASH);
  const prevents = preventsUserExistenceErrors(client);
  const found = findUser(ctx.store, pool, username);
  if (!found && !prevents) throw UserNotFound('User does not exist.');
  if (!isValidSrpA(parameters.SRP_A)) throw InvalidParameter(INVALID_SRP_A);
  const user = await afterPreAuthentication(request, found, username);
  if (!user) return simulatedChallenge(pool.id, parameters.SRP_A, username);
  refuseResetRequired(client, user);
  const signIn: SignIn = { ctx, pool, client, user, state: { passed: [], deviceKey: parameters.DEVICE_KEY ?? null, admin: request.admin, origin: request.origin }, call: request.call };
  return passwordVerifierChallenge(signIn, parameters.SRP_A);
}

/**
 * Answers the client's SRP_A with PASSWORD_VERIFIER (SALT, SRP_B, SECRET_BLOCK); the SRP values wait
 * in the sign-in's state. A user without a password gets a challenge that looks the same and that no
 * answer can pass: nothing is stored behind it.
 */
export function passwordVerifierChallenge(signIn: SignIn, srpA: string): AuthResponse {
  const { user, state } = signIn;
  if (!user.passwordSalt || !user.passwordVerifier) return simulatedChallenge(signIn.pool.id, srpA, user.username);
  const srp = newSrpState(srpA, user.passwordVerifier);
  state.srp = srp;
  return challenge(
    signIn,
    'PASSWORD_VERIFIER',
    { SALT: user.passwordSalt, SECRET_BLOCK: srp.secretBlock, SRP_B: srp.B, USERNAME: user.username, USER_ID_FOR_SRP: user.username },
    srpSession(srp.secretBlock),
  );
}

/**
 * PreventUserExistenceErrors (spec A.4 step 5): a deterministic fake SALT and USER_ID_FOR_SRP
 * (a UUID) per pool and username, so that repeated calls look like a real user's.
 */
export function simulatedChallenge(userPoolId: string, srpA: string, username: string): AuthResponse {
  const digest = createHmac('sha256', `kognito simulated user:${userPoolId}`).update(username).digest('hex');
  const fakeId = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  const salt = padHex(BigInt('0x' + digest.slice(32, 64)));
  const srp = newSrpState(srpA, digest);
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: srpSession(srp.secretBlock),
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: srp.secretBlock, SRP_B: srp.B, USERNAME: fakeId, USER_ID_FOR_SRP: fakeId },
  };
}

/** PASSWORD_VERIFIER: the client's proof of the password and the account checks; continueSignIn does the rest. */
export const passwordVerifier: ChallengeResponder = Object.assign(
  (signIn: SignIn, responses: Record<string, string>) => {
    const { pool, user, state } = signIn;
    const srp = state.srp as SrpState;
    const claim = claimOf(responses);
    // A Session of another SRP sign-in than the SECRET_BLOCK's.
    if (claim.secretBlock !== srp.secretBlock) throw NotAuthorized(INVALID_SESSION);
    const proven =
      user.passwordVerifier !== null &&
      verifyPasswordClaim({ poolName: poolNameOf(pool.id), userIdForSrp: user.username, verifierHex: user.passwordVerifier, A_hex: srp.A, b: srp.b, B: srp.B, ...claim });
    const origin = (state.origin as EventOrigin | undefined) ?? {};
    settlePasswordProof(signIn.ctx, pool, user, proven, origin);
    checkAccountUsable(user);
    if (!state.passed.includes('PASSWORD')) state.passed.push('PASSWORD');
    state.authEvent = passwordProven(origin);
  },
  { sessionFrom: sessionFromSecretBlock, refusal: INCORRECT_CREDENTIALS },
);
