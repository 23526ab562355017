import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findUser } from '../../domain/users.js';
import { refreshIdentities } from '../../domain/identityProviders.js';

/**
 * Unlinks an external identity (User.ProviderName + ProviderAttributeValue) from the pool user it
 * signed in as: its next federated sign-in makes a new user. An identity linked to nobody is a no-op.
 */
export default function adminDisableProviderForUser(
  input: { UserPoolId: string; User: { ProviderName?: string; ProviderAttributeName?: string; ProviderAttributeValue?: string } },
  ctx: Context,
) {
  const pool = findPool(ctx, input.UserPoolId);
  const { ProviderName: providerName, ProviderAttributeValue: externalUserId } = input.User;
  if (providerName === undefined || externalUserId === undefined) return {};
  const link = ctx.store.identityProviders.linked(pool.id, providerName, externalUserId);
  if (!link) return {};
  const user = findUser(ctx.store, pool, link.username);
  ctx.store.transaction(() => {
    ctx.store.identityProviders.unlink(pool.id, providerName, externalUserId);
    if (user) {
      refreshIdentities(ctx, user, user.status === 'EXTERNAL_PROVIDER' ? providerName : undefined);
      ctx.store.users.update(user);
    }
  });
  return {};
}
