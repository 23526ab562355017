import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';

/**
 * UNSURE: a pool that exports nothing (never configured, or set to an empty list) is described without
 * LogConfigurations; Terraform's destroy check accepts exactly that ("out.LogConfigurations == nil"), no
 * real answer was found.
 */
export const logDeliveryConfiguration = (ctx: Context, userPoolId: string) => {
  const logConfigurations = ctx.store.logDeliveryConfigurations.get(userPoolId);
  return { UserPoolId: userPoolId, ...(logConfigurations ? { LogConfigurations: logConfigurations } : {}) };
};

export default function getLogDeliveryConfiguration(input: { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  return { LogDeliveryConfiguration: logDeliveryConfiguration(ctx, pool.id) };
}
