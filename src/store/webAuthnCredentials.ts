import type { Statements } from './db.js';

/** A passkey registered by CompleteWebAuthnRegistration: what signing in with it is checked against. */
export interface WebAuthnCredential {
  userPoolId: string;
  /** base64url, as the authenticator made it (the assertion's id). */
  credentialId: string;
  usernameKey: string;
  /** The COSE_Key of the attested credential data. */
  publicKey: Uint8Array;
  signCount: number;
  relyingPartyId: string;
  friendlyName: string;
  authenticatorAttachment: string | null;
  transports: string[];
  createdAt: number;
}

/** A registration StartWebAuthnRegistration began: its challenge waits for CompleteWebAuthnRegistration. */
export interface WebAuthnRegistration {
  userPoolId: string;
  usernameKey: string;
  challenge: string;
  clientId: string;
  expiresAt: number;
}

interface CredentialRow {
  user_pool_id: string;
  credential_id: string;
  username_key: string;
  public_key: Buffer;
  sign_count: number;
  relying_party_id: string;
  friendly_name: string;
  authenticator_attachment: string | null;
  transports: string;
  created_at: number;
}

const fromRow = (row: CredentialRow): WebAuthnCredential => ({
  userPoolId: row.user_pool_id,
  credentialId: row.credential_id,
  usernameKey: row.username_key,
  publicKey: new Uint8Array(row.public_key),
  signCount: row.sign_count,
  relyingPartyId: row.relying_party_id,
  friendlyName: row.friendly_name,
  authenticatorAttachment: row.authenticator_attachment,
  transports: JSON.parse(row.transports),
  createdAt: row.created_at,
});

/** A credential's place in its user's list: creation time, then id. */
export const positionOf = (credential: WebAuthnCredential) => `${credential.createdAt}:${credential.credentialId}`;

/** Passkeys and pending passkey registrations; both go with their user (foreign keys). */
export class WebAuthnCredentials {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, credentialId: string): WebAuthnCredential | undefined {
    const row = this.store.stmt('SELECT * FROM webauthn_credentials WHERE user_pool_id = ? AND credential_id = ?').get(userPoolId, credentialId) as
      | CredentialRow
      | undefined;
    return row && fromRow(row);
  }

  insert(credential: WebAuthnCredential): void {
    this.store
      .stmt(
        `INSERT INTO webauthn_credentials (user_pool_id, credential_id, username_key, public_key, sign_count, relying_party_id, friendly_name,
         authenticator_attachment, transports, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        credential.userPoolId,
        credential.credentialId,
        credential.usernameKey,
        Buffer.from(credential.publicKey),
        credential.signCount,
        credential.relyingPartyId,
        credential.friendlyName,
        credential.authenticatorAttachment,
        JSON.stringify(credential.transports),
        credential.createdAt,
      );
  }

  updateSignCount(userPoolId: string, credentialId: string, signCount: number): void {
    this.store.stmt('UPDATE webauthn_credentials SET sign_count = ? WHERE user_pool_id = ? AND credential_id = ?').run(signCount, userPoolId, credentialId);
  }

  delete(userPoolId: string, credentialId: string): void {
    this.store.stmt('DELETE FROM webauthn_credentials WHERE user_pool_id = ? AND credential_id = ?').run(userPoolId, credentialId);
  }

  /** A user's passkeys in registration order, after the position `after` (see positionOf), at most `limit`. */
  listForUser(userPoolId: string, usernameKey: string, after: string | undefined, limit: number): WebAuthnCredential[] {
    const cut = after?.indexOf(':') ?? -1;
    const [createdAt, credentialId] = after && cut > 0 ? [Number(after.slice(0, cut)), after.slice(cut + 1)] : [-1, ''];
    return (
      this.store
        .stmt(
          `SELECT * FROM webauthn_credentials WHERE user_pool_id = ? AND username_key = ? AND (created_at, credential_id) > (?, ?)
           ORDER BY created_at, credential_id LIMIT ?`,
        )
        .all(userPoolId, usernameKey, createdAt, credentialId, limit) as CredentialRow[]
    ).map(fromRow);
  }

  countForUser(userPoolId: string, usernameKey: string): number {
    const row = this.store.stmt('SELECT count(*) AS n FROM webauthn_credentials WHERE user_pool_id = ? AND username_key = ?').get(userPoolId, usernameKey) as {
      n: number;
    };
    return row.n;
  }

  /** Starts (or restarts: one per user) a registration. */
  putRegistration(registration: WebAuthnRegistration): void {
    this.store
      .stmt(
        `INSERT INTO webauthn_registrations (user_pool_id, username_key, challenge, client_id, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_pool_id, username_key) DO UPDATE SET challenge = excluded.challenge, client_id = excluded.client_id, expires_at = excluded.expires_at`,
      )
      .run(registration.userPoolId, registration.usernameKey, registration.challenge, registration.clientId, registration.expiresAt);
  }

  /** The user's pending registration, removed from the store (call inside a claim: domain/singleUse.ts). */
  takeRegistration(userPoolId: string, usernameKey: string): WebAuthnRegistration | undefined {
    const row = this.store
      .stmt('DELETE FROM webauthn_registrations WHERE user_pool_id = ? AND username_key = ? RETURNING *')
      .get(userPoolId, usernameKey) as { challenge: string; client_id: string; expires_at: number } | undefined;
    return row && { userPoolId, usernameKey, challenge: row.challenge, clientId: row.client_id, expiresAt: row.expires_at };
  }
}
