/**
 * TOTP (RFC 6238 over RFC 4226 HOTP) as Cognito uses it for software-token MFA
 * (spec: totp-mfa.md C.1): HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch, one step of
 * clock skew either side, base32 `SecretCode` without padding.
 *
 * Pure functions: time comes only from the `nowMs` arguments (the server's injected clock), and
 * randomness from the optional `random` argument of `newSecretCode` (default: crypto.randomBytes).
 *
 * otplib is used for the HOTP value itself (HMAC + dynamic truncation) through one configured,
 * never-mutated instance; the step arithmetic, the skew window, the replay rule and the base32
 * codec are ours, because otplib's TOTP/authenticator classes read `Date.now()` unless an epoch
 * option is set, compare codes with `===`, and its base32 key encoder is lossy (see below).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hotp } from 'otplib';
import { HashAlgorithms, KeyEncodings } from 'otplib/core.js';

/** Digits of a code; forced by authenticator apps and the model (`UserCode` length 6, `[0-9]+`). */
export const TOTP_DIGITS = 6;
/** Length of one time step in seconds (RFC 6238 default, T0 = 0). */
export const TOTP_STEP_SECONDS = 30;
/** Steps of clock skew accepted on each side of the current step ("within 30 seconds before or after"). */
export const TOTP_SKEW_STEPS = 1;
/**
 * UNSURE: random bytes behind a new `SecretCode`. Real Cognito codes are believed to be 52 base32
 * characters, i.e. 32 bytes; any length >= 16 characters works with clients.
 */
export const SECRET_CODE_BYTES = 32;
/** Characters of a new `SecretCode`: ceil(32 * 8 / 5) = 52 base32 characters, no `=` padding. */
export const SECRET_CODE_LENGTH = Math.ceil((SECRET_CODE_BYTES * 8) / 5);
/**
 * UNSURE: Cognito's message for a code whose time step was already accepted for the user
 * (`ExpiredCodeException`). No observed text; this is emulator text.
 */
export const TOTP_CODE_REUSED_MESSAGE = 'Your software token has already been used once.';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 base32, either case, optional trailing `=` padding (we never emit padding). */
const BASE32_PATTERN = /^[A-Za-z2-7]+=*$/;
const USER_CODE_PATTERN = new RegExp(`^[0-9]{${TOTP_DIGITS}}$`);
const STEP_MS = TOTP_STEP_SECONDS * 1000;

/** HOTP with the key given as hex (raw bytes: no TOTP "secret padding" as otplib's TOTP applies). */
const hotpSha1 = hotp.clone({
  algorithm: HashAlgorithms.SHA1,
  digits: TOTP_DIGITS,
  encoding: KeyEncodings.HEX,
});

/** Base32-encodes bytes (RFC 4648 alphabet, upper case) without `=` padding. */
export function encodeSecretCode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >>> bits) & 0x1f];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 0x1f];
  return out;
}

/**
 * Decodes a base32 `SecretCode` (either case, padding optional) to its bytes. Leftover bits that
 * do not fill a byte are dropped, as RFC 4648 decoders do. Throws on any non-base32 character:
 * a stored secret that does not decode is a bug, not a wrong code.
 */
export function decodeSecretCode(secretCode: string): Buffer {
  if (!BASE32_PATTERN.test(secretCode)) {
    throw new TypeError('SecretCode is not a base32 string');
  }
  const chars = secretCode.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of chars) {
    buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/**
 * A new `SecretCode`: SECRET_CODE_BYTES random bytes as SECRET_CODE_LENGTH base32 characters
 * (`[A-Z2-7]`, which satisfies the model's `[A-Za-z0-9]+`, min length 16).
 */
export function newSecretCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(SECRET_CODE_BYTES);
  if (bytes.length !== SECRET_CODE_BYTES) {
    throw new RangeError(`random source returned ${bytes.length} bytes, expected ${SECRET_CODE_BYTES}`);
  }
  return encodeSecretCode(bytes);
}

