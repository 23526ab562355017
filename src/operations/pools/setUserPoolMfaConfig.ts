import type { Context } from '../../context.js';
import type { PoolMfaConfig, UserPool, UserPoolDescription } from '../../store/userPools.js';
import {
  EMAIL_MFA_NEEDS_SES,
  EMAIL_MFA_NOT_IN_LITE,
  MFA_CONFIG_OFF_WITH_FACTOR,
  MFA_CONFIG_WITHOUT_FACTOR,
  MFA_MODE_KEPT_WHEN_OMITTED,
  WEBAUTHN_KEPT_WHEN_OMITTED,
  mfaConfigView,
  poolFactors,
} from '../../domain/mfa.js';
import { findPool } from '../../domain/userPools.js';
import { CognitoError, InvalidParameter } from '../../protocol/errors.js';

export interface SetUserPoolMfaConfigInput extends PoolMfaConfig {
  UserPoolId: string;
  MfaConfiguration?: UserPoolDescription['MfaConfiguration'];
}

/**
 * Sets the pool's MFA mode and factors. The request states the whole configuration: a factor
 * section it leaves out is off afterwards (aws-sdk-js #4186). OFF with a factor, and ON/OPTIONAL
 * with none, are refused in AWS's words; email MFA needs the Essentials plan or better and email
 * sent through SES (EmailSendingAccount DEVELOPER). DescribeUserPool shows the same MfaConfiguration.
 */
export default function setUserPoolMfaConfig(input: SetUserPoolMfaConfigInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const mfaConfig: PoolMfaConfig = {
    ...(input.SmsMfaConfiguration ? { SmsMfaConfiguration: input.SmsMfaConfiguration } : {}),
    ...(input.SoftwareTokenMfaConfiguration ? { SoftwareTokenMfaConfiguration: input.SoftwareTokenMfaConfiguration } : {}),
    ...(input.EmailMfaConfiguration ? { EmailMfaConfiguration: input.EmailMfaConfiguration } : {}),
  };
  const webAuthn = input.WebAuthnConfiguration ?? (WEBAUTHN_KEPT_WHEN_OMITTED ? pool.mfaConfig.WebAuthnConfiguration : undefined);
  if (webAuthn) mfaConfig.WebAuthnConfiguration = webAuthn;
  const mode = input.MfaConfiguration ?? (MFA_MODE_KEPT_WHEN_OMITTED ? pool.description.MfaConfiguration : 'OFF');

  const description: UserPoolDescription = { ...pool.description, MfaConfiguration: mode, LastModifiedDate: ctx.clock.now() / 1000 };
  const updated: UserPool = { ...pool, description, mfaConfig };
  const factors = poolFactors(updated);
  // In this order: OFF with email MFA is refused as OFF even without SES (measured, cdkd #1923).
  if (mode === 'OFF' && factors.length) throw InvalidParameter(MFA_CONFIG_OFF_WITH_FACTOR);
  if (input.EmailMfaConfiguration) {
    if (pool.description.UserPoolTier === 'LITE') throw new CognitoError('FeatureUnavailableInTierException', EMAIL_MFA_NOT_IN_LITE);
    const sendingAccount = (pool.description.EmailConfiguration as { EmailSendingAccount?: string } | undefined)?.EmailSendingAccount;
    if ((sendingAccount ?? 'COGNITO_DEFAULT') === 'COGNITO_DEFAULT') throw InvalidParameter(EMAIL_MFA_NEEDS_SES);
  }
  if (mode !== 'OFF' && !factors.length) throw InvalidParameter(MFA_CONFIG_WITHOUT_FACTOR);

  // SMS settings given here are the pool's SMS settings too.
  const sms = input.SmsMfaConfiguration;
  if (sms?.SmsConfiguration != null) description.SmsConfiguration = sms.SmsConfiguration;
  if (sms?.SmsAuthenticationMessage != null) description.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
  ctx.store.transaction(() => ctx.store.userPools.update(updated));
  return mfaConfigView(updated);
}
