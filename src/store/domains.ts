import type { Statements } from './db.js';

/** DomainDescriptionType as DescribeUserPoolDomain returns it. */
export interface DomainDescription {
  UserPoolId: string;
  AWSAccountId: string;
  Domain: string;
  S3Bucket?: string;
  CloudFrontDistribution: string;
  Version: string;
  Status: 'ACTIVE';
  CustomDomainConfig?: { CertificateArn: string };
  ManagedLoginVersion: number;
}

/** A pool's domain (prefix or custom): one per pool, each name taken once across all pools. */
export class UserPoolDomains {
  constructor(private readonly store: Statements) {}

  get(domain: string): DomainDescription | undefined {
    const row = this.store.stmt('SELECT description FROM user_pool_domains WHERE domain = ?').get(domain) as { description: string } | undefined;
    return row && JSON.parse(row.description);
  }

  ofPool(userPoolId: string): DomainDescription | undefined {
    const row = this.store.stmt('SELECT description FROM user_pool_domains WHERE user_pool_id = ?').get(userPoolId) as
      | { description: string }
      | undefined;
    return row && JSON.parse(row.description);
  }

  put(domain: DomainDescription, createdAt: number): void {
    this.store
      .stmt(
        `INSERT INTO user_pool_domains (domain, user_pool_id, description, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (domain) DO UPDATE SET description = excluded.description`,
      )
      .run(domain.Domain, domain.UserPoolId, JSON.stringify(domain), createdAt);
  }

  delete(domain: string): void {
    this.store.stmt('DELETE FROM user_pool_domains WHERE domain = ?').run(domain);
  }
}
