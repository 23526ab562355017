/**
 * ID and access tokens (RS256 JWTs with Cognito's claims), the opaque refresh token, and the check
 * every AccessToken-taking operation makes. Each pool has two RSA keys (one per token use), made once
 * at CreateUserPool and kept in the store so tokens and JWKS caches survive restarts.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, jwtVerify, type JWK } from 'jose';
import type { Store } from '../store/store.js';
import type { SigningKeyRow, UserPool } from '../store/userPools.js';
import type { UserPoolClientDescription } from '../store/userPoolClients.js';
import type { User } from '../store/users.js';
import type { Clock } from './clock.js';
import { randomToken, uuid } from './ids.js';
import { CognitoError, NotAuthorized, UserNotFound } from '../protocol/errors.js';
import { passwordResetRequired, USER_DISABLED, usernameKeyFor } from './users.js';
import { scopesOpen } from './oauth/scopes.js';
import { groupClaims, groupsOf } from './groups.js';
import { clientMayRead } from './attributes.js';
import type { Context } from '../context.js';
import { machineTokenGeneration, preTokenGeneration, type TokenGeneration } from './triggers/tokenGeneration.js';

export type TokenUse = 'id' | 'access';

const generateRsaKeyPair = promisify(generateKeyPair);

interface PoolKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
  publicKey: KeyObject;
}

/** The signing keys of every pool, loaded from the store once and kept in memory. */
export class KeyRing {
  private readonly keys = new Map<string, Map<TokenUse, PoolKey>>();
  constructor(private readonly store: Store) {}

  /** Makes the two RSA keys of a new pool (one per token use), for CreateUserPool to store. */
  async newSigningKeys(): Promise<SigningKeyRow[]> {
    // Generated off the event loop and side by side: RSA generation takes a few hundred ms per key.
    return Promise.all(
      (['access', 'id'] as const).map(async (tokenUse) => {
        const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048, publicExponent: 65537 });
        const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
        return {
          token_use: tokenUse,
          kid,
          private_jwk: JSON.stringify(await exportJWK(privateKey)),
          public_jwk: JSON.stringify(await exportJWK(publicKey)),
        };
      }),
    );
  }

  private async poolKeys(userPoolId: string): Promise<Map<TokenUse, PoolKey>> {
    let keys = this.keys.get(userPoolId);
    if (keys && keys.size === 2) return keys;
    keys = new Map();
    for (const row of this.store.userPools.signingKeys(userPoolId)) {
      const publicJwk = JSON.parse(row.public_jwk) as JWK;
      keys.set(row.token_use, {
        kid: row.kid,
        privateKey: createPrivateKey({ key: JSON.parse(row.private_jwk), format: 'jwk' }),
        publicKey: createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' }),
        publicJwk,
      });
    }
    if (keys.size === 2) this.keys.set(userPoolId, keys);
    return keys;
  }

  async key(userPoolId: string, tokenUse: TokenUse): Promise<PoolKey | undefined> {
    return (await this.poolKeys(userPoolId)).get(tokenUse);
  }

  /** The pool's JWKS document: both public keys, members as AWS lists them. */
  async jwks(userPoolId: string): Promise<{ keys: Record<string, string>[] }> {
    const keys = await this.poolKeys(userPoolId);
    return {
      keys: [...keys.values()].map((key) => ({
        alg: 'RS256',
        e: key.publicJwk.e!,
        kid: key.kid,
        kty: 'RSA',
        n: key.publicJwk.n!,
        use: 'sig',
      })),
    };
  }

  forget(userPoolId?: string): void {
    if (userPoolId) this.keys.delete(userPoolId);
    else this.keys.clear();
  }
}

