/** Threat protection: risk configurations of the pool and its app clients. */
import type { AnyOperation } from '../registry.js';
import describeRiskConfiguration from './describeRiskConfiguration.js';
import setRiskConfiguration from './setRiskConfiguration.js';

export const threatProtectionOperations: Record<string, AnyOperation> = {
  DescribeRiskConfiguration: describeRiskConfiguration,
  SetRiskConfiguration: setRiskConfiguration,
};
