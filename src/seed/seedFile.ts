/**
 * The seed file (--seed / KOGNITO_SEED): user pools, their app clients and users, declared in JSON or
 * YAML. This module reads and checks its shape; applySeed.ts applies it through the API operations.
 * Every complaint names the file, the path inside it (UserPools[0].Users[1].Status) and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

export type SeedUserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD';

export interface SeedUser {
  Username: string;
  /** The user's password (CONFIRMED, UNCONFIRMED) or temporary password (FORCE_CHANGE_PASSWORD; drawn if absent). */
  Password?: string;
  /** Default CONFIRMED. */
  Status?: SeedUserStatus;
  /** Attribute name -> value, e.g. { email: 'jane@example.com', email_verified: 'true' }. */
  Attributes?: Record<string, string>;
  /** A verified TOTP token with this SecretCode (base32), preferred for MFA: tests compute its codes. */
  TotpSecret?: string;
  /** Names of groups of the pool (its Groups) the user is a member of. */
  Groups?: string[];
}

/** CreateGroup's input (without UserPoolId). */
export interface SeedGroup {
  GroupName: string;
  Description?: string;
  Precedence?: number;
  RoleArn?: string;
}

/** CreateUserPoolClient's input (without UserPoolId), plus an optional fixed ClientId and ClientSecret. */
export interface SeedClient {
  ClientName: string;
  ClientId?: string;
  /** Gives the client this secret (GenerateSecret is implied). */
  ClientSecret?: string;
  [setting: string]: unknown;
}

/** CreateUserPool's input, plus an optional fixed Id, the pool's MFA settings, clients and users. */
export interface SeedUserPool {
  PoolName: string;
  Id?: string;
  /** SetUserPoolMfaConfig's input (without UserPoolId). */
  MfaConfig?: Record<string, unknown>;
  Clients?: SeedClient[];
  Groups?: SeedGroup[];
  Users?: SeedUser[];
  [setting: string]: unknown;
}

export interface Seed {
  UserPools: SeedUserPool[];
}

/** A seed that cannot be read or applied; the message says where and why. */
export class SeedError extends Error {}

const STATUSES: SeedUserStatus[] = ['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD'];
const USER_KEYS = ['Username', 'Password', 'Status', 'Attributes', 'TotpSecret', 'Groups'];

