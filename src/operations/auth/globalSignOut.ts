import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/**
 * Signs the user out everywhere: every refresh token is revoked, and with it (through origin_jti) every
 * ID and access token minted so far. A sign-in afterwards starts a new, valid family.
 */
export function signOutEverywhere(ctx: Context, user: User): void {
  ctx.store.transaction(() => ctx.store.refreshTokens.revokeUser(user.userPoolId, user.username));
}

export default async function globalSignOut(input: { AccessToken: string }, ctx: Context) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  signOutEverywhere(ctx, user);
  return {};
}
