/**
 * USER_AUTH's WEB_AUTHN first factor: the challenge hands the browser CREDENTIAL_REQUEST_OPTIONS for
 * navigator.credentials.get(); the answer's CREDENTIAL (an AuthenticationResponseJSON) is checked against
 * the user's stored passkey: origin, relying party, user verification, the signature over this Session's
 * challenge, the counter. A passkey stands for the password and for MFA, as a code does.
 */
import { InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { randomToken } from '../ids.js';
import { CHALLENGE_BYTES, INVALID_CREDENTIAL, MAX_CREDENTIALS_PER_USER, readCredential, relyingPartyId, requestOptions, verifyAssertion } from '../webAuthn.js';
import { challenge, INCORRECT_CREDENTIALS, missingParameter } from './session.js';
import type { AuthResponse, ChallengeResponder, SignIn } from './types.js';

/**
 * UNSURE: a passkey that does not sign in (another origin or relying party, a bad signature, a counter
 * gone back, a passkey not the user's) is refused as a wrong password is: RespondToAuthChallenge lists
 * none of the WebAuthn exceptions.
 */
export const PASSKEY_REFUSED = () => NotAuthorized(INCORRECT_CREDENTIALS);

/** What the WEB_AUTHN Session keeps: the challenge the authenticator must sign, for which relying party. */
interface WebAuthnState {
  challenge: string;
  rpId: string;
}

/** The WEB_AUTHN challenge: a fresh challenge, the pool's relying party, the user's passkeys. */
export function webAuthnChallenge(signIn: SignIn): AuthResponse {
  const { ctx, pool, user } = signIn;
  const rpId = relyingPartyId(ctx, pool);
  const passkeys = ctx.store.webAuthnCredentials.listForUser(pool.id, user.usernameKey, undefined, MAX_CREDENTIALS_PER_USER);
  const webAuthn: WebAuthnState = { challenge: randomToken(CHALLENGE_BYTES), rpId };
  signIn.state.webAuthn = webAuthn;
  return challenge(signIn, 'WEB_AUTHN', { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions(pool, rpId, webAuthn.challenge, passkeys)) });
}

/** WEB_AUTHN: {USERNAME, CREDENTIAL}. The Session is already claimed (flow.ts): a challenge signs in once. */
export const webAuthnResponder: ChallengeResponder = async (signIn, responses) => {
  const { ctx, pool, user, state } = signIn;
  if (responses.CREDENTIAL === undefined) throw missingParameter('CREDENTIAL');
  let document: unknown;
  try {
    document = JSON.parse(responses.CREDENTIAL);
  } catch {
    throw InvalidParameter(INVALID_CREDENTIAL);
  }
  const { credential, clientData } = readCredential(document, ['authenticatorData', 'signature']);
  const webAuthn = state.webAuthn as WebAuthnState;
  delete state.webAuthn;
  const passkeys = ctx.store.webAuthnCredentials;
  const stored = passkeys.get(pool.id, credential.id);
  if (!stored || stored.usernameKey !== user.usernameKey) throw PASSKEY_REFUSED();
  const signCount = await verifyAssertion(pool, webAuthn.rpId, webAuthn.challenge, stored, credential, clientData, PASSKEY_REFUSED);
  ctx.store.transaction(() => passkeys.updateSignCount(pool.id, stored.credentialId, signCount));
  state.passed.push('WEB_AUTHN');
};
