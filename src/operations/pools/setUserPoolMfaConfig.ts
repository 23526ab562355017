import type { Context } from '../../context.js';
import type { PoolMfaConfig, UserPool, UserPoolDescription } from '../../store/userPools.js';
import { NO_MFA_FACTOR_ENABLED, mfaConfigView, poolFactors } from '../../domain/mfa.js';
import { findPool } from '../../domain/userPools.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface SetUserPoolMfaConfigInput extends PoolMfaConfig {
  UserPoolId: string;
  MfaConfiguration?: UserPoolDescription['MfaConfiguration'] | null;
}

const SECTIONS = ['SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'WebAuthnConfiguration'] as const;

/**
 * Sets the pool's MFA mode and factor settings (spec C.3): only the sections given change; MFA ON or
 * OPTIONAL needs a factor. DescribeUserPool shows the same MfaConfiguration.
 */
export default function setUserPoolMfaConfig(input: SetUserPoolMfaConfigInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const mfaConfig: PoolMfaConfig = { ...pool.mfaConfig };
  for (const section of SECTIONS) {
    const given = input[section];
    if (given != null) (mfaConfig as Record<string, unknown>)[section] = given;
  }
  const description: UserPoolDescription = {
    ...pool.description,
    MfaConfiguration: input.MfaConfiguration ?? pool.description.MfaConfiguration,
    LastModifiedDate: ctx.clock.now() / 1000,
  };
  // SMS settings given here are the pool's SMS settings too.
  const sms = input.SmsMfaConfiguration;
  if (sms?.SmsConfiguration != null) description.SmsConfiguration = sms.SmsConfiguration;
  if (sms?.SmsAuthenticationMessage != null) description.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
  const updated: UserPool = { ...pool, description, mfaConfig };
  if (description.MfaConfiguration !== 'OFF' && poolFactors(updated).length === 0) throw InvalidParameter(NO_MFA_FACTOR_ENABLED);
  ctx.store.transaction(() => ctx.store.userPools.update(updated));
  return mfaConfigView(updated);
}
