import type { Statements } from './db.js';

/** The client id under which the pool's default branding is kept (and reported). */
export const ALL_CLIENTS = 'ALL';

/** UICustomizationType as GetUICustomization returns it (timestamps in epoch seconds). */
export interface UICustomization {
  UserPoolId: string;
  ClientId: string;
  ImageUrl?: string;
  CSS?: string;
  CSSVersion?: string;
  LastModifiedDate: number;
  CreationDate: number;
}

/** Classic hosted UI branding: the pool's default (ALL) and per app client, with the logo's bytes. */
export class UICustomizations {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, clientId: string): UICustomization | undefined {
    const row = this.store
      .stmt('SELECT description FROM ui_customizations WHERE user_pool_id = ? AND client_id = ?')
      .get(userPoolId, clientId) as { description: string } | undefined;
    return row && JSON.parse(row.description);
  }

  image(userPoolId: string, clientId: string): Buffer | undefined {
    const row = this.store
      .stmt('SELECT image FROM ui_customizations WHERE user_pool_id = ? AND client_id = ?')
      .get(userPoolId, clientId) as { image: Buffer | null } | undefined;
    return row?.image ?? undefined;
  }

  put(customization: UICustomization, image: Buffer | undefined): void {
    this.store
      .stmt(
        `INSERT INTO ui_customizations (user_pool_id, client_id, description, image) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_pool_id, client_id) DO UPDATE SET description = excluded.description, image = excluded.image`,
      )
      .run(customization.UserPoolId, customization.ClientId, JSON.stringify(customization), image ?? null);
  }

  delete(userPoolId: string, clientId: string): void {
    this.store.stmt('DELETE FROM ui_customizations WHERE user_pool_id = ? AND client_id = ?').run(userPoolId, clientId);
  }
}
