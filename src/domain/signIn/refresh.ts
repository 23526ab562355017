/** REFRESH_TOKEN_AUTH: new ID and access tokens from a refresh token, same origin_jti and auth_time. */
import { NotAuthorized } from '../../protocol/errors.js';
import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import type { User } from '../../store/users.js';
import { hashToken, issueTokens, type AuthenticationResult } from '../tokens.js';
import { passwordResetRequired, USER_DISABLED, usernameKeyFor } from '../users.js';
import { isSecretHashOf } from '../appClients.js';
import { checkFlowAllowed, rotatesRefreshTokens } from '../clientAuthFlows.js';
import { claimOnce } from '../singleUse.js';
import { missingParameter } from './session.js';
import type { AuthResponse, InitiateRequest } from './types.js';

export const INVALID_REFRESH_TOKEN = 'Invalid Refresh Token';

export interface RefreshRequest {
  ctx: Context;
  pool: UserPool;
  client: UserPoolClientDescription;
  refreshToken: string;
  /** The device the client says it is (DEVICE_KEY / DeviceKey). */
  deviceKey: string | undefined;
  /** How the client proves it holds the client secret, when it has one. */
  checkClientSecret: (user: User) => void;
  call?: Call;
  /** GetTokensFromRefreshToken's, for PreTokenGeneration (InitiateAuth's never reaches it). */
  clientMetadata?: Record<string, string>;
}

/**
 * UNSURE: the answer to a refresh token that rotation retired (its grace period over). Cognito's text is
 * not documented; a retired token is no longer valid, as an unknown one.
 */
export const ROTATED_REFRESH_TOKEN = INVALID_REFRESH_TOKEN;

/**
 * New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken, the
 * token endpoint): same origin_jti, auth_time and device_key. A client with refresh token rotation also
 * gets a new refresh token, valid as long as the old one was, and the old one is retired after the
 * client's RetryGracePeriodSeconds (claimed atomically: with no grace period, of N parallel refreshes
 * with one token exactly one succeeds).
 */
export async function refresh(request: RefreshRequest): Promise<AuthenticationResult> {
  const { ctx, pool, client } = request;
  const record = ctx.store.refreshTokens.get(hashToken(request.refreshToken));
  if (!record || record.clientId !== client.ClientId || record.userPoolId !== pool.id) throw NotAuthorized(INVALID_REFRESH_TOKEN);
  const user = ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, record.username));
  if (!user) throw NotAuthorized(INVALID_REFRESH_TOKEN);
  // A disabled user is told so, though AdminDisableUser also revoked the token.
  if (!user.enabled) throw NotAuthorized(USER_DISABLED);
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  if (record.revoked) throw NotAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= ctx.clock.now()) throw NotAuthorized('Refresh Token has expired');
  request.checkClientSecret(user);
  refreshDeviceBinding(ctx, record.deviceKey, request.deviceKey);
  const rotation = rotatesRefreshTokens(client);
  if (rotation) retire(ctx, hashToken(request.refreshToken), (client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0) * 1000);
  return issueTokens(
    ctx,
    pool,
    client,
    user,
    { originJti: record.originJti, authTime: record.authTime, deviceKey: record.deviceKey, scopes: record.scopes },
    {
      withRefreshToken: rotation ? { expiresAt: record.expiresAt } : false,
      generation: { triggerSource: 'TokenGeneration_RefreshTokens', caller: { clientId: client.ClientId, call: request.call }, clientMetadata: request.clientMetadata },
    },
  );
}

/** Rotation: the presented token stops working after the grace period; past it, it is refused. */
function retire(ctx: Context, id: string, graceMs: number): void {
  claimOnce(ctx, () => {
    const current = ctx.store.refreshTokens.get(id);
    const now = ctx.clock.now();
    if (!current || (current.invalidAfter != null && current.invalidAfter <= now)) throw NotAuthorized(ROTATED_REFRESH_TOKEN);
    if (current.invalidAfter == null) ctx.store.refreshTokens.rotateOut(id, now + graceMs);
  });
}

export async function refreshTokenAuth(request: InitiateRequest): Promise<AuthResponse> {
  const { ctx, pool, client, parameters } = request;
  checkFlowAllowed(client, request.flow);
  const refreshToken = parameters.REFRESH_TOKEN;
  if (refreshToken === undefined) throw missingParameter('REFRESH_TOKEN');
  const result = await refresh({
    ctx,
    pool,
    client,
    refreshToken,
    deviceKey: parameters.DEVICE_KEY,
    checkClientSecret: (user) => {
      if (client.ClientSecret) checkRefreshSecretHash(client, parameters.SECRET_HASH, [user.username, user.sub, parameters.USERNAME]);
    },
    call: request.call,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** UNSURE (tokens.md D.8): SDKs hash the username or the sub for refresh; accept either. */
function checkRefreshSecretHash(client: UserPoolClientDescription, given: string | undefined, names: (string | undefined)[]) {
  if (given === undefined) throw NotAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  const ok = names.some((name) => name !== undefined && isSecretHashOf(client, name, given));
  if (!ok) throw NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
}

/**
 * UNSURE (spec B.7): a refresh token issued with a device needs that DEVICE_KEY, and the device must
 * still exist and have been confirmed (the Amplify team reports Cognito refuses otherwise).
 */
export const REFRESH_NEEDS_CONFIRMED_DEVICE = true;

/** A refresh token bound to a device works only with that device, still there. */
export function refreshDeviceBinding(ctx: Context, boundDeviceKey: string | null, presentedDeviceKey: string | undefined): void {
  if (!boundDeviceKey) return;
  if (presentedDeviceKey !== boundDeviceKey) throw NotAuthorized(INVALID_REFRESH_TOKEN);
  const device = ctx.store.devices.get(boundDeviceKey);
  if (!device || (REFRESH_NEEDS_CONFIRMED_DEVICE && !device.confirmed)) throw NotAuthorized(INVALID_REFRESH_TOKEN);
}
