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

  /** One transaction wrapper for every call (better-sqlite3 nests them as savepoints). */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(dataDir: string) {
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
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
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
