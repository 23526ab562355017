import type { Context } from '../../context.js';
import { type MfaOption, withMfaOptions } from '../../domain/mfa.js';
import { findAdminUser } from '../../domain/users.js';

/** SetUserSettings for any user of the pool, by an administrator (legacy: SMS MFA only). */
export default function adminSetUserSettings(input: { UserPoolId: string; Username: string; MFAOptions: MfaOption[] }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  user.mfa = withMfaOptions(user, input.MFAOptions);
  ctx.store.transaction(() => ctx.store.users.update(user));
  return {};
}
