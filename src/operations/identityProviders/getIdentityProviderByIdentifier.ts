import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { identifierNotFound } from '../../domain/identityProviders.js';
import { ResourceNotFound } from '../../protocol/errors.js';

/** The provider whose IdpIdentifiers hold this identifier (what `idp_identifier` at /oauth2/authorize names). */
export default function getIdentityProviderByIdentifier(input: { UserPoolId: string; IdpIdentifier: string }, ctx: Context) {
  findPool(ctx, input.UserPoolId);
  const provider = ctx.store.identityProviders.list(input.UserPoolId, undefined, -1).find((p) => p.IdpIdentifiers.includes(input.IdpIdentifier));
  if (!provider) throw ResourceNotFound(identifierNotFound(input.IdpIdentifier));
  return { IdentityProvider: provider };
}
