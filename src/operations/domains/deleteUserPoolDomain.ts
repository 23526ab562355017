import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { NO_SUCH_DOMAIN } from '../../domain/domains.js';
import { InvalidParameter } from '../../protocol/errors.js';

/** Removes the pool's domain: its endpoints leave the openid-configuration, the name is free again. */
export default function deleteUserPoolDomain(input: { Domain: string; UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const domain = ctx.store.domains.get(input.Domain);
  if (!domain || domain.UserPoolId !== pool.id) throw InvalidParameter(NO_SUCH_DOMAIN);
  ctx.store.transaction(() => ctx.store.domains.delete(input.Domain));
  return {};
}
