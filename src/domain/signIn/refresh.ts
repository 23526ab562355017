/** REFRESH_TOKEN_AUTH: new ID and access tokens from a refresh token, same origin_jti and auth_time. */
import { timingSafeEqual } from 'node:crypto';
import { NotAuthorized } from '../../protocol/errors.js';
import { hashToken, issueTokens } from '../tokens.js';
import { secretHash } from '../appClients.js';
import type { InitiateRequest } from './initiate.js';
import { checkFlowAllowed } from './initiate.js';
import { missingParameter } from './session.js';
import { refreshDeviceBinding } from './device.js';
import type { AuthResponse } from './types.js';

export const INVALID_REFRESH_TOKEN = 'Invalid Refresh Token';

/**
 * Checks that may refuse a refresh beyond the token itself (device binding); the device feature adds
 * its rule here.
 */
export const REFRESH_CHECKS: ((request: InitiateRequest, deviceKey: string | null) => void)[] = [refreshDeviceBinding];

export async function refreshTokenAuth(request: InitiateRequest): Promise<AuthResponse> {
  const { ctx, pool, client, parameters } = request;
  checkFlowAllowed(client, request.flow);
  const token = parameters.REFRESH_TOKEN;
  if (token === undefined) throw missingParameter('REFRESH_TOKEN');
  const record = ctx.store.refreshTokens.get(hashToken(token));
  if (!record || record.clientId !== client.ClientId || record.userPoolId !== pool.id) throw NotAuthorized(INVALID_REFRESH_TOKEN);
  if (record.revoked) throw NotAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= ctx.clock.now()) throw NotAuthorized('Refresh Token has expired');
  const user = ctx.store.users.byUsernameKey(pool.id, pool.description.UsernameConfiguration?.CaseSensitive === false ? record.username.toLowerCase() : record.username);
  if (!user) throw NotAuthorized(INVALID_REFRESH_TOKEN);
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (client.ClientSecret) checkRefreshSecretHash(client.ClientSecret, client.ClientId, parameters.SECRET_HASH, [user.username, user.sub, parameters.USERNAME]);
  for (const check of REFRESH_CHECKS) check(request, record.deviceKey);
  const result = await issueTokens(
    ctx,
    pool,
    client,
    user,
    { originJti: record.originJti, authTime: record.authTime, deviceKey: record.deviceKey },
    { withRefreshToken: false },
  );
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** UNSURE (tokens.md D.8): SDKs hash the username or the sub for refresh; accept either. */
function checkRefreshSecretHash(clientSecret: string, clientId: string, given: string | undefined, names: (string | undefined)[]) {
  if (given === undefined) throw NotAuthorized(`Client ${clientId} is configured with secret but SECRET_HASH was not received`);
  const ok = names.some((name) => {
    if (name === undefined) return false;
    const expected = Buffer.from(secretHash(clientSecret, name, clientId));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
  if (!ok) throw NotAuthorized(`Unable to verify secret hash for client ${clientId}`);
}
