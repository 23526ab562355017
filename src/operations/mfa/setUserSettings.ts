import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { type MfaOption, withMfaOptions } from '../../domain/mfa.js';

/** The signed-in user's legacy MFA settings: SMS MFA on (SMS to phone_number) or off (an empty list). */
export default async function setUserSettings(input: { AccessToken: string; MFAOptions: MfaOption[] }, ctx: Context) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  user.mfa = withMfaOptions(user, input.MFAOptions);
  ctx.store.transaction(() => ctx.store.users.update(user));
  return {};
}
