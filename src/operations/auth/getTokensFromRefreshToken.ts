import type { Call, Context } from '../../context.js';
import { findClient, isClientSecret } from '../../domain/appClients.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { allowsRefresh } from '../../domain/clientAuthFlows.js';
import { refresh } from '../../domain/signIn/refresh.js';
import { InvalidParameter, NotAuthorized } from '../../protocol/errors.js';

export interface GetTokensFromRefreshTokenInput {
  RefreshToken: string;
  ClientId: string;
  ClientSecret?: string;
  DeviceKey?: string;
  ClientMetadata?: Record<string, string>;
}

/**
 * Amplify >= 6.14's refresh: the same rules as REFRESH_TOKEN_AUTH, with the client secret itself; the one
 * API refresh that rotates refresh tokens when the client asks for it.
 */
export default async function getTokensFromRefreshToken(input: GetTokensFromRefreshTokenInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  if (!allowsRefresh(client)) throw InvalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
  const AuthenticationResult = await refresh({
    ctx,
    pool,
    client,
    refreshToken: input.RefreshToken,
    deviceKey: input.DeviceKey,
    checkClientSecret: () => checkClientSecret(client, input.ClientSecret),
    call,
    clientMetadata: input.ClientMetadata,
  });
  return { AuthenticationResult };
}

/** UNSURE: the text Cognito uses when ClientSecret is missing or wrong. */
export const UNVERIFIED_CLIENT_SECRET = (clientId: string) => `Unable to verify secret for client ${clientId}`;

/** Operations that take ClientSecret itself (GetTokensFromRefreshToken, RevokeToken). */
export function checkClientSecret(client: UserPoolClientDescription, given: string | undefined): void {
  if (!client.ClientSecret) return;
  if (!isClientSecret(client, given ?? '')) throw NotAuthorized(UNVERIFIED_CLIENT_SECRET(client.ClientId));
}
