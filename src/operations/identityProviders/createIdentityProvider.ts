import type { Context } from '../../context.js';
import type { IdentityProvider } from '../../store/identityProviders.js';
import { findPool } from '../../domain/userPools.js';
import {
  USERNAME_CLAIM,
  checkIdentifiersFree,
  checkProviderDetails,
  describedDetails,
  providerExists,
} from '../../domain/identityProviders.js';
import { CognitoError } from '../../protocol/errors.js';

export interface CreateIdentityProviderInput {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: string;
  ProviderDetails: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

/**
 * A SAML, OIDC or social provider the pool trusts. kognito never calls it: signing in through it
 * opens kognito's stand-in page, where the test chooses the external user.
 */
export default function createIdentityProvider(input: CreateIdentityProviderInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  checkProviderDetails(input.ProviderName, input.ProviderType, input.ProviderDetails);
  if (ctx.store.identityProviders.get(pool.id, input.ProviderName)) {
    throw new CognitoError('DuplicateProviderException', providerExists(input.ProviderName));
  }
  checkIdentifiersFree(ctx, pool.id, input.ProviderName, input.IdpIdentifiers ?? []);
  const now = ctx.clock.now() / 1000;
  const usernameClaim = USERNAME_CLAIM[input.ProviderType];
  const provider: IdentityProvider = {
    UserPoolId: pool.id,
    ProviderName: input.ProviderName,
    ProviderType: input.ProviderType,
    ProviderDetails: describedDetails(input.ProviderType, input.ProviderDetails),
    AttributeMapping: { ...(usernameClaim ? { username: usernameClaim } : {}), ...input.AttributeMapping },
    IdpIdentifiers: input.IdpIdentifiers ?? [],
    LastModifiedDate: now,
    CreationDate: now,
  };
  ctx.store.transaction(() => ctx.store.identityProviders.put(provider));
  return { IdentityProvider: provider };
}