export function issuerFor(userPoolId: string, issuerSetting: string): string {
  if (issuerSetting === 'aws') {
    return `https://cognito-idp.${userPoolId.slice(0, userPoolId.indexOf('_'))}.amazonaws.com/${userPoolId}`;
  }
  return `${issuerSetting}/${userPoolId}`;
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** A client's token lifetimes in seconds (defaults: 1 h access and id, 30 days refresh). */
export function tokenValidity(client: UserPoolClientDescription) {
  const units = client.TokenValidityUnits ?? {};
  return {
    access: (client.AccessTokenValidity ?? 1) * UNIT_SECONDS[units.AccessToken ?? 'hours'],
    id: (client.IdTokenValidity ?? 1) * UNIT_SECONDS[units.IdToken ?? 'hours'],
    refresh: (client.RefreshTokenValidity || 30) * UNIT_SECONDS[units.RefreshToken ?? 'days'],
  };
}

/** What one sign-in (or refresh) is about: shared by the ID and access token it mints. */
export interface AuthEvent {
  originJti: string;
  authTime: number; // seconds
  deviceKey?: string | null;
  /** The sign-in's EventId in the auth-event history, when it has one; else a fresh UUID. */
  eventId?: string;
  /**
   * The OAuth scopes granted at the pool's endpoints (hosted sign-in, token endpoint); null or absent
   * for API sign-in, whose access tokens carry aws.cognito.signin.user.admin. Kept with the refresh token.
   */
  scopes?: string[] | null;
}

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  /** Absent only for OAuth grants without the `openid` scope. */
  IdToken?: string;
  RefreshToken?: string;
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

export interface TokenDeps {
  store: Store;
  keys: KeyRing;
  clock: Clock;
  issuer: string;
}

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified']);

/**
 * UNSURE: updated_at (the standard Number attribute) is a JSON number in the ID token, as OpenID
 * Connect defines it; custom Number attributes stay strings ("always a string" [DOC SchemaAttributeType]).
 */
export const UPDATED_AT_AS_NUMBER = true;

/**
 * The user's attributes as ID-token claims, those the client may read: verified flags as booleans,
 * address as the OpenID object {"formatted": value} [OBS amplify-js#4935], the rest as strings.
 * Developer-only attributes never appear.
 */
function attributeClaims(user: User, client: UserPoolClientDescription): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || name.startsWith('dev:') || !clientMayRead(client, name)) continue;
    if (VERIFIED_FLAGS.has(name)) claims[name] = value === 'true';
    else if (name === 'address') claims[name] = { formatted: value };
    else if (name === 'updated_at' && UPDATED_AT_AS_NUMBER && Number.isFinite(Number(value))) claims[name] = Number(value);
    // identities (federated and linked users) is a JSON array in the token, a string in the attribute.
    else if (name === 'identities') claims[name] = JSON.parse(value);
    else claims[name] = value;
  }
  return claims;
}

/** OIDC at_hash: base64url of the left half of SHA-256 of the access token. */
const atHash = (accessToken: string) => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/**
 * UNSURE: the ID token of an OAuth grant carries every attribute the client may read, as the API's
 * does, whatever email/phone/profile scopes were granted (developers report full ID tokens with
 * `openid` alone); the scopes limit what the userInfo endpoint returns. True filters the ID token too.
 */
export const ID_TOKEN_ATTRIBUTES_BY_SCOPE = false;

/** Access tokens from the pool's OAuth endpoints say `"version": 2` (those of API sign-in do not). */
export const OAUTH_TOKEN_VERSION = 2;

/**
 * Mints the ID and access tokens of one authentication event, and for a primary sign-in the refresh
 * token that later events (refreshes) point back to through origin_jti. `generation` says why, for
 * the pool's PreTokenGeneration trigger, which may change the claims before they are signed.
 */
