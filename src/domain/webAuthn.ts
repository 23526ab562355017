/**
 * Passkeys (WebAuthn) in a user pool: whether the pool takes them, its relying party, the options the
 * browser is handed, and the checks of what the authenticator answers, in the order that names the
 * failure (origin, relying party, user verification, then the cryptography). CBOR, COSE, signatures and
 * attestation formats are @simplewebauthn/server's, loaded on first use (start-up does not pay for it).
 */
import { createHash } from 'node:crypto';
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import type { WebAuthnCredential } from '../store/webAuthnCredentials.js';
import { InvalidParameter, make, type CognitoError } from '../protocol/errors.js';
import { domainHost } from './domains.js';

const webAuthnError = (type: string) => make(`WebAuthn${type}Exception`);

/** A Credential Cognito cannot read (aws-sdk-net #4386 quotes InvalidParameterException with this text). */
export const INVALID_CREDENTIAL = 'Credential data is not valid';

/**
 * UNSURE: the messages of the passkey exceptions: no real one is quoted anywhere we looked; these say
 * what the model's description of each exception says.
 */
export const WEBAUTHN_MESSAGES = {
  notEnabled: 'Passkeys are not enabled for this user pool.',
  configurationMissing: 'The user pool has no relying party ID configured and no domain.',
  challengeNotFound: 'The registration challenge was not found or has expired.',
  clientMismatch: 'The access token is for a different app client than the one that started the registration.',
  originNotAllowed: 'The origin of the credential is not allowed for the relying party ID of the user pool.',
  relyingPartyMismatch: 'The credential is for a different relying party ID than the user pool.',
  credentialNotSupported: 'The credential is not supported by the user pool.',
  credentialNotFound: 'The credential was not found.',
  tooManyCredentials: 'The user has registered the maximum number of passkeys.',
} as const;

export const WebAuthnNotEnabled = () => webAuthnError('NotEnabled')(WEBAUTHN_MESSAGES.notEnabled);
export const WebAuthnConfigurationMissing = () => webAuthnError('ConfigurationMissing')(WEBAUTHN_MESSAGES.configurationMissing);
export const WebAuthnChallengeNotFound = () => webAuthnError('ChallengeNotFound')(WEBAUTHN_MESSAGES.challengeNotFound);
export const WebAuthnClientMismatch = () => webAuthnError('ClientMismatch')(WEBAUTHN_MESSAGES.clientMismatch);
export const WebAuthnOriginNotAllowed = () => webAuthnError('OriginNotAllowed')(WEBAUTHN_MESSAGES.originNotAllowed);
export const WebAuthnRelyingPartyMismatch = () => webAuthnError('RelyingPartyMismatch')(WEBAUTHN_MESSAGES.relyingPartyMismatch);
export const WebAuthnCredentialNotSupported = () => webAuthnError('CredentialNotSupported')(WEBAUTHN_MESSAGES.credentialNotSupported);

interface WebAuthnConfiguration {
  RelyingPartyId?: string;
  UserVerification?: 'required' | 'preferred';
}
const configurationOf = (pool: UserPool) => (pool.mfaConfig.WebAuthnConfiguration ?? {}) as WebAuthnConfiguration;

/**
 * The pool's relying party: SetUserPoolMfaConfig's RelyingPartyId, else the host of its domain (the
 * API reference: "typically your user pool domain"); with neither, WebAuthnConfigurationMissingException
 * ("a user pool doesn't have a configured relying party id or a user pool domain", the model).
 */
export function relyingPartyId(ctx: Context, pool: UserPool): string {
  const configured = configurationOf(pool).RelyingPartyId;
  if (configured) return configured;
  const domain = ctx.store.domains.ofPool(pool.id);
  if (domain) return domainHost(domain, pool.region);
  throw WebAuthnConfigurationMissing();
}

/** UNSURE: UserVerification when the pool does not set it: "preferred" (the console's default). */
export const DEFAULT_USER_VERIFICATION = 'preferred';
export const userVerificationOf = (pool: UserPool) => configurationOf(pool).UserVerification ?? DEFAULT_USER_VERIFICATION;

/** Registration challenges are 16 random bytes (a real clientDataJSON, aws-sdk-net #4386, carries 22 base64url characters). */
export const CHALLENGE_BYTES = 16;
/**
 * UNSURE: the `timeout` of the options handed to the browser (ms), and how long a registration's
 * challenge waits for CompleteWebAuthnRegistration: 3 minutes, as long as a sign-in Session lasts by default.
 */
export const WEBAUTHN_TIMEOUT_MS = 180_000;
/**
 * UNSURE: FriendlyCredentialName ("an automatically-generated friendly name", the model) is "Passkey":
 * Cognito's naming (perhaps after the authenticator's AAGUID) is not documented.
 */
export const FRIENDLY_CREDENTIAL_NAME = 'Passkey';
/**
 * UNSURE: a credential refused once its challenge is claimed spends the challenge (a new
 * StartWebAuthnRegistration is needed), as a refused answer spends a sign-in Session.
 */
