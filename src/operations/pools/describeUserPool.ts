import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { describe } from './createUserPool.js';

export default function describeUserPool(input: { UserPoolId: string }, ctx: Context) {
  return { UserPool: describe(ctx, findPool(ctx, input.UserPoolId).description) };
}
