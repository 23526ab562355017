/**
 * Account recovery (ForgotPassword, AdminResetUserPassword): who may reset a password, and where the
 * reset code goes, by the pool's AccountRecoverySetting.
 */
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { NotAuthorized } from '../protocol/errors.js';

export const NO_RECOVERY_CHANNEL = 'Cannot reset password for the user as there is no registered/verified email or phone_number';
export const CANNOT_RESET_IN_STATE = 'User password cannot be reset in the current state.';
/**
 * UNSURE: a pool whose AccountRecoverySetting is admin_only refuses ForgotPassword (and, as it has no
 * self-service recovery, AdminResetUserPassword) with NotAuthorizedException; emulator text.
 */
export const ADMIN_ONLY_RECOVERY = 'Password reset is available only through an administrator for this user pool.';

/**
 * UNSURE: AdminResetUserPassword refuses an UNCONFIRMED user as it refuses a FORCE_CHANGE_PASSWORD one
 * (ForgotPassword answers them "no registered/verified email": nothing of theirs is verified yet).
 */
export const ADMIN_RESET_REFUSES_UNCONFIRMED = true;

/**
 * A user created by an administrator who never chose a password (FORCE_CHANGE_PASSWORD) cannot reset
 * it: observed for ForgotPassword (amplify-js #1340, #2955; aws-aspnet-cognito-identity-provider #37)
 * and for AdminResetUserPassword (an aws-cli error quoted in a public notes repository).
 */
export function checkPasswordResettable(user: User, operation: 'ForgotPassword' | 'AdminResetUserPassword'): void {
  const unconfirmed = operation === 'AdminResetUserPassword' && ADMIN_RESET_REFUSES_UNCONFIRMED && user.status === 'UNCONFIRMED';
  if (user.status === 'FORCE_CHANGE_PASSWORD' || unconfirmed) {
    throw NotAuthorized(CANNOT_RESET_IN_STATE);
  }
}

type RecoveryOption = 'verified_email' | 'verified_phone_number' | 'admin_only';

/** Without AccountRecoverySetting, Cognito's legacy order: a verified phone before a verified email. */
const LEGACY_ORDER: RecoveryOption[] = ['verified_phone_number', 'verified_email'];

export interface RecoveryTarget {
  attributeName: 'email' | 'phone_number';
  address: string;
}

/**
 * Where a reset code goes: the first of the pool's recovery options (by Priority) the user has a
 * verified value for; undefined when none. With AccountRecoverySetting, a phone the user has SMS MFA
 * on, or an email they have email MFA on, does not count (API reference, AccountRecoverySetting).
 * admin_only: NotAuthorizedException.
 */
export function recoveryTarget(pool: UserPool, user: User): RecoveryTarget | undefined {
  const setting = (pool.description.AccountRecoverySetting as { RecoveryMechanisms?: { Name: RecoveryOption; Priority: number }[] } | undefined)
    ?.RecoveryMechanisms;
  const order = setting?.length ? [...setting].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name) : LEGACY_ORDER;
  if (order.includes('admin_only')) throw NotAuthorized(ADMIN_ONLY_RECOVERY);
  const mfa = setting?.length ? (user.mfa.enabled ?? []) : [];
  for (const option of order) {
    const attributeName = option === 'verified_email' ? 'email' : 'phone_number';
    const address = user.attributes[attributeName];
    const factor = attributeName === 'email' ? 'EMAIL_OTP' : 'SMS_MFA';
    if (address && user.attributes[`${attributeName}_verified`] === 'true' && !mfa.includes(factor)) return { attributeName, address };
  }
  return undefined;
}