export async function issueTokens(
  deps: Context,
  pool: UserPool,
  client: UserPoolClientDescription,
  user: User,
  auth: AuthEvent,
  options: {
    /** A new refresh token: true for a sign-in (the client's full validity), or the expiry of the one it replaces (rotation). */
    withRefreshToken: boolean | { expiresAt: number };
    generation: TokenGeneration;
    nonce?: string | null;
  },
): Promise<AuthenticationResult> {
  const now = deps.clock.nowSeconds();
  const validity = tokenValidity(client);
  const iss = issuerFor(pool.id, deps.issuer);
  const eventId = auth.eventId ?? uuid();
  const oauth = auth.scopes != null;

  // Claims sit where real tokens have them (spec tokens.md D.4, D.5; the developer guide's ID token sample).
  const { 'cognito:groups': groups, 'cognito:roles': roles, 'cognito:preferred_role': preferredRole } = groupClaims(groupsOf(deps.store, user));
  const access: Record<string, unknown> = {
    sub: user.sub,
    ...(auth.deviceKey ? { device_key: auth.deviceKey } : {}),
    ...(groups ? { 'cognito:groups': groups } : {}),
    iss,
    ...(oauth ? { version: OAUTH_TOKEN_VERSION } : {}),
    client_id: client.ClientId,
    origin_jti: auth.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: oauth ? auth.scopes!.join(' ') : 'aws.cognito.signin.user.admin',
    auth_time: auth.authTime,
    exp: now + validity.access,
    iat: now,
    jti: uuid(),
    username: user.username,
  };
  const readable = attributeClaims(user, client);
  if (oauth && ID_TOKEN_ATTRIBUTES_BY_SCOPE) for (const name of Object.keys(readable)) if (!scopesOpen(auth.scopes!, name)) delete readable[name];
  const { email, email_verified: emailVerified, ...otherAttributes } = readable;
  const id: Record<string, unknown> = {
    sub: user.sub,
    ...(groups ? { 'cognito:groups': groups } : {}),
    ...(emailVerified !== undefined ? { email_verified: emailVerified } : {}),
    ...(preferredRole ? { 'cognito:preferred_role': preferredRole } : {}),
    iss,
    'cognito:username': user.username,
    origin_jti: auth.originJti,
    ...(roles ? { 'cognito:roles': roles } : {}),
    aud: client.ClientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: auth.authTime,
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...otherAttributes,
    exp: now + validity.id,
    iat: now,
    jti: uuid(),
    ...(email !== undefined ? { email } : {}),
  };
  const customized = preTokenGeneration(deps, pool, user, { id, access }, options.generation);
  if (customized) await customized;
  const accessToken = await sign(deps.keys, pool.id, 'access', access);
  const result: AuthenticationResult = { AccessToken: accessToken, ExpiresIn: validity.access, TokenType: 'Bearer' };
  // An OAuth grant gets an ID token only with the openid scope (docs: authorize endpoint, `scope`); its
  // at_hash is of the access token as signed.
  if (!oauth || auth.scopes!.includes('openid')) {
    result.IdToken = await sign(deps.keys, pool.id, 'id', oauth ? { at_hash: atHash(accessToken), ...id } : id);
  }
  if (options.withRefreshToken) {
    const refreshToken = randomToken(96);
    deps.store.refreshTokens.put(hashToken(refreshToken), {
      userPoolId: pool.id,
      clientId: client.ClientId,
      username: user.username,
      originJti: auth.originJti,
      deviceKey: auth.deviceKey ?? null,
      authTime: auth.authTime,
      expiresAt: options.withRefreshToken === true ? deps.clock.now() + validity.refresh * 1000 : options.withRefreshToken.expiresAt,
      revoked: false,
      scopes: auth.scopes ?? null,
    });
    result.RefreshToken = refreshToken;
  }
  return result;
}

/**
 * The access token of a client_credentials grant: the client acting for itself, so no user claims;
 * `sub` is the client id, `auth_time` the issue time (Cognito's claim set for M2M tokens). A V3_0
 * PreTokenGeneration trigger may customize it (TokenGeneration_ClientCredentials).
 */
export async function issueClientCredentialsToken(
  deps: Context,
  pool: UserPool,
  client: UserPoolClientDescription,
  scopes: string[],
  generation: Omit<TokenGeneration, 'triggerSource'>,
): Promise<{ accessToken: string; expiresIn: number }> {
  const now = deps.clock.nowSeconds();
  const validity = tokenValidity(client);
  const claims: Record<string, unknown> = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: issuerFor(pool.id, deps.issuer),
    exp: now + validity.access,
    iat: now,
    version: OAUTH_TOKEN_VERSION,
    jti: uuid(),
    client_id: client.ClientId,
  };
  const customized = machineTokenGeneration(deps, pool, claims, generation);
  if (customized) await customized;
  return { accessToken: await sign(deps.keys, pool.id, 'access', claims), expiresIn: validity.access };
}

async function sign(keys: KeyRing, userPoolId: string, tokenUse: TokenUse, claims: Record<string, unknown>): Promise<string> {
  const key = await keys.key(userPoolId, tokenUse);
  if (!key) throw new CognitoError('InternalErrorException', `User pool ${userPoolId} has no signing key.`, 500);
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
}

