import type { Statements } from './db.js';

/** TermsType as CreateTerms / DescribeTerms return it (dates in epoch seconds). */
export interface Terms {
  TermsId: string;
  UserPoolId: string;
  ClientId: string;
  TermsName: string;
  TermsSource: string;
  Enforcement: string;
  Links: Record<string, string>;
  CreationDate: number;
  LastModifiedDate: number;
}

/**
 * UNSURE: ListTerms answers a pool's terms in the order they were created (TermsId breaks ties); no
 * real answer listing several was found, and the model says nothing of the order.
 */
export const LIST_ORDER = 'created_at, id';

/** The managed login terms documents of a pool's app clients (gone with the client or the pool: foreign keys). */
export class TermsDocuments {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, termsId: string): Terms | undefined {
    const row = this.store.stmt('SELECT description FROM terms WHERE id = ? AND user_pool_id = ?').get(termsId, userPoolId) as
      | { description: string }
      | undefined;
    return row && JSON.parse(row.description);
  }

  /** The client's document of that name, if any (names are unique to the app client). */
  named(clientId: string, termsName: string): Terms | undefined {
    const row = this.store.stmt('SELECT description FROM terms WHERE client_id = ? AND terms_name = ?').get(clientId, termsName) as
      | { description: string }
      | undefined;
    return row && JSON.parse(row.description);
  }

  /** A pool's terms in LIST_ORDER after the one with id `after` (exclusive), at most `limit`. */
  list(userPoolId: string, after: { createdAt: number; id: string } | undefined, limit: number): { terms: Terms; createdAt: number }[] {
    const rows = this.store
      .stmt(
        `SELECT description, created_at FROM terms WHERE user_pool_id = ? AND (created_at, id) > (?, ?) ORDER BY ${LIST_ORDER} LIMIT ?`,
      )
      .all(userPoolId, after?.createdAt ?? -1, after?.id ?? '', limit) as { description: string; created_at: number }[];
    return rows.map((row) => ({ terms: JSON.parse(row.description), createdAt: row.created_at }));
  }

  /** New terms; `createdAtMs` orders the list. */
  insert(terms: Terms, createdAtMs: number): void {
    this.store
      .stmt('INSERT INTO terms (id, user_pool_id, client_id, terms_name, created_at, description) VALUES (?, ?, ?, ?, ?, ?)')
      .run(terms.TermsId, terms.UserPoolId, terms.ClientId, terms.TermsName, createdAtMs, JSON.stringify(terms));
  }

  update(terms: Terms): void {
    this.store
      .stmt('UPDATE terms SET terms_name = ?, description = ? WHERE id = ?')
      .run(terms.TermsName, JSON.stringify(terms), terms.TermsId);
  }

  delete(userPoolId: string, termsId: string): void {
    this.store.stmt('DELETE FROM terms WHERE id = ? AND user_pool_id = ?').run(termsId, userPoolId);
  }
}
