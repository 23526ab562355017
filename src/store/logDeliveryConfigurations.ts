import type { Statements } from './db.js';

/** LogConfigurationType: what a pool exports, at which level, to which one destination. */
export interface LogConfiguration {
  LogLevel: 'ERROR' | 'INFO';
  EventSource: 'userNotification' | 'userAuthEvents';
  CloudWatchLogsConfiguration?: { LogGroupArn?: string };
  S3Configuration?: { BucketArn?: string };
  FirehoseConfiguration?: { StreamArn?: string };
}

/** A pool's log export settings (SetLogDeliveryConfiguration), one row per pool. */
export class LogDeliveryConfigurations {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string): LogConfiguration[] | undefined {
    const row = this.store.stmt('SELECT description FROM log_delivery_configurations WHERE user_pool_id = ?').get(userPoolId) as
      | { description: string }
      | undefined;
    return row && JSON.parse(row.description).LogConfigurations;
  }

  put(userPoolId: string, logConfigurations: LogConfiguration[]): void {
    this.store
      .stmt(
        `INSERT INTO log_delivery_configurations (user_pool_id, description) VALUES (?, ?)
         ON CONFLICT (user_pool_id) DO UPDATE SET description = excluded.description`,
      )
      .run(userPoolId, JSON.stringify({ UserPoolId: userPoolId, LogConfigurations: logConfigurations }));
  }

  delete(userPoolId: string): void {
    this.store.stmt('DELETE FROM log_delivery_configurations WHERE user_pool_id = ?').run(userPoolId);
  }
}
