/**
 * Client side of Cognito's SRP, written for tests from the client algorithm in
 * /work/shared/spec/srp-and-devices.md (A.2, B.4) — deliberately independent of src/domain/srp.ts:
 * plain BigInt arithmetic, its own encodings, nothing imported from src/.
 * Slow (tens of ms per exponentiation) and not constant-time; never use outside tests.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

/** Exported so tests can hand the server degenerate values such as A = N. */
export const SRP_PRIME: bigint = N;

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = ((base % m) + m) % m;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** amazon-cognito-identity-js `padHex` for non-negative integers. */
export function clientPadHex(n: bigint): string {
  let s = n.toString(16);
  if (s.length % 2) s = `0${s}`;
  if (/^[89a-f]/i.test(s)) s = `00${s}`;
  return s;
}

/** `hash(str)`: SHA-256 of the UTF-8 string, hex. */
const hash = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
/** `hexHash(hexStr)`: SHA-256 of the bytes the hex string denotes, hex. */
const hexHash = (h: string): string => createHash('sha256').update(Buffer.from(h, 'hex')).digest('hex');
const big = (h: string): bigint => BigInt(`0x${h}`);

const k = big(hexHash(clientPadHex(N) + clientPadHex(g)));

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** TIMESTAMP exactly as amazon-cognito-identity-js DateHelper / Amplify format it. */
export function clientTimestamp(now: Date = new Date()): string {
  const hh = now.getUTCHours() < 10 ? `0${now.getUTCHours()}` : `${now.getUTCHours()}`;
  const mm = now.getUTCMinutes() < 10 ? `0${now.getUTCMinutes()}` : `${now.getUTCMinutes()}`;
  const ss = now.getUTCSeconds() < 10 ? `0${now.getUTCSeconds()}` : `${now.getUTCSeconds()}`;
  return `${DAYS[now.getUTCDay()]} ${MONTH_NAMES[now.getUTCMonth()]} ${now.getUTCDate()} ${hh}:${mm}:${ss} UTC ${now.getUTCFullYear()}`;
}

/** The client's ephemeral pair. `A` is what goes into SRP_A (`A.toString(16)`). */
export interface ClientEphemeral {
  a: bigint;
  A: string;
}

/** a = 128 random bytes (or the given hex), A = g^a mod N. */
export function generateSrpA(aHex?: string): ClientEphemeral {
  for (;;) {
    const a = aHex !== undefined ? big(aHex) : big(randomBytes(128).toString('hex'));
    const A = modPow(g, a, N);
    if (A % N !== 0n) return { a, A: A.toString(16) };
    if (aHex !== undefined) throw new Error('A mod N == 0');
  }
}

/** Everything the client derives while answering a challenge; `signature` is PASSWORD_CLAIM_SIGNATURE. */
export interface ClientClaim {
  signature: string;
  x: string;
  u: string;
  S: string;
  hkdfKey: string;
}

interface ClaimParams {
  prefix: string;
  identity: string;
  secret: string;
  ephemeral: ClientEphemeral;
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  TIMESTAMP: string;
}

function computeClaim(p: ClaimParams): ClientClaim {
  const A = big(p.ephemeral.A);
  const B = big(p.SRP_B);
  if (B % N === 0n) throw new Error('B cannot be zero.');
  const u = big(hexHash(clientPadHex(A) + clientPadHex(B)));
  if (u === 0n) throw new Error('U cannot be zero.');
  const x = big(hexHash(clientPadHex(big(p.SALT)) + hash(`${p.prefix}${p.identity}:${p.secret}`)));
  const gModPowXN = modPow(g, x, N);
  const base = (((B - k * gModPowXN) % N) + N) % N;
  const S = modPow(base, p.ephemeral.a + u * x, N);
  const prk = createHmac('sha256', Buffer.from(clientPadHex(u), 'hex'))
    .update(Buffer.from(clientPadHex(S), 'hex'))
    .digest();
  const hkdfKey = createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
  const signature = createHmac('sha256', hkdfKey)
    .update(
      Buffer.concat([
        Buffer.from(p.prefix, 'utf8'),
        Buffer.from(p.identity, 'utf8'),
        Buffer.from(p.SECRET_BLOCK, 'base64'),
        Buffer.from(p.TIMESTAMP, 'utf8'),
      ]),
    )
    .digest('base64');
  return { signature, x: x.toString(16), u: u.toString(16), S: S.toString(16), hkdfKey: hkdfKey.toString('hex') };
}

/** PASSWORD_VERIFIER answer for a user (poolName = pool id after `_`, userIdForSrp = USER_ID_FOR_SRP). */
export function passwordClaim(p: {
  poolName: string;
  userIdForSrp: string;
  password: string;
  ephemeral: ClientEphemeral;
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  TIMESTAMP: string;
}): ClientClaim {
  return computeClaim({ ...p, prefix: p.poolName, identity: p.userIdForSrp, secret: p.password });
}

/** DEVICE_PASSWORD_VERIFIER answer: prefix DeviceGroupKey, identity DeviceKey, secret the device password. */
export function devicePasswordClaim(p: {
  deviceGroupKey: string;
  deviceKey: string;
  devicePassword: string;
  ephemeral: ClientEphemeral;
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  TIMESTAMP: string;
}): ClientClaim {
  return computeClaim({ ...p, prefix: p.deviceGroupKey, identity: p.deviceKey, secret: p.devicePassword });
}

/** What amazon-cognito-identity-js sends to ConfirmDevice, plus the password it keeps on the device. */
export interface GeneratedDeviceVerifier {
  devicePassword: string;
  /** DeviceSecretVerifierConfig.PasswordVerifier (base64 of padHex(v) bytes). */
  PasswordVerifier: string;
  /** DeviceSecretVerifierConfig.Salt (base64 of padHex(salt) bytes). */
  Salt: string;
}

/**
 * amazon-cognito-identity-js `generateHashDevice` + CognitoUser's DeviceSecretVerifierConfig:
 * devicePassword = base64(40 random bytes), saltHex = padHex(int(16 random bytes)),
 * v = g^H(saltHex ‖ H(groupKey ‖ deviceKey ‖ ":" ‖ devicePassword)), both sent as base64 of their padHex bytes.
 * `fixed` pins the password and salt (hex) for test vectors.
 */
export function generateDeviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  fixed: { devicePassword?: string; saltHex?: string } = {},
): GeneratedDeviceVerifier {
  const devicePassword = fixed.devicePassword ?? randomBytes(40).toString('base64');
  const saltHex = clientPadHex(big(fixed.saltHex ?? randomBytes(16).toString('hex')));
  const x = big(hexHash(saltHex + hash(`${deviceGroupKey}${deviceKey}:${devicePassword}`)));
  const verifierHex = clientPadHex(modPow(g, x, N));
  return {
    devicePassword,
    PasswordVerifier: Buffer.from(verifierHex, 'hex').toString('base64'),
    Salt: Buffer.from(saltHex, 'hex').toString('base64'),
  };
}
