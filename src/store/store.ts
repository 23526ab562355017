import type { Statement } from 'better-sqlite3';
import type { Logger } from 'pino';
import { openDatabase, Statements, wipe, type Db } from './db.js';
import { UserPools } from './userPools.js';
import { UserPoolClients } from './userPoolClients.js';
import { Users } from './users.js';
import { Outbox } from './outbox.js';
import { AuthSessions } from './authSessions.js';
import { RefreshTokens } from './refreshTokens.js';
import { Devices } from './devices.js';
import { Groups } from './groups.js';
import { PasswordHistory } from './passwordHistory.js';
import { AuthEvents } from './authEvents.js';
import { UserPoolDomains } from './domains.js';
import { ResourceServers } from './resourceServers.js';
import { IdentityProviders } from './identityProviders.js';
import { AuthorizationCodes } from './authorizationCodes.js';
import { HostedSessions } from './hostedSessions.js';
import { UICustomizations } from './uiCustomizations.js';
import { RiskConfigurations } from './riskConfigurations.js';
import { LogDeliveryConfigurations } from './logDeliveryConfigurations.js';
import { UserImportJobs } from './userImportJobs.js';
import { TermsDocuments } from './terms.js';
import { WebAuthnCredentials } from './webAuthnCredentials.js';

/** The SQLite store: one module per aggregate, prepared statements compiled once and reused. */
export class Store {
  readonly db: Db;
  private readonly statements: Statements;
  readonly userPools: UserPools;
  readonly clients: UserPoolClients;
  readonly users: Users;
  readonly outbox: Outbox;
  readonly authSessions: AuthSessions;
  readonly refreshTokens: RefreshTokens;
  readonly devices: Devices;
  readonly groups: Groups;
  readonly passwordHistory: PasswordHistory;
  readonly authEvents: AuthEvents;
  readonly domains: UserPoolDomains;
  readonly resourceServers: ResourceServers;
  readonly identityProviders: IdentityProviders;
  readonly authorizationCodes: AuthorizationCodes;
  readonly hostedSessions: HostedSessions;
  readonly uiCustomizations: UICustomizations;
  readonly riskConfigurations: RiskConfigurations;
  readonly logDeliveryConfigurations: LogDeliveryConfigurations;
  readonly userImportJobs: UserImportJobs;
  readonly terms: TermsDocuments;
  readonly webAuthnCredentials: WebAuthnCredentials;

  /** One transaction wrapper for every call (better-sqlite3 nests them as savepoints). */
  private readonly inTransaction: (fn: () => unknown) => unknown;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  /** How deep transaction() calls are nested now (only the outermost joins the group). */
  private depth = 0;
  /** The group transaction writes are joining now, and its commit. */
  private group: { committed: Promise<void>; settle: () => void; transactions: number } | undefined;
  /**
   * How many group commits have failed (an I/O error: nothing of such a group is kept). A request
   * that was running when one failed may have written or read what was lost: it answers an error
   * (server.ts), never a success.
   */
  commitFailures = 0;

  /** `log`: each group commit is logged at debug level (how many transactions it held). */
  constructor(
    dataDir: string,
    private readonly log?: Pick<Logger, 'debug' | 'error' | 'isLevelEnabled'>,
  ) {
    this.db = openDatabase(dataDir);
    this.statements = new Statements(this.db);
    this.userPools = new UserPools(this.statements);
    this.clients = new UserPoolClients(this.statements);
    this.users = new Users(this.statements);
    this.outbox = new Outbox(this.statements);
    this.authSessions = new AuthSessions(this.statements);
    this.refreshTokens = new RefreshTokens(this.statements);
    this.devices = new Devices(this.statements);
    this.groups = new Groups(this.statements);
    this.passwordHistory = new PasswordHistory(this.statements);
    this.authEvents = new AuthEvents(this.statements);
    this.domains = new UserPoolDomains(this.statements);
    this.resourceServers = new ResourceServers(this.statements);
    this.identityProviders = new IdentityProviders(this.statements);
    this.authorizationCodes = new AuthorizationCodes(this.statements);
    this.hostedSessions = new HostedSessions(this.statements);
    this.uiCustomizations = new UICustomizations(this.statements);
    this.riskConfigurations = new RiskConfigurations(this.statements);
    this.logDeliveryConfigurations = new LogDeliveryConfigurations(this.statements);
    this.userImportJobs = new UserImportJobs(this.statements);
    this.terms = new TermsDocuments(this.statements);
    this.webAuthnCredentials = new WebAuthnCredentials(this.statements);
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.begin = this.db.prepare('BEGIN');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
  }

  /**
   * Runs fn in one transaction: an operation's writes land together or not at all.
   *
   * Group commit: the transactions of requests that arrive together join one SQLite transaction
   * (each is a savepoint in it, so a failing one is rolled back alone), committed once the event
   * loop has run every request that was ready (setImmediate). Nothing is answered before the
   * writes it made or read are committed (see `committed`): a write is acknowledged only once it
   * is in the WAL, as with one commit per write, and a busy server commits a few times per batch
   * instead of once per request.
   */
  transaction<T>(fn: () => T): T {
    if (this.depth === 0) {
      if (!this.db.inTransaction) this.openGroup();
      else if (this.group) this.group.transactions++;
    }
    this.depth++;
    try {
      return this.inTransaction(fn) as T;
    } finally {
      this.depth--;
    }
  }

  /** Settles once every write made so far is committed or lost (see commitFailures); undefined when nothing waits. */
  committed(): Promise<void> | undefined {
    return this.group?.committed;
  }

  private openGroup(): void {
    // A group still open here lost its transaction to SQLite (an I/O error rolls it all back).
    if (this.group) this.endGroup(new Error('the store rolled back the group transaction'));
    this.begin.run();
    let settle!: () => void;
    const committed = new Promise<void>((resolve) => (settle = resolve));
    this.group = { committed, settle, transactions: 1 };
    setImmediate(() => this.commitGroup());
  }

  /** Commits the open group, if any. */
  private commitGroup(): void {
    if (!this.group) return;
    try {
      this.commit.run();
      if (this.log?.isLevelEnabled('debug')) this.log.debug({ transactions: this.group.transactions }, 'group commit');
      this.endGroup();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      this.endGroup(error);
    }
  }

  /** Ends the open group; with `failure`, nothing of it was kept. */
  private endGroup(failure?: unknown): void {
    const group = this.group!;
    this.group = undefined;
    if (failure !== undefined) {
      this.commitFailures++;
      this.forgetCaches();
      this.log?.error({ err: failure, transactions: group.transactions }, 'group commit failed: its writes are lost');
    }
    group.settle();
  }

  reset(): void {
    this.commitGroup();
    wipe(this.db);
    this.forgetCaches();
  }

  private forgetCaches(): void {
    this.userPools.forgetCache();
    this.clients.forgetCache();
  }

  close(): void {
    if (!this.db.open) return;
    this.commitGroup();
    this.db.close();
  }
}
