/**
 * The MFA rules shared by the pool settings, the user preferences and the sign-in step
 * (spec totp-mfa.md C.3, C.6, C.7): which factors a pool offers, which a user has turned on, and
 * checking a TOTP code against the user's software token.
 */
import type { Context } from '../context.js';
import type { PoolMfaConfig, UserPool } from '../store/userPools.js';
import type { User, UserMfa } from '../store/users.js';
import { CognitoError, InvalidParameter } from '../protocol/errors.js';
import { checkTotp, type TotpCheck } from './totp.js';

/** The MFA factors in Cognito's names, in the order UserMFASettingList lists them (UNSURE order, spec C.6.7). */
export const MFA_FACTORS = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

export const SOFTWARE_TOKEN_MFA_NOT_ENABLED = 'Software Token MFA has not been enabled by the userPool';
export const SOFTWARE_TOKEN_MFA_NOT_FOUND = 'Software Token MFA does not exist for the user.';
/**
 * UNSURE (spec C.5.3): Cognito's text for VerifySoftwareToken when nothing was associated is not
 * observed; emulator text, same exception type.
 */
export const NO_ASSOCIATED_SOFTWARE_TOKEN = 'User has not associated a software token.';
export const ENABLE_SOFTWARE_TOKEN_MFA_FAILED = 'Code mismatch and fail enable Software Token MFA';
/** UNSURE (spec C.4.1, C.5.1): text for both or neither of AccessToken and Session. Emulator text. */
export const ACCESS_TOKEN_OR_SESSION = 'Exactly one of AccessToken or Session must be provided.';
/**
 * SetUserPoolMfaConfig asking for MFA (ON/OPTIONAL) with no factor: AWS's text (aws-sdk-js #4186, where
 * the request left out the SMS section the pool had, so it counted as off).
 */
export const MFA_CONFIG_WITHOUT_FACTOR = "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.";
/** SetUserPoolMfaConfig with MFA OFF and a factor section: AWS's text (measured, go-to-k/cdkd #1923). */
export const MFA_CONFIG_OFF_WITH_FACTOR = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";
/** Email MFA needs the pool to send email through SES (AWS knowledge center, "set up email MFA"). */
export const EMAIL_MFA_NEEDS_SES =
  'Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT.Update the value of EmailSendingAccount';
/**
 * CreateUserPool with MfaConfiguration ON or OPTIONAL: at creation SMS is the only factor a pool can
 * have (TOTP and email MFA come with SetUserPoolMfaConfig), so it needs SmsConfiguration. AWS's text
 * [OBS aws-cdk#12075, aws-cdk#11478, panther-labs/panther#637 ("worked only on an existing
 * deployment"), cloudformation-coverage-roadmap#2221]; an existing pool with TOTP may be updated to ON.
 */
export const MFA_POOL_NEEDS_SMS = 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional';
/**
 * UNSURE: only SmsConfiguration is required; phone_number need not be in AutoVerifiedAttributes,
 * although the text names it (every report quoting it lacked SmsConfiguration; none had it without
 * phone_number auto-verified). true: both are required.
 */
export const MFA_POOL_NEEDS_PHONE_AUTO_VERIFICATION = false;

/** CreateUserPool's MFA mode needs what SMS MFA needs. */
export function checkNewPoolMfa(input: { MfaConfiguration?: string; SmsConfiguration?: unknown; AutoVerifiedAttributes?: string[] }): void {
  if (input.MfaConfiguration !== 'ON' && input.MfaConfiguration !== 'OPTIONAL') return;
  const phoneVerified = !MFA_POOL_NEEDS_PHONE_AUTO_VERIFICATION || input.AutoVerifiedAttributes?.includes('phone_number');
  if (input.SmsConfiguration == null || !phoneVerified) throw InvalidParameter(MFA_POOL_NEEDS_SMS);
}
/** Email MFA needs the Essentials or Plus feature plan (FeatureUnavailableInTierException; same source). */
export const EMAIL_MFA_NOT_IN_LITE = 'The following feature is not available for the LITE pricing tier configured: Email MFA';
/**
 * UNSURE: SetUserPoolMfaConfig without MfaConfiguration keeps the pool's mode (the factor sections
 * left out are cleared, as AWS does; for the mode itself no evidence was found).
 */
