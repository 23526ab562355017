import type { Statement } from 'better-sqlite3';
import { openDatabase, wipe, type Db } from './db.js';
import { UserPools } from './userPools.js';
import { UserPoolClients } from './userPoolClients.js';
import { Users } from './users.js';
import { Outbox } from './outbox.js';
import { AuthSessions } from './authSessions.js';
import { RefreshTokens } from './refreshTokens.js';
import { Devices } from './devices.js';

/** The SQLite store: one module per aggregate, prepared statements compiled once and reused. */
export class Store {
  readonly db: Db;
  private readonly statements = new Map<string, Statement>();
  readonly userPools = new UserPools(this);
  readonly clients = new UserPoolClients(this);
  readonly users = new Users(this);
  readonly outbox = new Outbox(this);
  readonly authSessions = new AuthSessions(this);
  readonly refreshTokens = new RefreshTokens(this);
  readonly devices = new Devices(this);

  /** One transaction wrapper for every call (better-sqlite3 nests them as savepoints). */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(dataDir: string) {
    this.db = openDatabase(dataDir);
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
  }

  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs fn in one transaction: an operation's writes land together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  reset(): void {
    wipe(this.db);
    this.userPools.forgetCache();
    this.clients.forgetCache();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
