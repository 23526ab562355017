import type { Context } from '../../context.js';
import { findClient } from '../../domain/appClients.js';
import { hashToken } from '../../domain/tokens.js';
import { CognitoError } from '../../protocol/errors.js';
import { checkClientSecret } from './getTokensFromRefreshToken.js';

/**
 * Revokes a refresh token and every token minted from it (same origin_jti): later refreshes fail and
 * its access tokens are refused.
 */
export default function revokeToken(input: { Token: string; ClientId: string; ClientSecret?: string }, ctx: Context) {
  const { client } = findClient(ctx, input.ClientId);
  checkClientSecret(client, input.ClientSecret);
  if (client.EnableTokenRevocation === false) {
    throw new CognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this client.');
  }
  const record = ctx.store.refreshTokens.get(hashToken(input.Token));
  if (!record) {
    // Access and ID tokens are JWTs; anything else we do not know.
    if (input.Token.split('.').length === 3) throw new CognitoError('UnsupportedTokenTypeException', 'Unsupported token type.');
    return {};
  }
  if (record.clientId !== client.ClientId) throw new CognitoError('UnauthorizedException', 'Token was not issued to this client.');
  ctx.store.transaction(() => ctx.store.refreshTokens.revokeOrigin(record.originJti));
  return {};
}