export const MFA_MODE_KEPT_WHEN_OMITTED = true;
/**
 * UNSURE: SetUserPoolMfaConfig without WebAuthnConfiguration keeps the passkey settings: they are
 * "independent of the MFA configuration options" (model), unlike the factor sections.
 */
export const WEBAUTHN_KEPT_WHEN_OMITTED = true;
/** UNSURE (spec C.6.5): PreferredMfa true for a factor left (or turned) off. Emulator text. */
export const PREFERRED_BUT_NOT_ENABLED = 'Cannot set a preferred MFA method that is not enabled.';
/**
 * UNSURE (text): one request naming two preferred factors is refused ("If the user ... tries to mark
 * more than one MFA method as preferred, the API will throw an error", Amplify's MFA docs). Emulator text.
 */
export const MORE_THAN_ONE_PREFERRED = 'Only one MFA method can be preferred.';
/**
 * UNSURE (spec C.5.5, amplify-js #1226): a successful VerifySoftwareToken with an AccessToken does
 * not turn TOTP on by itself; UserMFASettingList stays as it was until SetUserMFAPreference. (The
 * MFA_SETUP sign-in path does turn it on: MFA_SETUP_ENABLES_TOTP.)
 */
export const VERIFY_ENABLES_TOTP = false;
/**
 * UNSURE (spec C.8.3): answering MFA_SETUP makes TOTP enabled and preferred for the user, so
 * GetUser shows it and OPTIONAL pools ask for it next time.
 */
export const MFA_SETUP_ENABLES_TOTP = true;
/**
 * UNSURE (spec C.1): a code whose time step was already accepted for the user is refused
 * (ExpiredCodeException). On unless the config (KOGNITO_TOTP_REPLAY_PROTECTION=off) turns it off.
 */
export const TOTP_REPLAY_PROTECTION = true;

export const codeDeliveryMissing = (factor: MfaFactor) => InvalidParameter(`User does not have delivery config set to turn on ${factor}`);

export const softwareTokenMfaNotFound = (message: string) => new CognitoError('SoftwareTokenMFANotFoundException', message);

/** Whether the pool lets users set up and use an authenticator app. */
export const poolAllowsTotp = (mfaConfig: PoolMfaConfig) => mfaConfig.SoftwareTokenMfaConfiguration?.Enabled === true;

/** AssociateSoftwareToken and VerifySoftwareToken need the pool to offer TOTP. */
export function checkPoolAllowsTotp(pool: UserPool): void {
  if (!poolAllowsTotp(pool.mfaConfig)) throw softwareTokenMfaNotFound(SOFTWARE_TOKEN_MFA_NOT_ENABLED);
}

/** SetUserPoolMfaConfig / GetUserPoolMfaConfig output: the mode and the sections that were set. */
export function mfaConfigView(pool: UserPool) {
  return { ...pool.mfaConfig, MfaConfiguration: pool.description.MfaConfiguration };
}

/**
 * The factors a pool offers (MFAS_CAN_SETUP), in Cognito's order: each one whose section
 * SetUserPoolMfaConfig last set (TOTP only when Enabled).
 */
export function poolFactors(pool: UserPool): MfaFactor[] {
  const config = pool.mfaConfig;
  return MFA_FACTORS.filter((factor) =>
    factor === 'SOFTWARE_TOKEN_MFA'
      ? poolAllowsTotp(config)
      : factor === 'SMS_MFA'
        ? config.SmsMfaConfiguration !== undefined
        : config.EmailMfaConfiguration !== undefined,
  );
}

/**
 * Whether the user has what a factor needs to deliver a code (SetUserMFAPreference's check): a
 * verified software token, a phone number, an email address. SMS and email need not be verified:
 * "Amazon Cognito can send messages to unverified email addresses and phone numbers. When a user
 * completes their first MFA, Amazon Cognito marks their email address or phone number as verified."
 */