/** Reads a seed file: `.json` as JSON, anything else as YAML (of which JSON is a subset). */
export async function loadSeedFile(file: string): Promise<Seed> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedError(`seed file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  if (extname(file).toLowerCase() === '.json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SeedError(`seed file ${file}: not valid JSON: ${(error as Error).message}`);
    }
  } else {
    // Loaded only for a YAML seed: start-up without one does not pay for the parser.
    const { parseDocument } = await import('yaml');
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    const [first] = document.errors;
    if (first) {
      const at = first.linePos?.[0];
      const what = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new SeedError(`seed file ${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${what}`);
    }
    value = document.toJS();
  }
  return checkSeed(value, `seed file ${file}`);
}

/** Checks the shape of a seed (from a file or given to startKognito); API settings are checked when applied. */
export function checkSeed(value: unknown, source = 'seed'): Seed {
  const fail = (path: string, what: string): never => {
    throw new SeedError(`${source}: ${path ? `${path}: ` : ''}${what}`);
  };
  const object = (v: unknown, path: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, `must be a mapping (an object), got ${describe(v)}`);
  const list = (v: unknown, path: string): unknown[] => (Array.isArray(v) ? v : fail(path, `must be a list, got ${describe(v)}`));
  const text = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' ? v : fail(path, `must be a non-empty string, got ${describe(v)}`));
  const unique = (names: string[], path: string, what: string) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (seen.has(name)) fail(`${path}[${i}]`, `a second ${what} named '${name}'`);
      seen.add(name);
    });
  };

  const root = object(value, '');
  for (const key of Object.keys(root)) if (key !== 'UserPools') fail(key, 'unknown member (a seed has UserPools)');
  const pools = list(root.UserPools ?? fail('UserPools', 'is missing'), 'UserPools');
  pools.forEach((p, i) => {
    const path = `UserPools[${i}]`;
    const pool = object(p, path);
    text(pool.PoolName ?? fail(`${path}.PoolName`, 'is missing'), `${path}.PoolName`);
    if (pool.Id !== undefined) text(pool.Id, `${path}.Id`);
    if (pool.MfaConfig !== undefined) object(pool.MfaConfig, `${path}.MfaConfig`);
    const clients = pool.Clients === undefined ? [] : list(pool.Clients, `${path}.Clients`);
    clients.forEach((c, j) => {
      const client = object(c, `${path}.Clients[${j}]`);
      text(client.ClientName ?? fail(`${path}.Clients[${j}].ClientName`, 'is missing'), `${path}.Clients[${j}].ClientName`);
      for (const key of ['ClientId', 'ClientSecret']) if (client[key] !== undefined) text(client[key], `${path}.Clients[${j}].${key}`);
      if (client.UserPoolId !== undefined) fail(`${path}.Clients[${j}].UserPoolId`, "is given by the pool it is under; leave it out");
    });
    unique(clients.map((c) => (c as SeedClient).ClientName), `${path}.Clients`, 'client');
    const groups = pool.Groups === undefined ? [] : list(pool.Groups, `${path}.Groups`);
    groups.forEach((g, j) => {
      const group = object(g, `${path}.Groups[${j}]`);
      text(group.GroupName ?? fail(`${path}.Groups[${j}].GroupName`, 'is missing'), `${path}.Groups[${j}].GroupName`);
      if (group.UserPoolId !== undefined) fail(`${path}.Groups[${j}].UserPoolId`, 'is given by the pool it is under; leave it out');
    });
    const groupNames = groups.map((g) => (g as SeedGroup).GroupName);
    unique(groupNames, `${path}.Groups`, 'group');
    const users = pool.Users === undefined ? [] : list(pool.Users, `${path}.Users`);
    users.forEach((u, j) => {
      const at = `${path}.Users[${j}]`;
      const user = object(u, at);
      for (const key of Object.keys(user)) if (!USER_KEYS.includes(key)) fail(`${at}.${key}`, `unknown member (a user has ${USER_KEYS.join(', ')})`);
      text(user.Username ?? fail(`${at}.Username`, 'is missing'), `${at}.Username`);
      const status = user.Status ?? 'CONFIRMED';
      if (!STATUSES.includes(status as SeedUserStatus)) fail(`${at}.Status`, `must be one of ${STATUSES.join(', ')}, got ${describe(status)}`);
      if (user.Password === undefined && status !== 'FORCE_CHANGE_PASSWORD') fail(`${at}.Password`, `is missing (a ${status} user signs in with it)`);
      if (user.Password !== undefined) text(user.Password, `${at}.Password`);
      if (user.TotpSecret !== undefined && !/^[A-Z2-7]{16,}=*$/i.test(text(user.TotpSecret, `${at}.TotpSecret`))) {
        fail(`${at}.TotpSecret`, 'must be a base32 SecretCode (A-Z, 2-7; at least 16 characters)');
      }
      if (user.Groups !== undefined) {
        list(user.Groups, `${at}.Groups`).forEach((name, k) => {
          if (!groupNames.includes(text(name, `${at}.Groups[${k}]`))) fail(`${at}.Groups[${k}]`, `'${name}' is not one of the pool's Groups`);
        });
      }
      if (user.Attributes !== undefined) {
        for (const [name, v] of Object.entries(object(user.Attributes, `${at}.Attributes`))) {
          if (typeof v !== 'string') fail(`${at}.Attributes.${name}`, `must be a string (quote it in YAML), got ${describe(v)}`);
        }
      }
    });
    unique(users.map((u) => (u as SeedUser).Username), `${path}.Users`, 'user');
  });
  return root as unknown as Seed;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
