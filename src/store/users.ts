import type { Statements } from './db.js';

export type UserStatus =
  | 'UNCONFIRMED'
  | 'CONFIRMED'
  | 'FORCE_CHANGE_PASSWORD'
  | 'RESET_REQUIRED'
  | 'ARCHIVED'
  | 'COMPROMISED'
  | 'UNKNOWN'
  | 'EXTERNAL_PROVIDER';

/**
 * What an outstanding code confirms: sign-up, a password reset, or one attribute's new value. Each
 * purpose holds at most one live code; a new one supersedes it.
 */
export type CodePurpose = 'SIGN_UP' | 'FORGOT_PASSWORD' | 'VERIFY_EMAIL' | 'VERIFY_PHONE_NUMBER';

/** An outstanding confirmation code; only its salted HMAC is kept. */
export interface StoredCode {
  codeHash: string;
  salt: string;
  attributeName: string | null;
  expiresAt: number;
  failedAttempts: number;
  /** Codes this one replaced (newest first): still recognised, to answer them as expired. */
  superseded: { codeHash: string; salt: string }[];
}

/** A user's software token (authenticator app) and MFA preferences. */
export interface UserMfa {
  softwareToken?: {
    secretCode: string;
    verified: boolean;
    /** Time step of the last accepted code: a code is never accepted twice. */
    lastUsedStep?: number;
    friendlyDeviceName?: string;
  };
  /** Secret handed out by AssociateSoftwareToken (AccessToken path), until VerifySoftwareToken proves it. */
  pendingSecretCode?: string;
  /** MFA methods the user turned on (UserMFASettingList), e.g. ['SOFTWARE_TOKEN_MFA']. */
  enabled?: string[];
  preferred?: string;
  /**
   * SMS MFA turned on through the legacy SetUserSettings (MFAOptions): it asks for SMS codes at
   * sign-in and shows in MFAOptions, not in UserMFASettingList (aws-sdk-java-v2 #4869).
   */
  mfaOptionsSms?: boolean;
}

export interface User {
  userPoolId: string;
  username: string;
  usernameKey: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  attributes: Record<string, string>;
  passwordSalt: string | null;
  passwordVerifier: string | null;
  mfa: UserMfa;
  /** Outstanding codes by purpose: kept in the user's row, so confirming writes one row. */
  codes: Partial<Record<CodePurpose, StoredCode>>;
  /** Wrong passwords in a row, and until when (ms) password sign-in is locked because of them. */
  failedSignIns: number;
  lockedUntil: number;
  createdAt: number;
  modifiedAt: number;
}

interface UserRow {
  user_pool_id: string;
  username: string;
  username_key: string;
  sub: string;
  status: UserStatus;
  enabled: number;
  attributes: string;
  password_salt: string | null;
  password_verifier: string | null;
  mfa: string;
  codes: string;
  failed_sign_ins: number;
  locked_until: number;
  created_at: number;
  modified_at: number;
}

const COLUMNS =
  'user_pool_id, username, username_key, sub, status, enabled, attributes, password_salt, password_verifier, mfa, codes, failed_sign_ins, locked_until, created_at, modified_at';

const fromRow = (row: UserRow | undefined): User | undefined =>
  row && {
    userPoolId: row.user_pool_id,
    username: row.username,
    usernameKey: row.username_key,
    sub: row.sub,
    status: row.status,
    enabled: row.enabled === 1,
    attributes: JSON.parse(row.attributes),
    passwordSalt: row.password_salt,
    passwordVerifier: row.password_verifier,
    mfa: JSON.parse(row.mfa),
    codes: JSON.parse(row.codes),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };

/** Attributes that can address a user besides the username. */
export type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';

/** The alias columns of a user, as one comparable string. */
const aliasesOf = (attributes: Record<string, string>) =>
  JSON.stringify([attributes.email ?? null, attributes.phone_number ?? null, attributes.preferred_username ?? null]);

export class Users {
  /**
   * The alias values each loaded user had in the store: update() rewrites the indexed alias columns
   * only when they changed, which keeps the common writes (ConfirmSignUp, MFA) to one page.
   */
  private readonly storedAliases = new WeakMap<User, string>();
  constructor(private readonly store: Statements) {}

