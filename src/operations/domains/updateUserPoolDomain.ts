import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { checkManagedLoginVersion, NO_SUCH_DOMAIN } from '../../domain/domains.js';
import { InvalidParameter } from '../../protocol/errors.js';
import { domainResponse, type UserPoolDomainInput } from './createUserPoolDomain.js';

/** UNSURE: the text for a certificate given to a prefix domain (only custom domains have one). */
export const PREFIX_DOMAIN_HAS_NO_CERTIFICATE = 'CustomDomainConfig can only be set on a custom domain.';

/** Changes the branding version and/or a custom domain's certificate; the name itself never changes. */
export default function updateUserPoolDomain(input: UserPoolDomainInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  checkManagedLoginVersion(input.ManagedLoginVersion);
  const domain = ctx.store.domains.get(input.Domain);
  if (!domain || domain.UserPoolId !== pool.id) throw InvalidParameter(NO_SUCH_DOMAIN);
  if (input.CustomDomainConfig && !domain.CustomDomainConfig) throw InvalidParameter(PREFIX_DOMAIN_HAS_NO_CERTIFICATE);
  const updated = {
    ...domain,
    ...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
    ...(input.ManagedLoginVersion !== undefined ? { ManagedLoginVersion: input.ManagedLoginVersion } : {}),
  };
  ctx.store.transaction(() => ctx.store.domains.put(updated, ctx.clock.now()));
  return domainResponse(updated);
}
