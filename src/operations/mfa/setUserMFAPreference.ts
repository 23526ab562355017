import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { type MfaPreferenceInput, withMfaPreference } from '../../domain/mfa.js';

/** The signed-in user turns MFA factors on or off and picks the preferred one (spec C.6). */
export default async function setUserMFAPreference(input: MfaPreferenceInput & { AccessToken: string }, ctx: Context) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  user.mfa = withMfaPreference(user, input);
  ctx.store.transaction(() => ctx.store.users.update(user));
  return {};
}