/** Refresh tokens and sessions are stored by their SHA-256, never as given to the client. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface AccessTokenClaims {
  sub: string;
  iss: string;
  client_id: string;
  origin_jti: string;
  username: string;
  iat: number;
  exp: number;
  device_key?: string;
}

export const INVALID_ACCESS_TOKEN = 'Invalid Access Token';
export const EXPIRED_ACCESS_TOKEN = 'Access Token has expired';
export const REVOKED_ACCESS_TOKEN = 'Access Token has been revoked';

/**
 * Checks an AccessToken fully (spec tokens.md D.11): signature with the pool's access key, token_use,
 * issuer, expiry by the server clock, scope, revocation, and that the user still exists and is enabled.
 */
export async function verifyAccessToken(
  deps: TokenDeps,
  token: string,
  /** The scope the token must carry: the API's own for API operations, `openid` for the userInfo endpoint. */
  requiredScope = 'aws.cognito.signin.user.admin',
): Promise<{ claims: AccessTokenClaims; pool: UserPool; user: User }> {
  let userPoolId: string;
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
    const iss = decodeJwt(token).iss ?? '';
    userPoolId = iss.slice(iss.lastIndexOf('/') + 1);
  } catch {
    throw NotAuthorized(INVALID_ACCESS_TOKEN);
  }
  const pool = deps.store.userPools.get(userPoolId);
  const key = pool && (await deps.keys.key(userPoolId, 'access'));
  if (!pool || !key || kid !== key.kid) throw NotAuthorized(INVALID_ACCESS_TOKEN);
  let claims: AccessTokenClaims;
  try {
    // Expiry is checked against the server clock below, not the wall clock.
    const verified = await jwtVerify(token, key.publicKey, {
      algorithms: ['RS256'],
      issuer: issuerFor(userPoolId, deps.issuer),
      currentDate: new Date(deps.clock.now()),
      clockTolerance: 0,
    });
    claims = verified.payload as unknown as AccessTokenClaims;
    if (verified.payload.token_use !== 'access') throw new Error('token_use');
    if (!String(verified.payload.scope ?? '').split(' ').includes(requiredScope)) throw new Error('scope');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') throw NotAuthorized(EXPIRED_ACCESS_TOKEN);
    throw NotAuthorized(INVALID_ACCESS_TOKEN);
  }
  // The user's state first: a deleted user (or a new one under the same name), a disabled one (whose
  // tokens AdminDisableUser also revoked), one whose password was reset; then the token's revocation.
  const user = deps.store.users.byUsernameKey(userPoolId, usernameKeyFor(pool, claims.username));
  if (!user || user.sub !== claims.sub) throw UserNotFound('User does not exist.');
  if (!user.enabled) throw NotAuthorized(USER_DISABLED);
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  if (deps.store.refreshTokens.isOriginRevoked(claims.origin_jti)) {
    throw NotAuthorized(REVOKED_ACCESS_TOKEN);
  }
  return { claims, pool, user };
}

/**
 * UNSURE: an access token whose app client was deleted since is refused ("Invalid Access Token") by
 * the operations that apply the client's attribute permissions (GetUser, Update/DeleteUserAttributes);
 * what Cognito answers then was not found.
 */
export const REFUSE_TOKEN_OF_DELETED_CLIENT = true;

/** verifyAccessToken, and the app client the token was issued to (whose attribute permissions apply). */
export async function verifyAccessTokenWithClient(
  deps: TokenDeps,
  token: string,
): Promise<{ claims: AccessTokenClaims; pool: UserPool; user: User; client: UserPoolClientDescription }> {
  const verified = await verifyAccessToken(deps, token);
  const client = deps.store.clients.get(verified.claims.client_id);
  if (!client || client.UserPoolId !== verified.pool.id) {
    if (REFUSE_TOKEN_OF_DELETED_CLIENT) throw NotAuthorized(INVALID_ACCESS_TOKEN);
    return { ...verified, client: { ClientId: verified.claims.client_id, UserPoolId: verified.pool.id } as UserPoolClientDescription };
  }
  return { ...verified, client };
}

