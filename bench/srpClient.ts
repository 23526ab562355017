/**
 * The client half of Cognito's SRP for the benchmark, as amazon-cognito-identity-js computes it, but
 * with OpenSSL doing the modular exponentiations (Diffie-Hellman objects) so the load generator
 * spends about a millisecond per sign-in, not the tens that BigInt square-and-multiply costs.
 * Nothing here is imported from src/: the server must agree with an independent computation.
 */
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt(`0x${N_HEX}`);
const N_BYTES = N_HEX.length / 2;
const N_BUFFER = Buffer.from(N_HEX, 'hex');
const G_BUFFER = Buffer.from([2]);

const toBig = (hex: string) => BigInt(`0x${hex}`);
const bytesOf = (n: bigint, width?: number) => {
  let hex = n.toString(16);
  if (width) hex = hex.padStart(width * 2, '0');
  else if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
};
/** The client's padHex: even-length hex, `00` prefixed when the top bit is set. */
const padHex = (n: bigint) => {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
};
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** base^exponent mod N by OpenSSL: a DH object's computeSecret is other^private mod p. */
function modPow(base: bigint, exponent: bigint): bigint {
  const dh = createDiffieHellman(N_BUFFER, G_BUFFER);
  dh.setPrivateKey(bytesOf(exponent));
  return toBig(dh.computeSecret(bytesOf(base, N_BYTES)).toString('hex'));
}
function powG(exponent: bigint): bigint {
  const dh = createDiffieHellman(N_BUFFER, G_BUFFER);
  dh.setPrivateKey(bytesOf(exponent));
  return toBig(dh.generateKeys().toString('hex'));
}

const k = toBig(sha256Hex(Buffer.from(padHex(N) + padHex(2n), 'hex')));

export interface Ephemeral {
  a: bigint;
  /** SRP_A as the clients send it. */
  A: string;
}

/** a = 128 random bytes, A = g^a mod N. */
export function newEphemeral(): Ephemeral {
  const a = toBig(randomBytes(128).toString('hex'));
  return { a, A: powG(a).toString(16) };
}

/** The password's x and g^x for one user, which do not change between sign-ins (salt is fixed). */
export interface PasswordSecret {
  x: bigint;
  gx: bigint;
}

export function passwordSecret(poolName: string, userIdForSrp: string, password: string, saltHex: string): PasswordSecret {
  const x = toBig(sha256Hex(Buffer.from(padHex(toBig(saltHex)) + sha256Hex(`${poolName}${userIdForSrp}:${password}`), 'hex')));
  return { x, gx: powG(x) };
}

/** PASSWORD_CLAIM_SIGNATURE for one PASSWORD_VERIFIER challenge. */
export function claimSignature(p: {
  poolName: string;
  userIdForSrp: string;
  secret: PasswordSecret;
  ephemeral: Ephemeral;
  srpB: string;
  secretBlock: string;
  timestamp: string;
}): string {
  const A = toBig(p.ephemeral.A);
  const B = toBig(p.srpB);
  const u = toBig(sha256Hex(Buffer.from(padHex(A) + padHex(B), 'hex')));
  const base = (((B - k * p.secret.gx) % N) + N) % N;
  const S = modPow(base, p.ephemeral.a + u * p.secret.x);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(p.poolName), Buffer.from(p.userIdForSrp), Buffer.from(p.secretBlock, 'base64'), Buffer.from(p.timestamp)]))
    .digest('base64');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** TIMESTAMP as the JS clients format it: `Tue Mar 4 09:05:01 UTC 2025` (day not padded). */
export function srpTimestamp(now = new Date()): string {
  return `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} UTC ${now.getUTCFullYear()}`;
}
