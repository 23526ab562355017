import type { Context } from '../../context.js';
import type { Terms } from '../../store/terms.js';
import { findPoolClient } from '../../domain/appClients.js';
import { checkLinks, checkNameFree, LINKS_WHEN_OMITTED } from '../../domain/terms.js';
import { uuid } from '../../domain/ids.js';

export interface CreateTermsInput {
  UserPoolId: string;
  ClientId: string;
  TermsName: string;
  TermsSource: string;
  Enforcement: string;
  Links?: Record<string, string>;
}

/** One terms document (terms-of-use or privacy-policy) of an app client; its TermsId is a UUID v4 (TermsIdType). */
export default function createTerms(input: CreateTermsInput, ctx: Context) {
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  const links = checkLinks(input.Links ?? { ...LINKS_WHEN_OMITTED });
  checkNameFree(ctx, client.ClientId, input.TermsName);
  const now = ctx.clock.now();
  const terms: Terms = {
    TermsId: uuid(),
    UserPoolId: client.UserPoolId,
    ClientId: client.ClientId,
    TermsName: input.TermsName,
    TermsSource: input.TermsSource,
    Enforcement: input.Enforcement,
    Links: links,
    CreationDate: now / 1000,
    LastModifiedDate: now / 1000,
  };
  ctx.store.transaction(() => ctx.store.terms.insert(terms, now));
  return { Terms: terms };
}
