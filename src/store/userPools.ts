import type { Statements } from './db.js';

/** UserPoolType as DescribeUserPool returns it (timestamps in epoch seconds). */
export interface UserPoolDescription {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: number;
  LastModifiedDate: number;
  Policies: { PasswordPolicy: PasswordPolicy; [k: string]: unknown };
  MfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  AutoVerifiedAttributes?: string[];
  AliasAttributes?: string[];
  UsernameAttributes?: string[];
  UsernameConfiguration?: { CaseSensitive?: boolean };
  DeviceConfiguration?: { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean };
  AdminCreateUserConfig?: { AllowAdminCreateUserOnly?: boolean; UnusedAccountValidityDays?: number };
  SchemaAttributes: SchemaAttribute[];
  LambdaConfig?: LambdaConfig;
  [member: string]: unknown;
}

/** The pool's Lambda triggers: function ARNs by trigger (LambdaConfigType). */
export interface LambdaConfig {
  PreSignUp?: string;
  CustomMessage?: string;
  PostConfirmation?: string;
  PreAuthentication?: string;
  PostAuthentication?: string;
  DefineAuthChallenge?: string;
  CreateAuthChallenge?: string;
  VerifyAuthChallengeResponse?: string;
  PreTokenGeneration?: string;
  UserMigration?: string;
  PreTokenGenerationConfig?: { LambdaVersion?: 'V1_0' | 'V2_0' | 'V3_0'; LambdaArn?: string };
  CustomSMSSender?: { LambdaVersion?: string; LambdaArn?: string };
  CustomEmailSender?: { LambdaVersion?: string; LambdaArn?: string };
  KMSKeyID?: string;
  [member: string]: unknown;
}

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  TemporaryPasswordValidityDays?: number;
  [k: string]: unknown;
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType?: string;
  Mutable?: boolean;
  Required?: boolean;
  [k: string]: unknown;
}

/** SetUserPoolMfaConfig's settings, kept beside the description (they are not part of UserPoolType). */
export interface PoolMfaConfig {
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  SmsMfaConfiguration?: Record<string, unknown>;
  EmailMfaConfiguration?: Record<string, unknown>;
  WebAuthnConfiguration?: Record<string, unknown>;
}

export interface UserPool {
  id: string;
  region: string;
  description: UserPoolDescription;
  mfaConfig: PoolMfaConfig;
}

export class UserPools {
  /** Pools are read on nearly every request and rarely written: parsed once, dropped on write. */
  private readonly cache = new Map<string, UserPool | undefined>();
  constructor(private readonly store: Statements) {}

  get(id: string): UserPool | undefined {
    if (this.cache.has(id)) return this.cache.get(id);
    const row = this.store.stmt('SELECT id, region, description, mfa_config FROM user_pools WHERE id = ?').get(id) as
      | { id: string; region: string; description: string; mfa_config: string }
      | undefined;
    const pool = row && {
      id: row.id,
      region: row.region,
      description: JSON.parse(row.description),
      mfaConfig: JSON.parse(row.mfa_config),
    };
    this.cache.set(id, pool);
    return pool;
  }

  insert(pool: UserPool, createdAt: number): void {
    this.store
      .stmt('INSERT INTO user_pools (id, region, description, mfa_config, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(pool.id, pool.region, JSON.stringify(pool.description), JSON.stringify(pool.mfaConfig), createdAt);
    this.cache.delete(pool.id);
  }

  update(pool: UserPool): void {
    this.store
      .stmt('UPDATE user_pools SET description = ?, mfa_config = ? WHERE id = ?')
      .run(JSON.stringify(pool.description), JSON.stringify(pool.mfaConfig), pool.id);
    this.cache.delete(pool.id);
  }

  /** The pool and all it owns: users, clients and keys by foreign key, the rest here. */
  delete(id: string): void {
    this.store.stmt('DELETE FROM user_pools WHERE id = ?').run(id);
    for (const table of ['devices', 'auth_sessions', 'refresh_tokens', 'password_history', 'auth_events', 'authorization_codes', 'hosted_sessions']) {
      this.store.stmt(`DELETE FROM ${table} WHERE user_pool_id = ?`).run(id);
    }
    this.cache.delete(id);
  }

  /** Pools in id order after `after` (exclusive; it may have been deleted since), at most `limit`. */
  list(after: string | undefined, limit: number): UserPool[] {
    const rows = this.store
      .stmt('SELECT id FROM user_pools WHERE id > ? ORDER BY id LIMIT ?')
      .all(after ?? '', limit) as { id: string }[];
    return rows.map((row) => this.get(row.id)!);
  }

  count(userPoolId: string): number {
    return (this.store.stmt('SELECT count(*) AS n FROM users WHERE user_pool_id = ?').get(userPoolId) as { n: number }).n;
  }

  signingKeys(userPoolId: string): SigningKeyRow[] {
    return this.store
      .stmt('SELECT token_use, kid, private_jwk, public_jwk FROM signing_keys WHERE user_pool_id = ? ORDER BY token_use')
      .all(userPoolId) as SigningKeyRow[];
  }

  insertSigningKey(userPoolId: string, key: SigningKeyRow): void {
    this.store
      .stmt('INSERT INTO signing_keys (user_pool_id, token_use, kid, private_jwk, public_jwk) VALUES (?, ?, ?, ?, ?)')
      .run(userPoolId, key.token_use, key.kid, key.private_jwk, key.public_jwk);
  }

  forgetCache(): void {
    this.cache.clear();
  }
}

export interface SigningKeyRow {
  token_use: 'id' | 'access';
  kid: string;
  private_jwk: string;
  public_jwk: string;
}
