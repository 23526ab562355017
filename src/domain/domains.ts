/** User pool domains: the checks Cognito makes on a domain name, and what it reports about one. */
import { createHash } from 'node:crypto';
import type { DomainDescription } from '../store/domains.js';
import { InvalidParameter } from '../protocol/errors.js';

/** A prefix domain: lower-case letters, digits and inner hyphens (the model's pattern, checked by the service). */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Words a prefix may not have as a hyphen-separated part (measured: -aws-, -amazon-, -cognito- fail). */
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];
/** UNSURE: the service's text for a reserved word (CloudFormation shows only a generic failure). */
export const reservedWord = (word: string) => `Domain cannot contain reserved word: ${word}`;
/** UNSURE: the text when the pool already has a domain (one per pool: delete it before creating another). */
export const POOL_HAS_DOMAIN = 'User pool already has a domain configured.';
export const NO_SUCH_DOMAIN = 'No such domain or user pool exists.';
/** ManagedLoginVersion: 1 is the classic hosted UI, 2 managed login. */
export const MANAGED_LOGIN_VERSIONS = [1, 2];

export function checkDomainName(domain: string, custom: boolean): void {
  if (custom) {
    if (!domain.includes('.')) throw InvalidParameter('Custom domain is not a valid subdomain');
    return;
  }
  if (!PREFIX.test(domain)) {
    throw InvalidParameter('The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens.');
  }
  const reserved = domain.split('-').find((part) => RESERVED_WORDS.includes(part));
  if (reserved) throw InvalidParameter(reservedWord(reserved));
}


/** UNSURE: the service's text for a ManagedLoginVersion other than 1 or 2. */
export const badManagedLoginVersion = () => `ManagedLoginVersion must be one of ${MANAGED_LOGIN_VERSIONS.join(', ')}.`;

export function checkManagedLoginVersion(version: number | undefined): void {
  if (version !== undefined && !MANAGED_LOGIN_VERSIONS.includes(version)) throw InvalidParameter(badManagedLoginVersion());
}

/**
 * UNSURE: the CloudFront host a domain reports, stable per domain (real ones look like
 * d111111abcdef8.cloudfront.net; a prefix domain's is a shared distribution in Cognito).
 */
export const cloudFrontDomainOf = (domain: string) =>
  `d${createHash('sha256').update(domain).digest('hex').slice(0, 13)}.cloudfront.net`;

/** The host a browser would use for the domain: the custom name, or `<prefix>.auth.<region>.amazoncognito.com`. */
export const domainHost = (domain: DomainDescription, region: string) =>
  domain.CustomDomainConfig ? domain.Domain : `${domain.Domain}.auth.${region}.amazoncognito.com`;