export const REFUSED_CREDENTIAL_SPENDS_CHALLENGE = true;
/** UNSURE: a credential ID the pool already has is refused as a credential it cannot use. */
export const credentialAlreadyRegistered = () => InvalidParameter(INVALID_CREDENTIAL);
/** UNSURE: at most 20 passkeys per user (ListWebAuthnCredentials pages by 20 at most); one more is LimitExceededException. */
export const MAX_CREDENTIALS_PER_USER = 20;

/**
 * UNSURE: the values in CredentialCreationOptions no published answer shows: ES256 and RS256 keys,
 * discoverable credentials (a passkey), no attestation wanted, the relying party's name being its id, the
 * user's handle the base64url of their sub. The members are those Amplify's PasskeyCreateOptionsJson
 * (written against Cognito's answer) reads: challenge, rp, user, pubKeyCredParams, timeout,
 * excludeCredentials, authenticatorSelection {requireResidentKey, residentKey, userVerification}, attestation.
 */
export const CREATION_OPTIONS = {
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  residentKey: 'required',
  attestation: 'none',
} as const;
const SUPPORTED_ALGORITHMS: number[] = CREATION_OPTIONS.pubKeyCredParams.map((param) => param.alg);
export const userHandleOf = (user: User) => Buffer.from(user.sub).toString('base64url');

/** The user's passkeys as a browser is told of them (excludeCredentials, allowCredentials). */
export const descriptorsOf = (credentials: WebAuthnCredential[]) =>
  credentials.map((credential) => ({ type: 'public-key', id: credential.credentialId, ...(credential.transports.length ? { transports: credential.transports } : {}) }));

/** StartWebAuthnRegistration's CredentialCreationOptions (PublicKeyCredentialCreationOptionsJSON). */
export function creationOptions(pool: UserPool, user: User, rpId: string, challenge: string, registered: WebAuthnCredential[]) {
  return {
    challenge,
    rp: { id: rpId, name: rpId },
    user: { id: userHandleOf(user), name: user.username, displayName: user.username },
    pubKeyCredParams: CREATION_OPTIONS.pubKeyCredParams,
    timeout: WEBAUTHN_TIMEOUT_MS,
    excludeCredentials: descriptorsOf(registered),
    authenticatorSelection: { residentKey: CREATION_OPTIONS.residentKey, requireResidentKey: true, userVerification: userVerificationOf(pool) },
    attestation: CREATION_OPTIONS.attestation,
  };
}

/** The WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptionsJSON). */
export const requestOptions = (pool: UserPool, rpId: string, challenge: string, credentials: WebAuthnCredential[]) => ({
  challenge,
  timeout: WEBAUTHN_TIMEOUT_MS,
  rpId,
  allowCredentials: descriptorsOf(credentials),
  userVerification: userVerificationOf(pool),
});

/** What a browser's PublicKeyCredential.toJSON() gives, for registration or sign-in. */
export interface CredentialJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment?: string;
  clientExtensionResults: Record<string, unknown>;
  response: Record<string, unknown> & { clientDataJSON: string };
}

/** CollectedClientData, from the base64url clientDataJSON. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

const isBase64Url = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]+={0,2}$/.test(value);

/**
 * Reads a RegistrationResponseJSON (`fields`: attestationObject) or AuthenticationResponseJSON
 * (authenticatorData, signature) and its client data; anything else is "Credential data is not valid".
 */
