/** Threat protection's risk configuration (SetRiskConfiguration): its rules and defaults. */
import { isIP } from 'node:net';
import type { UserPool } from '../store/userPools.js';
import type { RiskConfiguration } from '../store/riskConfigurations.js';
import { InvalidParameter } from '../protocol/errors.js';
import { threatProtectionRefusal, tierOf } from './userPools.js';

/**
 * UNSURE: SetRiskConfiguration on a pool below the Plus tier is refused as threat protection is at
 * UpdateUserPool (FeatureUnavailableInTierException, "... need to be disabled for the ESSENTIALS pricing
 * tier configured: Threat Protection"). The API reference says "To activate this setting, your user pool
 * must be on the Plus tier"; no refusal of SetRiskConfiguration itself was found quoted, and the model
 * lists UserPoolAddOnNotEnabledException for it, not FeatureUnavailableInTierException. Reading
 * (DescribeRiskConfiguration) is allowed on every tier.
 */
export const RISK_CONFIGURATION_NEEDS_PLUS = true;

export function checkRiskConfigurationTier(pool: UserPool): void {
  const tier = tierOf(pool.description);
  if (RISK_CONFIGURATION_NEEDS_PLUS && tier !== 'PLUS') throw threatProtectionRefusal(tier);
}

/**
 * The events compromised-credentials detection watches when EventFilter is left out ("Defaults to all
 * events" [DOC CompromisedCredentialsRiskConfigurationType]; Terraform reads it back as computed). UNSURE:
 * the order, taken from the model's enum.
 */
export const ALL_EVENT_FILTERS = ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'];

/** UNSURE: Cognito's texts for a range not in CIDR notation and for a notifying action without NotifyConfiguration. */
export const invalidCidr = (range: string) => `Invalid CIDR block: ${range}`;
export const NOTIFY_WITHOUT_CONFIGURATION = 'NotifyConfiguration is required when any account takeover action notifies the user.';

/** `10.0.0.0/8`, `2001:db8::/32`: an IPv4 or IPv6 address and a prefix length that fits it. */
export function isCidr(range: string): boolean {
  const [address, prefix, extra] = range.split('/');
  if (extra !== undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const version = isIP(address);
  return version !== 0 && Number(prefix) <= (version === 4 ? 32 : 128);
}

type SetInput = Omit<RiskConfiguration, 'LastModifiedDate'>;

/** The configuration as it will be kept: ranges checked, EventFilter defaulted, notifications configured. */
export function riskConfiguration(input: SetInput): RiskConfiguration {
  const exceptions = input.RiskExceptionConfiguration;
  for (const range of [...(exceptions?.BlockedIPRangeList ?? []), ...(exceptions?.SkippedIPRangeList ?? [])]) {
    if (!isCidr(range)) throw InvalidParameter(invalidCidr(range));
  }
  const takeover = input.AccountTakeoverRiskConfiguration;
  if (takeover && !takeover.NotifyConfiguration && Object.values(takeover.Actions).some((action) => action?.Notify)) {
    throw InvalidParameter(NOTIFY_WITHOUT_CONFIGURATION);
  }
  const compromised = input.CompromisedCredentialsRiskConfiguration;
  return {
    UserPoolId: input.UserPoolId,
    ...(input.ClientId ? { ClientId: input.ClientId } : {}),
    ...(compromised ? { CompromisedCredentialsRiskConfiguration: { EventFilter: compromised.EventFilter ?? ALL_EVENT_FILTERS, Actions: compromised.Actions } } : {}),
    ...(takeover ? { AccountTakeoverRiskConfiguration: takeover } : {}),
    ...(exceptions ? { RiskExceptionConfiguration: exceptions } : {}),
  };
}
