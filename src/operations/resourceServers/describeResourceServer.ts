import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findResourceServer } from '../../domain/resourceServers.js';

export default function describeResourceServer(input: { UserPoolId: string; Identifier: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  return { ResourceServer: findResourceServer(ctx, input.UserPoolId, input.Identifier) };
}