export function hasDeliveryFor(user: User, factor: MfaFactor): boolean {
  if (factor === 'SOFTWARE_TOKEN_MFA') return user.mfa.softwareToken?.verified === true;
  if (factor === 'SMS_MFA') return Boolean(user.attributes.phone_number);
  return Boolean(user.attributes.email);
}

/** The factors the user turned on (SetUserMFAPreference, or SMS through SetUserSettings). */
export function enabledFactors(user: User): MfaFactor[] {
  const enabled = user.mfa.enabled ?? [];
  return MFA_FACTORS.filter((factor) => enabled.includes(factor) || (factor === 'SMS_MFA' && user.mfa.mfaOptionsSms === true));
}

/**
 * The user's enabled factors the pool can still use (spec C.7): a verified software token counts
 * even after the pool turned TOTP off ("users who previously associated ... can continue").
 */
export function userFactors(pool: UserPool, user: User): MfaFactor[] {
  const offered = poolFactors(pool);
  return enabledFactors(user).filter(
    (factor) => hasDeliveryFor(user, factor) && (factor === 'SOFTWARE_TOKEN_MFA' || offered.includes(factor)),
  );
}

/**
 * UNSURE in part: in a pool that requires MFA, a user who turned no factor on is asked for one
 * they can already receive. Documented and observed for SMS ("Amazon Cognito automatically enables
 * SMS_MFA for that user and SMS_MFA challenge is returned", amplify-js #11258; the docs: "prompts
 * new users without phone numbers to set up TOTP"); by analogy for an email address when the pool
 * offers email MFA, and for a software token verified but never turned on (AWS's Python scenario).
 * Several of them: SELECT_MFA_TYPE offers them all.
 */
export const REQUIRED_MFA_USES_WHAT_THE_USER_HAS = true;

/** What a user with no factor turned on can be asked for in a pool that requires MFA. */
export function receivableFactors(pool: UserPool, user: User): MfaFactor[] {
  if (!REQUIRED_MFA_USES_WHAT_THE_USER_HAS) return [];
  const offered = poolFactors(pool);
  return MFA_FACTORS.filter((factor) => hasDeliveryFor(user, factor) && (factor === 'SOFTWARE_TOKEN_MFA' || offered.includes(factor)));
}

export interface MfaSettings {
  Enabled?: boolean | null;
  PreferredMfa?: boolean | null;
}

