import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import type { UserPool } from '../../store/userPools.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/**
 * UNSURE: a one-time-password factor counts for the user only with a verified address to send it to
 * (email_verified / phone_number_verified "true"), as sign-in with a code needs one; not found stated.
 */
export const OTP_FACTOR_NEEDS_VERIFIED_ADDRESS = true;

/** The first factors the pool allows in choice-based sign-in (SignInPolicy; PASSWORD when unset). */
const allowedFirstFactors = (pool: UserPool): string[] =>
  (pool.description.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } }).SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];

const hasAddress = (user: User, attribute: 'email' | 'phone_number') =>
  Boolean(user.attributes[attribute]) && (!OTP_FACTOR_NEEDS_VERIFIED_ADDRESS || user.attributes[`${attribute}_verified`] === 'true');

/**
 * What USER_AUTH could offer this user, in the order of the API's example (PASSWORD, EMAIL_OTP, SMS_OTP,
 * WEB_AUTHN): a password if they have one, a code by email or SMS where the pool allows it and the address
 * is verified. WEB_AUTHN never: kognito registers no passkeys yet.
 */
export function configuredUserAuthFactors(pool: UserPool, user: User): string[] {
  const allowed = allowedFirstFactors(pool);
  return [
    ...(user.passwordVerifier ? ['PASSWORD'] : []),
    ...(allowed.includes('EMAIL_OTP') && hasAddress(user, 'email') ? ['EMAIL_OTP'] : []),
    ...(allowed.includes('SMS_OTP') && hasAddress(user, 'phone_number') ? ['SMS_OTP'] : []),
  ];
}

/** The signed-in user's MFA settings and their options for choice-based sign-in. */
export default async function getUserAuthFactors(input: { AccessToken: string }, ctx: Context) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  const enabled = user.mfa.enabled ?? [];
  return {
    Username: user.username,
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(enabled.length ? { UserMFASettingList: enabled } : {}),
    ConfiguredUserAuthFactors: configuredUserAuthFactors(pool, user),
  };
}
