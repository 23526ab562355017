/**
 * Choice-based sign-in (USER_AUTH): which first factors the pool allows (SignInPolicy) and which of
 * them a user can use. GetUserAuthFactors reports them; InitiateAuth USER_AUTH offers them.
 */
import type { User } from '../store/users.js';
import type { UserPool } from '../store/userPools.js';
import type { Store } from '../store/store.js';
import { tierOf } from './userPools.js';

/**
 * UNSURE: a one-time-password factor counts for the user only with a verified address to send it to
 * (email_verified / phone_number_verified "true"), as sign-in with a code needs one; not found stated.
 */
export const OTP_FACTOR_NEEDS_VERIFIED_ADDRESS = true;
/**
 * UNSURE: in a pool that requires MFA (MfaConfiguration ON) sign-in with an email or SMS code is not
 * offered: such a sign-in skips MFA, and the docs make passkey sign-in available under required MFA
 * only with passkey MFA turned on (WebAuthnMfaSettingsType), so a code alone would not do either.
 */
export const OTP_FIRST_FACTORS_WHEN_MFA_REQUIRED = false;

/**
 * UNSURE: sign-in with an email code does not need the pool to send through SES (email MFA does:
 * SetUserPoolMfaConfig refuses it with COGNITO_DEFAULT); no statement either way was found. When true,
 * EMAIL_OTP is offered only in pools whose EmailConfiguration says EmailSendingAccount DEVELOPER.
 */
export const EMAIL_OTP_NEEDS_SES = false;

export type FirstFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** The first factors the pool allows in choice-based sign-in (SignInPolicy; PASSWORD when unset). */
export const allowedFirstFactors = (pool: UserPool): string[] =>
  (pool.description.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } }).SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];

/**
 * The one-time-password factors the pool offers anybody: allowed by its SignInPolicy, on the Essentials
 * plan or better (the API reference: SignInPolicy and sign-in with email OTPs need it), not under required MFA.
 */
export function poolOtpFactors(pool: UserPool): ('EMAIL_OTP' | 'SMS_OTP')[] {
  if (tierOf(pool.description) === 'LITE') return [];
  if (pool.description.MfaConfiguration === 'ON' && !OTP_FIRST_FACTORS_WHEN_MFA_REQUIRED) return [];
  const allowed = allowedFirstFactors(pool);
  const sendsWithSes = (pool.description.EmailConfiguration as { EmailSendingAccount?: string } | undefined)?.EmailSendingAccount === 'DEVELOPER';
  return (['EMAIL_OTP', 'SMS_OTP'] as const).filter((factor) => allowed.includes(factor) && (factor !== 'EMAIL_OTP' || sendsWithSes || !EMAIL_OTP_NEEDS_SES));
}

/**
 * UNSURE: a pool takes passkeys (else WebAuthnNotEnabledException) on the Essentials plan or better
 * (WebAuthnConfigurationType: "Essentials tier or higher") when its SignInPolicy allows WEB_AUTHN as a
 * first factor. Passkeys as MFA (FactorConfiguration) are not built.
 */
export const webAuthnEnabled = (pool: UserPool): boolean => tierOf(pool.description) !== 'LITE' && allowedFirstFactors(pool).includes('WEB_AUTHN');

const hasAddress = (user: User, attribute: 'email' | 'phone_number') =>
  Boolean(user.attributes[attribute]) && (!OTP_FACTOR_NEEDS_VERIFIED_ADDRESS || user.attributes[`${attribute}_verified`] === 'true');

/** The attribute a one-time-password factor sends its code to. */
export const OTP_ADDRESS = { EMAIL_OTP: 'email', SMS_OTP: 'phone_number' } as const;

/**
 * What USER_AUTH could offer this user, in the order of the API's example (PASSWORD, EMAIL_OTP, SMS_OTP,
 * WEB_AUTHN): a password if they have one, a code by email or SMS where the pool offers it and the address
 * is verified, passkeys where the pool takes them and the user has registered one.
 */
export function configuredUserAuthFactors(store: Pick<Store, 'webAuthnCredentials'>, pool: UserPool, user: User): FirstFactor[] {
  return [
    ...(user.passwordVerifier ? (['PASSWORD'] as const) : []),
    ...poolOtpFactors(pool).filter((factor) => hasAddress(user, OTP_ADDRESS[factor])),
    ...(webAuthnEnabled(pool) && store.webAuthnCredentials.countForUser(pool.id, user.usernameKey) > 0 ? (['WEB_AUTHN'] as const) : []),
  ];
}

/**
 * UNSURE (order): AvailableChallenges lists the password first as PASSWORD and PASSWORD_SRP (a real
 * answer for a password-only user is ["PASSWORD","PASSWORD_SRP"]), then EMAIL_OTP and SMS_OTP in the
 * order of AuthFactorType; no real answer with codes was found.
 */
export const CHALLENGES_OF_FACTOR: Readonly<Record<FirstFactor, readonly string[]>> = {
  PASSWORD: ['PASSWORD', 'PASSWORD_SRP'],
  EMAIL_OTP: ['EMAIL_OTP'],
  SMS_OTP: ['SMS_OTP'],
  WEB_AUTHN: ['WEB_AUTHN'],
};

/** The challenges a list of factors opens, with the password only where the pool allows it first. */
export function challengesOf(pool: UserPool, factors: readonly FirstFactor[]): string[] {
  const allowed = allowedFirstFactors(pool);
  return factors.filter((factor) => factor !== 'PASSWORD' || allowed.includes('PASSWORD')).flatMap((factor) => CHALLENGES_OF_FACTOR[factor]);
}

/** USER_AUTH's AvailableChallenges for this user. */
export const availableChallenges = (store: Pick<Store, 'webAuthnCredentials'>, pool: UserPool, user: User): string[] =>
  challengesOf(pool, configuredUserAuthFactors(store, pool, user));
