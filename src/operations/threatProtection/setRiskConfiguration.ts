import type { Context } from '../../context.js';
import type { RiskConfiguration } from '../../store/riskConfigurations.js';
import { findPool } from '../../domain/userPools.js';
import { findPoolClient } from '../../domain/appClients.js';
import { checkRiskConfigurationTier, riskConfiguration } from '../../domain/riskConfiguration.js';
import { describedRiskConfiguration } from './describeRiskConfiguration.js';

/**
 * Threat protection's responses for the pool, or with ClientId for one app client (which then ignores the
 * pool's). Each request replaces the whole configuration; one with only UserPoolId (and ClientId) resets
 * it: the pool's to the defaults, a client's to inheriting the pool's [DOC SetRiskConfiguration].
 * kognito assesses no risk, so these settings are kept and described, never applied.
 */
export default function setRiskConfiguration(input: Omit<RiskConfiguration, 'LastModifiedDate'>, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  if (input.ClientId !== undefined) findPoolClient(ctx, pool.id, input.ClientId);
  checkRiskConfigurationTier(pool);
  const configuration = riskConfiguration(input);
  const reset =
    !configuration.CompromisedCredentialsRiskConfiguration && !configuration.AccountTakeoverRiskConfiguration && !configuration.RiskExceptionConfiguration;
  ctx.store.transaction(() => {
    if (reset) ctx.store.riskConfigurations.delete(pool.id, input.ClientId);
    else ctx.store.riskConfigurations.put({ ...configuration, LastModifiedDate: ctx.clock.now() / 1000 });
  });
  return { RiskConfiguration: describedRiskConfiguration(ctx, pool.id, input.ClientId) };
}