  private loaded(row: UserRow | undefined): User | undefined {
    const user = fromRow(row);
    if (user) this.storedAliases.set(user, aliasesOf(user.attributes));
    return user;
  }

  byUsernameKey(userPoolId: string, usernameKey: string): User | undefined {
    return this.loaded(
      this.store.stmt(`SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND username_key = ?`).get(userPoolId, usernameKey) as
        | UserRow
        | undefined,
    );
  }

  bySub(userPoolId: string, sub: string): User | undefined {
    return this.loaded(
      this.store.stmt(`SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND sub = ?`).get(userPoolId, sub) as UserRow | undefined,
    );
  }

  /**
   * Users whose alias attribute equals value. Email and preferred_username compare case-insensitively
   * (as Cognito does for email); phone numbers exactly.
   */
  byAttribute(userPoolId: string, attribute: AliasAttribute, value: string): User[] {
    const sql =
      attribute === 'phone_number'
        ? `SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND phone_number = ?`
        : `SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND lower(${attribute}) = lower(?)`;
    return (this.store.stmt(sql).all(userPoolId, value) as UserRow[]).map((row) => this.loaded(row)!);
  }

  insert(user: User): void {
    this.store
      .stmt(`INSERT INTO users (${COLUMNS}, email, phone_number, preferred_username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        user.userPoolId,
        user.username,
        user.usernameKey,
        user.sub,
        user.status,
        user.enabled ? 1 : 0,
        JSON.stringify(user.attributes),
        user.passwordSalt,
        user.passwordVerifier,
        JSON.stringify(user.mfa),
        JSON.stringify(user.codes),
        user.failedSignIns,
        user.lockedUntil,
        user.createdAt,
        user.modifiedAt,
        user.attributes.email ?? null,
        user.attributes.phone_number ?? null,
        user.attributes.preferred_username ?? null,
      );
    this.storedAliases.set(user, aliasesOf(user.attributes));
  }

  /** Writes back every mutable field of the user. */
  update(user: User): void {
    const aliases = aliasesOf(user.attributes);
    if (this.storedAliases.get(user) !== aliases) {
      this.store
        .stmt('UPDATE users SET email = ?, phone_number = ?, preferred_username = ? WHERE user_pool_id = ? AND username_key = ?')
        .run(user.attributes.email ?? null, user.attributes.phone_number ?? null, user.attributes.preferred_username ?? null, user.userPoolId, user.usernameKey);
      this.storedAliases.set(user, aliases);
    }
    this.store
      .stmt(
        `UPDATE users SET status = ?, enabled = ?, attributes = ?, password_salt = ?, password_verifier = ?, mfa = ?, codes = ?, failed_sign_ins = ?, locked_until = ?, modified_at = ? WHERE user_pool_id = ? AND username_key = ?`,
      )
      .run(
        user.status,
        user.enabled ? 1 : 0,
        JSON.stringify(user.attributes),
        user.passwordSalt,
        user.passwordVerifier,
        JSON.stringify(user.mfa),
        JSON.stringify(user.codes),
        user.failedSignIns,
        user.lockedUntil,
        user.modifiedAt,
        user.userPoolId,
        user.usernameKey,
      );
  }

  /** The user and what is theirs: devices, refresh tokens, group memberships (every deletion path comes here). */
  delete(user: User): void {
    this.store.stmt('DELETE FROM users WHERE user_pool_id = ? AND username_key = ?').run(user.userPoolId, user.usernameKey);
    this.store.stmt('DELETE FROM devices WHERE user_pool_id = ? AND username = ?').run(user.userPoolId, user.username);
    this.store.stmt('DELETE FROM refresh_tokens WHERE user_pool_id = ? AND username = ?').run(user.userPoolId, user.username);
    this.store.stmt('DELETE FROM group_members WHERE user_pool_id = ? AND username_key = ?').run(user.userPoolId, user.usernameKey);
  }

  /** A pool's users in username order after `after` (exclusive; that user may have been deleted since). */
  list(userPoolId: string, after: string | undefined, limit: number): User[] {
    return (
      this.store
        .stmt(
          `SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND username_key > ? ORDER BY username_key LIMIT ?`,
        )
        .all(userPoolId, after ?? '', limit) as UserRow[]
    ).map((row) => this.loaded(row)!);
  }
}
