import type { Context } from '../../context.js';
import { type MfaPreferenceInput, withMfaPreference } from '../../domain/mfa.js';
import { findAdminUser } from '../../domain/users.js';

/** SetUserMFAPreference for any user of the pool, by an administrator (spec C.6). */
export default function adminSetUserMFAPreference(input: MfaPreferenceInput & { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  user.mfa = withMfaPreference(user, input);
  ctx.store.transaction(() => ctx.store.users.update(user));
  return {};
}
