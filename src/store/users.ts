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
  /** When (ms) codes of this purpose were sent within the last CODE_SEND_WINDOW_MS, oldest first (throttling). */
  sentAt?: number[];
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
  /** New email / phone_number values kept aside until verified (the pool's AttributesRequireVerificationBeforeUpdate). */
  pendingAttributes?: Partial<Record<VerifiableAttribute, string>>;
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

/** The attributes Cognito can verify with a code. */
export type VerifiableAttribute = 'email' | 'phone_number';

interface UserRow {
  user_pool_id: string;
  username: string;
  username_key: string;
  sub: string;
  status: UserStatus;
  enabled: number;
  attributes: string;
  pending_attributes: string;
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
  'user_pool_id, username, username_key, sub, status, enabled, attributes, pending_attributes, password_salt, password_verifier, mfa, codes, failed_sign_ins, locked_until, created_at, modified_at';

const fromRow = (row: UserRow | undefined): User | undefined =>
  row && {
    userPoolId: row.user_pool_id,
    username: row.username,
    usernameKey: row.username_key,
    sub: row.sub,
    status: row.status,
    enabled: row.enabled === 1,
    attributes: JSON.parse(row.attributes),
    pendingAttributes: JSON.parse(row.pending_attributes),
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

/**
 * Attributes copied into their own columns for the indexes (alias look-ups, ListUsers searches). A
 * write assigns them only when they changed: SQLite rewrites an index only when its columns are
 * assigned, so the common writes (confirmation, MFA, codes, failed sign-ins) touch the row alone.
 */
const INDEXED = ['email', 'phone_number', 'preferred_username', 'name', 'given_name', 'family_name'] as const;
const indexedValues = (user: User) => INDEXED.map((column) => user.attributes[column] ?? null);

/**
 * How ListUsers searches each filterable attribute. Most have an index whose order pages follow
 * (case-insensitive ones on the lower-cased value: the caller folds what it compares, ASCII only, as
 * SQLite's lower() does); username is searched through the primary key. status and
 * cognito:user_status have no index (see migration 2): they are searched by scanning a bounded
 * window of the pool in username order, so a page may come back short, with a PaginationToken.
 */
const SEARCHES = {
  username: { kind: 'username' },
  email: { kind: 'index', column: 'email', expression: 'lower(email)' },
  phone_number: { kind: 'index', column: 'phone_number', expression: 'phone_number' },
  name: { kind: 'index', column: 'name', expression: 'lower(name)' },
  given_name: { kind: 'index', column: 'given_name', expression: 'lower(given_name)' },
  family_name: { kind: 'index', column: 'family_name', expression: 'lower(family_name)' },
  preferred_username: { kind: 'index', column: 'preferred_username', expression: 'lower(preferred_username)' },
  sub: { kind: 'index', column: 'sub', expression: 'sub' },
  'cognito:user_status': { kind: 'scan', column: 'status' },
  status: { kind: 'scan', column: 'enabled' },
} as const;
export type SearchableAttribute = keyof typeof SEARCHES;

/** equals one value; or at least `from` and (when given) below `below`: a prefix; or one of a few values. */
export type SearchCondition = { equals: string } | { from: string; below?: string } | { oneOf: (string | number)[] };

/** Where a search page ended: the searched value and the username key of the last user looked at. */
export type SearchPosition = [string | number, string];

/** Rows a status search looks at per page, at most: a page costs the same in a pool of any size. */
export const STATUS_SCAN_WINDOW = 2000;

function conditionSql(expression: string, condition: SearchCondition, parameters: (string | number)[]): string[] {
  if ('equals' in condition) {
    parameters.push(condition.equals);
    return [`${expression} = ?`];
  }
  if ('from' in condition) {
    parameters.push(condition.from);
    if (condition.below === undefined) return [`${expression} >= ?`];
    parameters.push(condition.below);
    return [`${expression} >= ?`, `${expression} < ?`];
  }
  parameters.push(...condition.oneOf);
  return [condition.oneOf.length ? `${expression} IN (${condition.oneOf.map(() => '?').join(', ')})` : '0'];
}

export class Users {
  /** The indexed column values each loaded user had in the store (see INDEXED). */
  private readonly stored = new WeakMap<User, (string | null)[]>();
  constructor(private readonly store: Statements) {}

  private loaded(row: UserRow | undefined): User | undefined {
    const user = fromRow(row);
    if (user) this.stored.set(user, indexedValues(user));
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
        ? `SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND phone_number IS NOT NULL AND phone_number = ?`
        : `SELECT ${COLUMNS} FROM users WHERE user_pool_id = ? AND ${attribute} IS NOT NULL AND lower(${attribute}) = lower(?)`;
    return (this.store.stmt(sql).all(userPoolId, value) as UserRow[]).map((row) => this.loaded(row)!);
  }

  insert(user: User): void {
    const indexed = indexedValues(user);
    this.store
      .stmt(
        `INSERT INTO users (${COLUMNS}, ${INDEXED.join(', ')}) VALUES (${Array(16 + INDEXED.length).fill('?').join(', ')})`,
      )
      .run(
        user.userPoolId,
        user.username,
        user.usernameKey,
        user.sub,
        user.status,
        user.enabled ? 1 : 0,
        JSON.stringify(user.attributes),
        JSON.stringify(user.pendingAttributes ?? {}),
        user.passwordSalt,
        user.passwordVerifier,
        JSON.stringify(user.mfa),
        JSON.stringify(user.codes),
        user.failedSignIns,
        user.lockedUntil,
        user.createdAt,
        user.modifiedAt,
        ...indexed,
      );
    this.stored.set(user, indexed);
  }

  /** Writes back every mutable field of the user, in one statement that assigns only the indexed columns that changed. */
  update(user: User): void {
    const indexed = indexedValues(user);
    const before = this.stored.get(user);
    const changed = INDEXED.map((_, i) => i).filter((i) => !before || before[i] !== indexed[i]);
    this.store
      .stmt(
        `UPDATE users SET status = ?, enabled = ?, attributes = ?, pending_attributes = ?, password_salt = ?, password_verifier = ?, mfa = ?, codes = ?, failed_sign_ins = ?, locked_until = ?, modified_at = ?${changed.map((i) => `, ${INDEXED[i]} = ?`).join('')} WHERE user_pool_id = ? AND username_key = ?`,
      )
      .run(
        user.status,
        user.enabled ? 1 : 0,
        JSON.stringify(user.attributes),
        JSON.stringify(user.pendingAttributes ?? {}),
        user.passwordSalt,
        user.passwordVerifier,
        JSON.stringify(user.mfa),
        JSON.stringify(user.codes),
        user.failedSignIns,
        user.lockedUntil,
        user.modifiedAt,
        ...changed.map((i) => indexed[i]),
        user.userPoolId,
        user.usernameKey,
      );
    this.stored.set(user, indexed);
  }

  /** The user and everything of theirs: devices, tokens, sign-ins in progress, password history, events, group memberships (every deletion path comes here). */
  delete(user: User): void {
    this.store.stmt('DELETE FROM users WHERE user_pool_id = ? AND username_key = ?').run(user.userPoolId, user.usernameKey);
    for (const table of ['devices', 'refresh_tokens', 'auth_sessions', 'password_history', 'auth_events']) {
      this.store.stmt(`DELETE FROM ${table} WHERE user_pool_id = ? AND username = ?`).run(user.userPoolId, user.username);
    }
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

  /**
   * A page of the users one filterable attribute matches, after `after`, and where the next page
   * starts when there may be one. For username, `key` is the same condition on the username key.
   */
  search(
    userPoolId: string,
    attribute: SearchableAttribute,
    condition: SearchCondition,
    key: SearchCondition | undefined,
    after: SearchPosition | undefined,
    limit: number,
  ): { users: User[]; next?: SearchPosition } {
    const search = SEARCHES[attribute];
    const parameters: (string | number)[] = [userPoolId];
    const where = ['user_pool_id = ?'];
    const order = search.kind === 'index' ? search.expression : 'username_key';
    if (search.kind === 'index') where.push(`${search.column} IS NOT NULL`);
    // A page after a position starts its index walk there: SQLite walks from the FIRST lower bound it
    // is given on the ordered value (a row value is only checked row by row), so the position's bound
    // comes before the condition's (measured: 40 ms for a page in the middle of 100,000 users the
    // other way round, 0.03 ms this way).
    if (after && search.kind === 'index') {
      where.push(`${order} >= ?`, `(${order}, username_key) > (?, ?)`);
      parameters.push(after[0], ...after);
    } else if (after) {
      where.push('username_key > ?');
      parameters.push(after[1]);
    }
    if (search.kind === 'index') {
      where.push(...conditionSql(search.expression, condition, parameters));
    } else if (search.kind === 'username') {
      where.push(...conditionSql('username_key', key ?? condition, parameters), ...conditionSql('username', condition, parameters));
    } else {
      where.push(...conditionSql(search.column, condition, parameters));
    }
    let windowEnd: string | undefined;
    if (search.kind === 'scan') {
      // The last username key of the window this page may look at (read from the primary key index alone).
      windowEnd = (
        this.store
          .stmt('SELECT max(username_key) AS k FROM (SELECT username_key FROM users WHERE user_pool_id = ? AND username_key > ? ORDER BY username_key LIMIT ?)')
          .get(userPoolId, after?.[1] ?? '', STATUS_SCAN_WINDOW) as { k: string | null }
      ).k ?? undefined;
      if (windowEnd === undefined) return { users: [] };
      where.push('username_key <= ?');
      parameters.push(windowEnd);
    }
    const rows = this.store
      .stmt(`SELECT ${COLUMNS}, ${order} AS searched FROM users WHERE ${where.join(' AND ')} ORDER BY ${order}, username_key LIMIT ?`)
      .all(...parameters, limit + 1) as (UserRow & { searched: string | number })[];
    const users = rows.slice(0, limit).map((row) => this.loaded(row)!);
    const last = rows[Math.min(rows.length, limit) - 1];
    if (rows.length > limit) return { users, next: [last.searched, last.username_key] };
    if (windowEnd !== undefined && this.store.stmt('SELECT 1 FROM users WHERE user_pool_id = ? AND username_key > ? LIMIT 1').get(userPoolId, windowEnd)) {
      return { users, next: [windowEnd, windowEnd] };
    }
    return { users };
  }
}
