/** Identifiers and random values shaped like AWS's. All randomness of kognito comes from here. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CLIENT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `us-east-1_AbC123xyZ`: region, underscore, 9 alphanumerics. */
export const newUserPoolId = (region: string) => `${region}_${pick(ALPHANUMERIC, 9)}`;
/** 26 lowercase alphanumerics, like real app client ids. */
export const newClientId = () => pick(CLIENT_ID_ALPHABET, 26);
/** 51 characters of [a-z0-9], within the model's ClientSecretType (24-64, [\w+]+). */
export const newClientSecret = () => pick(CLIENT_ID_ALPHABET, 51);
export const uuid = () => randomUUID();
/**
 * Every code kognito emails or texts: 6 decimal digits, leading zeros possible, or the configured fixed
 * code (--fixed-code) so test suites can type it. New kinds of code come from here too.
 */
export const newConfirmationCode = (config: { fixedCode?: string }) => config.fixedCode ?? String(randomInt(1_000_000)).padStart(6, '0');
/**
 * Random bytes as base64url, never starting with "-": developers pass these to the aws CLI as an
 * option's argument, and `--token -Xy...` is read as an option ("argument --token: expected one argument").
 */
export function randomToken(bytes: number): string {
  const token = randomBytes(bytes).toString('base64url');
  return token.startsWith('-') ? randomToken(bytes) : token;
}
/**
 * AWS's challenge Sessions are AWS Encryption SDK messages in base64url, all beginning "AYABe" (version 1,
 * type 128, algorithm 0x0178) [OBS amplify-js#12887]. Ours carry the same four header bytes before their
 * own (random, or derived from an SRP secret block): they look alike and never start with "-" (see randomToken).
 */
const SESSION_HEADER = Buffer.from([0x01, 0x80, 0x01, 0x78]);
export const sessionToken = (body: Uint8Array = randomBytes(192)) => Buffer.concat([SESSION_HEADER, body]).toString('base64url');
/** `us-east-1_<uuid>`. */
export const newDeviceKey = (region: string) => `${region}_${randomUUID()}`;
/** `-` followed by 9 characters of [A-Za-z0-9], like `-v7w9UcY6`. */
export const newDeviceGroupKey = () => `-${pick(ALPHANUMERIC, 9)}`;
/** Temporary passwords satisfy any policy of `length` or fewer characters: upper, lower, digit, symbol. */
export const newTemporaryPassword = (length = 9) =>
  pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 2) + pick('abcdefghijkmnopqrstuvwxyz', Math.max(length, 9) - 5) + pick('23456789', 2) + pick('^$*.[]{}()?!@#%&', 1);

/** The SRP "pool name": the part of the pool id after the underscore. */
export const poolNameOf = (userPoolId: string) => userPoolId.slice(userPoolId.indexOf('_') + 1);
/** `import-` and 10 alphanumerics, like `import-qQ0DCt2fRh` (aws CLI examples). */
export const newUserImportJobId = () => `import-${pick(ALPHANUMERIC, 10)}`;
/** A pre-signed URL's X-Amz-Signature: 64 hex digits, as SigV4's. */
export const newUrlSignature = () => randomBytes(32).toString('hex');
