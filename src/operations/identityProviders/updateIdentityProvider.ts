import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { checkIdentifiersFree, checkProviderDetails, describedDetails, findProvider } from '../../domain/identityProviders.js';

export interface UpdateIdentityProviderInput {
  UserPoolId: string;
  ProviderName: string;
  ProviderDetails?: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

/** Replaces what the request gives (details, mapping, identifiers); keeps the rest. */
export default function updateIdentityProvider(input: UpdateIdentityProviderInput, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const provider = findProvider(ctx, input.UserPoolId, input.ProviderName);
  if (input.ProviderDetails) checkProviderDetails(provider.ProviderName, provider.ProviderType, { ...provider.ProviderDetails, ...input.ProviderDetails });
  if (input.IdpIdentifiers) checkIdentifiersFree(ctx, input.UserPoolId, provider.ProviderName, input.IdpIdentifiers);
  const updated = {
    ...provider,
    ...(input.ProviderDetails ? { ProviderDetails: describedDetails(provider.ProviderType, { ...provider.ProviderDetails, ...input.ProviderDetails }) } : {}),
    ...(input.AttributeMapping ? { AttributeMapping: { ...provider.AttributeMapping, ...input.AttributeMapping } } : {}),
    ...(input.IdpIdentifiers ? { IdpIdentifiers: input.IdpIdentifiers } : {}),
    LastModifiedDate: ctx.clock.now() / 1000,
  };
  ctx.store.transaction(() => ctx.store.identityProviders.put(updated));
  return { IdentityProvider: updated };
}
