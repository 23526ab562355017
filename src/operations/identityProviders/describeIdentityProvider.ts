import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findProvider } from '../../domain/identityProviders.js';

export default function describeIdentityProvider(input: { UserPoolId: string; ProviderName: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  return { IdentityProvider: findProvider(ctx, input.UserPoolId, input.ProviderName) };
}
