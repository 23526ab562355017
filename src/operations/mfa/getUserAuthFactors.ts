import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { configuredUserAuthFactors } from '../../domain/authFactors.js';

/** The signed-in user's MFA settings and their options for choice-based sign-in. */
export default async function getUserAuthFactors(input: { AccessToken: string }, ctx: Context) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  const enabled = user.mfa.enabled ?? [];
  return {
    Username: user.username,
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(enabled.length ? { UserMFASettingList: enabled } : {}),
    ConfiguredUserAuthFactors: configuredUserAuthFactors(ctx.store, pool, user),
  };
}
