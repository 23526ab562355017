import type { Context } from '../../context.js';
import type { DomainDescription } from '../../store/domains.js';
import { findPool } from '../../domain/userPools.js';
import { checkDomainName, checkManagedLoginVersion, cloudFrontDomainOf, POOL_HAS_DOMAIN } from '../../domain/domains.js';
import { ACCOUNT_ID } from '../pools/createUserPool.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface UserPoolDomainInput {
  Domain: string;
  UserPoolId: string;
  ManagedLoginVersion?: number;
  CustomDomainConfig?: { CertificateArn: string };
}

/** UNSURE: the Version Cognito reports for a domain (an opaque build string in real answers). */
export const DOMAIN_VERSION = '20240101000000';
/** UNSURE: the S3Bucket a prefix domain reports (real answers name a regional Cognito assets bucket). */
export const PREFIX_DOMAIN_S3_BUCKET = 'aws-cognito-prod-assets';

/**
 * A prefix domain (`myprefix`, served as myprefix.auth.<region>.amazoncognito.com) or, with
 * CustomDomainConfig, a custom one (auth.example.com). kognito serves every pool's endpoints at its
 * own address; the domain turns them on (openid-configuration then lists them).
 */
export default function createUserPoolDomain(input: UserPoolDomainInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const custom = input.CustomDomainConfig !== undefined;
  checkDomainName(input.Domain, custom);
  checkManagedLoginVersion(input.ManagedLoginVersion);
  if (ctx.store.domains.get(input.Domain)) throw InvalidParameter('Domain already exists.');
  if (ctx.store.domains.ofPool(pool.id)) throw InvalidParameter(POOL_HAS_DOMAIN);
  const domain: DomainDescription = {
    UserPoolId: pool.id,
    AWSAccountId: ACCOUNT_ID,
    Domain: input.Domain,
    ...(custom ? {} : { S3Bucket: PREFIX_DOMAIN_S3_BUCKET }),
    CloudFrontDistribution: cloudFrontDomainOf(input.Domain),
    Version: DOMAIN_VERSION,
    Status: 'ACTIVE',
    ...(custom ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
    ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
  };
  ctx.store.transaction(() => ctx.store.domains.put(domain, ctx.clock.now()));
  return domainResponse(domain);
}

/** Create and Update answer with the branding version, and the CloudFront host of a custom domain. */
export const domainResponse = (domain: DomainDescription) => ({
  ...(domain.CustomDomainConfig ? { CloudFrontDomain: domain.CloudFrontDistribution } : {}),
  ManagedLoginVersion: domain.ManagedLoginVersion,
});
