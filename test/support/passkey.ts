/**
 * A software passkey authenticator for the tests: a P-256 key pair (node:crypto) that answers
 * navigator.credentials.create() and .get() as a browser's PublicKeyCredential.toJSON() shows them —
 * authenticator data, a "none" attestation object in CBOR, clientDataJSON, an ES256 signature — so the
 * server's checks (@simplewebauthn/server) run on what a real browser would send.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** The smallest CBOR encoder an authenticator needs: unsigned and negative integers, byte and text strings, maps. */
function cbor(value: number | string | Uint8Array | Map<number | string, unknown>): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const four = Buffer.alloc(5);
    four[0] = (major << 5) | 26;
    four.writeUInt32BE(n, 1);
    return four;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = [...value.entries()].flatMap(([key, item]) => [cbor(key), cbor(item as never)]);
  return Buffer.concat([head(5, value.size), ...entries]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/** Authenticator data flags: user present, user verified, attested credential data included. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export interface CeremonyOptions {
  /** The page's origin the browser writes in clientDataJSON. */
  origin?: string;
  /** The relying party whose SHA-256 the authenticator writes (default: the options' one). */
  rpId?: string;
  /** Whether the authenticator verified the user (PIN, biometrics). */
  userVerified?: boolean;
  /** Sign with another key than the registered one (sign-in). */
  signWith?: KeyObject;
  /** The signature counter to report (sign-in; default: one more than last time). */
  signCount?: number;
  /** The challenge to sign instead of the options' one. */
  challenge?: string;
}

export class SoftwarePasskey {
  readonly credentialId = b64url(randomBytes(20));
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private signCount = 0;

  constructor(readonly origin: string) {}

  /** Another key, for signatures the server must refuse. */
  static strangerKey = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  /** The public key as a COSE_Key (EC2, ES256, P-256). */
  private coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  private clientData(type: string, challenge: string, origin: string) {
    return b64url(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create({publicKey: options}).toJSON(): a RegistrationResponseJSON with a "none" attestation. */
  register(options: { challenge: string; rp: { id: string } }, ceremony: CeremonyOptions = {}) {
    const credentialId = Buffer.from(this.credentialId, 'base64url');
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const counter = Buffer.alloc(4);
    const authData = Buffer.concat([
      sha256(ceremony.rpId ?? options.rp.id),
      Buffer.from([UP | AT | (ceremony.userVerified === false ? 0 : UV)]),
      counter,
      Buffer.alloc(16), // AAGUID: none given
      idLength,
      credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return this.credential({
      clientDataJSON: this.clientData('webauthn.create', ceremony.challenge ?? options.challenge, ceremony.origin ?? this.origin),
      attestationObject: b64url(attestationObject),
      transports: ['internal', 'hybrid'],
      // What toJSON() adds from getAuthenticatorData(), getPublicKey() (SPKI) and getPublicKeyAlgorithm().
      authenticatorData: b64url(authData),
      publicKey: b64url(this.keys.publicKey.export({ type: 'spki', format: 'der' })),
      publicKeyAlgorithm: -7,
    });
  }

  /** navigator.credentials.get({publicKey: options}).toJSON(): an AuthenticationResponseJSON signed with the key. */
  authenticate(options: { challenge: string; rpId: string }, ceremony: CeremonyOptions = {}) {
    this.signCount = ceremony.signCount ?? this.signCount + 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.signCount);
    const authData = Buffer.concat([sha256(ceremony.rpId ?? options.rpId), Buffer.from([UP | (ceremony.userVerified === false ? 0 : UV)]), counter]);
    const clientDataJSON = this.clientData('webauthn.get', ceremony.challenge ?? options.challenge, ceremony.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]), ceremony.signWith ?? this.keys.privateKey);
    return this.credential({ clientDataJSON, authenticatorData: b64url(authData), signature: b64url(signature) });
  }

  /** The PublicKeyCredential.toJSON() around a ceremony's response. */
  private credential<R>(response: R) {
    return { id: this.credentialId, rawId: this.credentialId, type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {}, response };
  }
}
