/** Exporting user pool logs (kept as configured; kognito delivers none). */
import type { AnyOperation } from '../registry.js';
import getLogDeliveryConfiguration from './getLogDeliveryConfiguration.js';
import setLogDeliveryConfiguration from './setLogDeliveryConfiguration.js';

export const logDeliveryOperations: Record<string, AnyOperation> = {
  GetLogDeliveryConfiguration: getLogDeliveryConfiguration,
  SetLogDeliveryConfiguration: setLogDeliveryConfiguration,
};