export function readCredential(document: unknown, fields: readonly string[]): { credential: CredentialJSON; clientData: ClientData } {
  const invalid = () => InvalidParameter(INVALID_CREDENTIAL);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw invalid();
  const credential = document as Partial<CredentialJSON>;
  const response = credential.response;
  if (!isBase64Url(credential.id) || credential.type !== 'public-key' || typeof response !== 'object' || response === null) throw invalid();
  if (![...fields, 'clientDataJSON'].every((field) => isBase64Url(response[field]))) throw invalid();
  if (credential.rawId !== undefined && credential.rawId !== credential.id) throw invalid();
  let clientData: ClientData;
  try {
    clientData = JSON.parse(Buffer.from(response.clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof clientData?.challenge !== 'string' || typeof clientData.origin !== 'string' || typeof clientData.type !== 'string') throw invalid();
  return {
    credential: { ...credential, rawId: credential.id, clientExtensionResults: credential.clientExtensionResults ?? {} } as CredentialJSON,
    clientData,
  };
}

/**
 * UNSURE: an origin may use the pool's relying party when its host is the relying party ID or a subdomain
 * of it (WebAuthn's rule, as browsers apply it), over https, or over http for localhost only (browsers
 * count it as secure). App origins (android:apk-key-hash:...) are refused.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname;
  const localhost = host === 'localhost' || host.endsWith('.localhost');
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && localhost);
  return secure && (host === rpId || host.endsWith(`.${rpId}`));
}

/** The authenticator data's flags byte: user present, user verified. */
const USER_VERIFIED = 0x04;

/**
 * What is wrong with authenticator data for this relying party (its SHA-256 leads the data) and the
 * pool's user verification rule, if anything.
 */
function authenticatorDataFault(authData: Uint8Array, rpId: string, requireUserVerification: boolean): 'RELYING_PARTY' | 'USER_VERIFICATION' | undefined {
  const expected = createHash('sha256').update(rpId).digest();
  if (authData.length < 37 || !expected.equals(Buffer.from(authData.subarray(0, 32)))) return 'RELYING_PARTY';
  if (requireUserVerification && !(authData[32] & USER_VERIFIED)) return 'USER_VERIFICATION';
  return undefined;
}

const library = () => import('@simplewebauthn/server');
const helpers = () => import('@simplewebauthn/server/helpers');

/**
 * UNSURE: an authenticator that did not verify the user where the pool requires it is "an unsupported
 * device or provider" (WebAuthnCredentialNotSupportedException's description).
 */
export const USER_NOT_VERIFIED_AT_REGISTRATION = WebAuthnCredentialNotSupported;

/** A passkey verified at registration: what the store keeps. */
export interface RegisteredCredential {
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
  authenticatorAttachment: string | null;
}

/**
 * CompleteWebAuthnRegistration's checks once the challenge is claimed: the origin against the relying
 * party, the relying party itself, user verification when required, a key the pool accepts, then the
 * attestation (any format the library verifies).
 */
export async function verifyRegistration(pool: UserPool, rpId: string, credential: CredentialJSON, clientData: ClientData): Promise<RegisteredCredential> {
  if (clientData.type !== 'webauthn.create') throw InvalidParameter(INVALID_CREDENTIAL);
  if (!originAllowed(clientData.origin, rpId)) throw WebAuthnOriginNotAllowed();
  const requireUserVerification = userVerificationOf(pool) === 'required';
  const { decodeAttestationObject, parseAuthenticatorData, decodeCredentialPublicKey, cose } = await helpers();
  let authData: Uint8Array;
  let algorithm: unknown;
  try {
    const decoded = decodeAttestationObject(new Uint8Array(Buffer.from(String(credential.response.attestationObject), 'base64url'))).get('authData');
    authData = decoded;
    const parsed = parseAuthenticatorData(decoded);
    algorithm = parsed.credentialPublicKey && decodeCredentialPublicKey(parsed.credentialPublicKey).get(cose.COSEKEYS.alg);
  } catch {
    throw InvalidParameter(INVALID_CREDENTIAL);
  }
  const fault = authenticatorDataFault(authData, rpId, requireUserVerification);
  if (fault === 'RELYING_PARTY') throw WebAuthnRelyingPartyMismatch();
  if (fault === 'USER_VERIFICATION') throw USER_NOT_VERIFIED_AT_REGISTRATION();
  if (typeof algorithm !== 'number' || !SUPPORTED_ALGORITHMS.includes(algorithm)) throw WebAuthnCredentialNotSupported();
  const { verifyRegistrationResponse } = await library();
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      response: credential as any,
      expectedChallenge: clientData.challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rpId,
      requireUserVerification,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch {
    throw InvalidParameter(INVALID_CREDENTIAL);
  }
  if (!verified.verified || !verified.registrationInfo) throw InvalidParameter(INVALID_CREDENTIAL);
  const { credential: attested } = verified.registrationInfo;
  const transports = credential.response.transports;
  return {
    credentialId: attested.id,
    publicKey: attested.publicKey,
    signCount: attested.counter,
    transports: Array.isArray(transports) ? transports.filter((transport): transport is string => typeof transport === 'string') : [],
    authenticatorAttachment: typeof credential.authenticatorAttachment === 'string' ? credential.authenticatorAttachment : null,
  };
}

/**
 * A WEB_AUTHN answer's checks: the same origin, relying party and user verification rules, then the
 * signature over the challenge with the stored key and the signature counter (it must grow, unless the
 * authenticator keeps none). Returns the new counter; throws `refused()` for any failure.
 */
export async function verifyAssertion(
  pool: UserPool,
  rpId: string,
  challenge: string,
  stored: WebAuthnCredential,
  credential: CredentialJSON,
  clientData: ClientData,
  refused: () => CognitoError,
): Promise<number> {
  if (clientData.type !== 'webauthn.get' || clientData.challenge !== challenge) throw refused();
  if (!originAllowed(clientData.origin, rpId)) throw refused();
  const requireUserVerification = userVerificationOf(pool) === 'required';
  if (authenticatorDataFault(Buffer.from(String(credential.response.authenticatorData), 'base64url'), rpId, requireUserVerification)) throw refused();
  const { verifyAuthenticationResponse } = await library();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      response: credential as any,
      expectedChallenge: challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rpId,
      credential: { id: stored.credentialId, publicKey: new Uint8Array(stored.publicKey), counter: stored.signCount },
      requireUserVerification,
    });
  } catch {
    throw refused();
  }
  if (!verified.verified) throw refused();
  return verified.authenticationInfo.newCounter;
}