export interface MfaPreferenceInput {
  SMSMfaSettings?: MfaSettings | null;
  SoftwareTokenMfaSettings?: MfaSettings | null;
  EmailMfaSettings?: MfaSettings | null;
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference (spec C.6): a settings member absent or null
 * changes nothing; turning a factor on needs its delivery config; one preferred factor at most.
 * Returns the new MFA state; throws before changing anything.
 */
export function withMfaPreference(user: User, input: MfaPreferenceInput): UserMfa {
  const requested: [MfaFactor, MfaSettings | null | undefined][] = [
    ['SMS_MFA', input.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings],
    ['EMAIL_OTP', input.EmailMfaSettings],
  ];
  if (requested.filter(([, settings]) => settings?.PreferredMfa === true).length > 1) throw InvalidParameter(MORE_THAN_ONE_PREFERRED);
  const enabled = new Set(user.mfa.enabled ?? []);
  let preferred = user.mfa.preferred;
  for (const [factor, settings] of requested) {
    if (!settings) continue;
    if (settings.Enabled === true) {
      if (!hasDeliveryFor(user, factor)) throw codeDeliveryMissing(factor);
      enabled.add(factor);
    } else if (settings.Enabled === false) {
      enabled.delete(factor);
      if (preferred === factor) preferred = undefined;
    }
    if (settings.PreferredMfa === true) {
      if (!enabled.has(factor)) throw InvalidParameter(PREFERRED_BUT_NOT_ENABLED);
      preferred = factor;
    } else if (settings.PreferredMfa === false && preferred === factor) {
      preferred = undefined;
    }
  }
  const list = MFA_FACTORS.filter((factor) => enabled.has(factor));
  const { preferred: _old, enabled: _oldList, mfaOptionsSms, ...rest } = user.mfa;
  // Turning SMS off here turns off the SMS that SetUserSettings turned on too: one SMS factor.
  const keepsOptions = mfaOptionsSms && input.SMSMfaSettings?.Enabled !== false;
  return { ...rest, ...(list.length ? { enabled: list } : {}), ...(preferred ? { preferred } : {}), ...(keepsOptions ? { mfaOptionsSms } : {}) };
}

export interface MfaOption {
  DeliveryMedium?: string;
  AttributeName?: string;
}

/** UNSURE: SetUserSettings' refusal of an MFAOptions entry other than SMS to phone_number (emulator text). */
export const ONLY_SMS_MFA_OPTION = 'Only SMS to phone_number can be set in MFAOptions.';

/**
 * SetUserSettings / AdminSetUserSettings (legacy, SMS only): an SMS-to-phone_number option turns SMS
 * MFA on, an empty list turns it off. Returns the new MFA state; throws before changing anything.
 */
export function withMfaOptions(user: User, options: MfaOption[]): UserMfa {
  for (const option of options) {
    if (option.DeliveryMedium !== 'SMS' || option.AttributeName !== 'phone_number') throw InvalidParameter(ONLY_SMS_MFA_OPTION);
  }
  if (!options.length) return withMfaPreference(user, { SMSMfaSettings: { Enabled: false } });
  if (!hasDeliveryFor(user, 'SMS_MFA')) throw codeDeliveryMissing('SMS_MFA');
  return { ...user.mfa, mfaOptionsSms: true };
}

/** Whether a code whose step was already accepted is refused (see TOTP_REPLAY_PROTECTION). */
export const replayProtection = (ctx: Context) => ctx.config.totpReplayProtection ?? TOTP_REPLAY_PROTECTION;

export const enableSoftwareTokenMfaFailed = () => new CognitoError('EnableSoftwareTokenMFAException', ENABLE_SOFTWARE_TOKEN_MFA_FAILED);

/**
 * VerifySoftwareToken's proof (spec C.5): the code must match the secret within the skew window.
 * Returns the MFA state with that secret as the user's token (a previous one stops working), its
 * step remembered against replay; throws EnableSoftwareTokenMFAException. Verifying the current
 * token again is allowed, but not with a code already used.
 */
export function adoptSoftwareToken(ctx: Context, user: User, secretCode: string, userCode: string, friendlyDeviceName?: string): UserMfa {
  const current = user.mfa.softwareToken?.secretCode === secretCode ? user.mfa.softwareToken : undefined;
  const check = checkTotp(secretCode, userCode, ctx.clock.now(), current && replayProtection(ctx) ? current.lastUsedStep : null);
  if (check.result !== 'MATCH') throw enableSoftwareTokenMfaFailed();
  const { pendingSecretCode: _done, ...mfa } = user.mfa;
  const name = friendlyDeviceName ?? current?.friendlyDeviceName;
  const adopted: UserMfa = {
    ...mfa,
    softwareToken: { secretCode, verified: true, lastUsedStep: check.step, ...(name !== undefined ? { friendlyDeviceName: name } : {}) },
  };
  return VERIFY_ENABLES_TOTP ? withMfaPreference({ ...user, mfa: adopted }, { SoftwareTokenMfaSettings: { Enabled: true } }) : adopted;
}

/** Checks a sign-in TOTP code against the user's verified token, by the server clock. */
export function checkUserTotp(ctx: Context, user: User, userCode: string): TotpCheck {
  const token = user.mfa.softwareToken;
  if (!token?.verified) throw softwareTokenMfaNotFound(SOFTWARE_TOKEN_MFA_NOT_FOUND);
  return checkTotp(token.secretCode, userCode, ctx.clock.now(), replayProtection(ctx) ? token.lastUsedStep : null);
}
