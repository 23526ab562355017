import type { Context } from '../../context.js';
import type { LogConfiguration } from '../../store/logDeliveryConfigurations.js';
import { findPool } from '../../domain/userPools.js';
import { checkLogConfigurations } from '../../domain/logDelivery.js';
import { logDeliveryConfiguration } from './getLogDeliveryConfiguration.js';

/**
 * Where the pool exports its logs. The list replaces the previous one; an empty list turns export off
 * (Terraform deletes the resource so). kognito keeps the settings and delivers nothing: its own request
 * log and GET /_kognito/* show what happened.
 */
export default function setLogDeliveryConfiguration(input: { UserPoolId: string; LogConfigurations: LogConfiguration[] }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const configurations = checkLogConfigurations(pool, input.LogConfigurations);
  ctx.store.transaction(() => {
    if (configurations.length) ctx.store.logDeliveryConfigurations.put(pool.id, configurations);
    else ctx.store.logDeliveryConfigurations.delete(pool.id);
  });
  return { LogDeliveryConfiguration: logDeliveryConfiguration(ctx, pool.id) };
}