/** The RFC 6238 time step (HOTP counter) that contains the moment `nowMs` (ms since the Unix epoch). */
export function totpStep(nowMs: number): number {
  if (!Number.isFinite(nowMs)) throw new RangeError('nowMs must be a finite number');
  return Math.floor(nowMs / STEP_MS);
}

/** The code for a given time step (counter), as a zero-padded 6-digit string. */
export function totpCodeForStep(secretCode: string, step: number): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('step must be a non-negative integer');
  return hotpSha1.generate(decodeSecretCode(secretCode).toString('hex'), step);
}

/** The code an authenticator app shows at the moment `nowMs` for this secret. */
export function totpCode(secretCode: string, nowMs: number): string {
  return totpCodeForStep(secretCode, totpStep(nowMs));
}

export type TotpCheck =
  /** The code belongs to `step`, within the skew window and after the last used step. */
  | { readonly result: 'MATCH'; readonly step: number }
  /** The code belongs to `step` in the window, but that step is <= lastUsedStep (replay). */
  | { readonly result: 'REUSED'; readonly step: number }
  /** Not a 6-digit code, or the code of no step in the window. */
  | { readonly result: 'MISMATCH' };

/**
 * Checks `userCode` against the steps current-1, current, current+1 (TOTP_SKEW_STEPS) at `nowMs`,
 * comparing every candidate in constant time. A step <= `lastUsedStep` cannot match (pass
 * null/undefined when replay protection is off). If the code matches several steps (a 1-in-10^6
 * coincidence), the earliest acceptable one is taken. Lets callers tell a replay
 * (ExpiredCodeException) from a wrong code (CodeMismatchException / EnableSoftwareTokenMFAException).
 */
export function checkTotp(
  secretCode: string,
  userCode: string,
  nowMs: number,
  lastUsedStep?: number | null,
): TotpCheck {
  const current = totpStep(nowMs);
  const key = decodeSecretCode(secretCode).toString('hex');
  if (!USER_CODE_PATTERN.test(userCode)) return { result: 'MISMATCH' };
  const given = Buffer.from(userCode, 'ascii');

  let accepted: number | null = null;
  let reused: number | null = null;
  for (let step = current - TOTP_SKEW_STEPS; step <= current + TOTP_SKEW_STEPS; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotpSha1.generate(key, step), 'ascii');
    // Both are exactly TOTP_DIGITS ASCII digits, so the lengths agree; no early exit.
    const equal = timingSafeEqual(given, expected);
    if (!equal) continue;
    if (lastUsedStep != null && step <= lastUsedStep) reused = step;
    else if (accepted === null) accepted = step;
  }
  if (accepted !== null) return { result: 'MATCH', step: accepted };
  if (reused !== null) return { result: 'REUSED', step: reused };
  return { result: 'MISMATCH' };
}

/**
 * The matched time step (to store as the user's lastUsedStep), or null when the code is malformed,
 * outside the ±1-step window, or belongs to a step <= `lastUsedStep` (already used).
 * Use `checkTotp` to distinguish a replay from a wrong code.
 */
export function matchTotp(
  secretCode: string,
  userCode: string,
  nowMs: number,
  lastUsedStep?: number | null,
): number | null {
  const check = checkTotp(secretCode, userCode, nowMs, lastUsedStep);
  return check.result === 'MATCH' ? check.step : null;
}

/**
 * The key URI authenticator apps scan, in the shape Amplify's `setUpTOTP().getSetupUri(appName,
 * accountName)` builds: `otpauth://totp/{issuer}:{accountName}?secret={SecretCode}&issuer={issuer}`
 * (we percent-encode the parts; defaults SHA1/6/30 are implied, as in Amplify's URI).
 */
export function otpauthUri(options: { issuer: string; accountName: string; secretCode: string }): string {
  const issuer = encodeURIComponent(options.issuer);
  const account = encodeURIComponent(options.accountName);
  return `otpauth://totp/${issuer}:${account}?secret=${options.secretCode}&issuer=${issuer}`;
}
