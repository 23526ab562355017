import type { Statements } from './db.js';

/** RiskConfigurationType as DescribeRiskConfiguration returns it (LastModifiedDate in epoch seconds). */
export interface RiskConfiguration {
  UserPoolId: string;
  ClientId?: string;
  CompromisedCredentialsRiskConfiguration?: { EventFilter?: string[]; Actions: { EventAction: string } };
  AccountTakeoverRiskConfiguration?: { NotifyConfiguration?: Record<string, unknown>; Actions: Record<string, { Notify: boolean; EventAction: string }> };
  RiskExceptionConfiguration?: { BlockedIPRangeList?: string[]; SkippedIPRangeList?: string[] };
  LastModifiedDate?: number;
}

/** Threat protection's settings: the pool's own, and per app client (which then ignores the pool's). */
export class RiskConfigurations {
  constructor(private readonly store: Statements) {}

  /** The pool's configuration (clientId undefined) or a client's own. */
  get(userPoolId: string, clientId?: string): RiskConfiguration | undefined {
    const row = this.store
      .stmt('SELECT description FROM risk_configurations WHERE user_pool_id = ? AND client_id = ?')
      .get(userPoolId, clientId ?? '') as { description: string } | undefined;
    return row && JSON.parse(row.description);
  }

  put(configuration: RiskConfiguration): void {
    this.store
      .stmt(
        `INSERT INTO risk_configurations (user_pool_id, client_id, description) VALUES (?, ?, ?)
         ON CONFLICT (user_pool_id, client_id) DO UPDATE SET description = excluded.description`,
      )
      .run(configuration.UserPoolId, configuration.ClientId ?? '', JSON.stringify(configuration));
  }

  delete(userPoolId: string, clientId?: string): void {
    this.store.stmt('DELETE FROM risk_configurations WHERE user_pool_id = ? AND client_id = ?').run(userPoolId, clientId ?? '');
  }
}
