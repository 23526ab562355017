/**
 * Managed login terms documents (CreateTerms and the rest): a terms-of-use and a privacy-policy per app
 * client, each a map of managed login languages to the URL shown on the sign-up page. The model checks
 * the shapes (TermsName is exactly terms-of-use or privacy-policy, Links keys are cognito:default or a
 * managed login language, 1 to 13 of them, each URL 1-1024 printable characters); the rules below are
 * the service's own.
 */
import type { Context } from '../context.js';
import type { Terms } from '../store/terms.js';
import { CognitoError, InvalidParameter, ResourceNotFound } from '../protocol/errors.js';
import { invalidPaginationToken } from './pagination.js';

/** UNSURE: Cognito's text for a TermsId the pool does not hold (shaped as the pool's and client's own). */
export const termsNotFound = (termsId: string) => `Terms ${termsId} does not exist.`;

/**
 * Names are unique to the app client [DOC TermsExistsException: "Terms document names must be unique to
 * the app client"], so a client holds at most one terms-of-use and one privacy-policy; no other limit
 * was found, so LimitExceededException is never answered.
 * UNSURE: the text (none was found quoted).
 */
export const termsExist = (termsName: string, clientId: string) => `Terms ${termsName} already exist for app client ${clientId}.`;

/**
 * UNSURE: CreateTerms without Links (the model makes it optional, TermsType always has it) keeps an empty
 * map: the docs allow documents that are not displayed yet ("You must provide both types of terms
 * documents in at least one language before Amazon Cognito displays your terms documents").
 */
export const LINKS_WHEN_OMITTED: Readonly<Record<string, string>> = {};

/**
 * UNSURE: a link must be an absolute https URL (every example in the docs is one; it is opened from the
 * managed login sign-up page); the model only asks for 1-1024 printable characters. Text not found quoted.
 */
export const LINK_PROTOCOL = 'https:';
export const invalidLink = (language: string, link: string) => `The link ${link} for ${language} is not a valid https URL.`;

/**
 * UNSURE: cognito:default is not required (the docs call it the fallback for languages without a link of
 * their own, never a must); a map of languages only is kept as given.
 */
export const DEFAULT_LINK_REQUIRED = false;
export const DEFAULT_LINK_MISSING = 'Links must include cognito:default.';

/**
 * UNSURE: UpdateTerms changes only the members it is given and keeps the others (TermsName has no default
 * to fall back to, unlike UpdateUserPoolClient's settings); a Links map given replaces the whole map.
 */
export const KEPT_WHEN_OMITTED = ['TermsName', 'TermsSource', 'Enforcement', 'Links'] as const;

/** UNSURE: ListTerms without MaxResults answers up to the model's maximum (60). */
export const DEFAULT_MAX_RESULTS = 60;

export function findTerms(ctx: Context, userPoolId: string, termsId: string): Terms {
  const terms = ctx.store.terms.get(userPoolId, termsId);
  if (!terms) throw ResourceNotFound(termsNotFound(termsId));
  return terms;
}

/** Refuses a name the client's other document already has. */
export function checkNameFree(ctx: Context, clientId: string, termsName: string, termsId?: string): void {
  const holder = ctx.store.terms.named(clientId, termsName);
  if (holder && holder.TermsId !== termsId) throw new CognitoError('TermsExistsException', termsExist(termsName, clientId));
}

export function checkLinks(links: Record<string, string>): Record<string, string> {
  if (DEFAULT_LINK_REQUIRED && !('cognito:default' in links)) throw InvalidParameter(DEFAULT_LINK_MISSING);
  for (const [language, link] of Object.entries(links)) {
    let url: URL | undefined;
    try {
      url = new URL(link);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== LINK_PROTOCOL || !url.hostname) throw InvalidParameter(invalidLink(language, link));
  }
  return links;
}

/** ListTerms' position: the creation time (ms) and TermsId of the last document answered. */
export const listPosition = (createdAt: number, termsId: string) => `${createdAt}/${termsId}`;

export function parseListPosition(position: string | undefined): { createdAt: number; id: string } | undefined {
  if (position === undefined) return undefined;
  const match = /^(\d+)\/(.+)$/.exec(position);
  if (!match) throw invalidPaginationToken();
  return { createdAt: Number(match[1]), id: match[2] };
}
