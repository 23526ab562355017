import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findPoolClient } from '../../domain/appClients.js';

/**
 * UNSURE: a client without a configuration of its own is described with the pool's (which names no
 * ClientId), and a pool never configured as just its UserPoolId (no real answer of either was found).
 */
export const describedRiskConfiguration = (ctx: Context, userPoolId: string, clientId: string | undefined) =>
  (clientId !== undefined ? ctx.store.riskConfigurations.get(userPoolId, clientId) : undefined) ??
  ctx.store.riskConfigurations.get(userPoolId) ?? { UserPoolId: userPoolId };

/** The risk configuration that applies to the pool, or to one of its app clients. */
export default function describeRiskConfiguration(input: { UserPoolId: string; ClientId?: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  if (input.ClientId !== undefined) findPoolClient(ctx, pool.id, input.ClientId);
  return { RiskConfiguration: describedRiskConfiguration(ctx, pool.id, input.ClientId) };
}
