import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { InvalidParameter } from '../../protocol/errors.js';

export default function deleteUserPool(input: { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  if (pool.description.DeletionProtection === 'ACTIVE') {
    throw InvalidParameter('The user pool cannot be deleted because deletion protection is activated.');
  }
  ctx.store.transaction(() => ctx.store.userPools.delete(pool.id));
  ctx.store.clients.forgetCache();
  ctx.keys.forget(pool.id);
  return {};
}
