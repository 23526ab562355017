/**
 * The pool's SAML signing certificate (GetSigningCertificate): a self-signed X.509 v3 certificate
 * over the pool's ID-token key, valid ten years from the pool's creation. It is derived, not stored:
 * the same pool always answers with the same certificate, across restarts.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';

/** UNSURE: the subject (and issuer) Cognito's certificates name; real ones are issued by AWS. */
export const certificateSubject = (userPoolId: string) => `CN=${userPoolId}`;
/** API reference: "Issued certificates are valid for 10 years from the date of issue." */
export const CERTIFICATE_VALIDITY_YEARS = 10;

// DER, as much of it as a certificate needs.
const length = (n: number) => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const integer = (bytes: Buffer) => tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const nullValue = Buffer.from([0x05, 0x00]);
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let v = part >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
const commonName = (cn: string) => sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));
const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), nullValue);

/** The certificate as base64 DER (no PEM armour), as GetSigningCertificate returns it. */
export function signingCertificate(userPoolId: string, createdAtMs: number, key: { privateKey: KeyObject; publicKey: KeyObject }): string {
  const spki = key.publicKey.export({ type: 'spki', format: 'der' });
  const serial = createHash('sha256').update(spki).digest().subarray(0, 8);
  const notBefore = new Date(Math.floor(createdAtMs / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_VALIDITY_YEARS);
  const name = commonName(certificateSubject(userPoolId).slice('CN='.length));
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    SHA256_WITH_RSA,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, key.privateKey);
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature)).toString('base64');
}
