import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findProvider } from '../../domain/identityProviders.js';

/** The provider and the links of external users to it go; its federated users stay (as in Cognito). */
export default function deleteIdentityProvider(input: { UserPoolId: string; ProviderName: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  findProvider(ctx, input.UserPoolId, input.ProviderName);
  ctx.store.transaction(() => ctx.store.identityProviders.delete(input.UserPoolId, input.ProviderName));
  return {};
}
