/** One typed configuration object: defaults, then environment, then flags (cli.ts). */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Directory of the SQLite store, or ':memory:' for an ephemeral one. */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Token issuer. 'aws' (default): https://cognito-idp.<region>.amazonaws.com/<poolId>, what
   * aws-jwt-verify and API gateways expect. Otherwise a base URL such as http://localhost:9329,
   * giving <baseUrl>/<poolId>, for apps that verify through OIDC discovery against kognito.
   */
  issuer: 'aws' | string;
  /**
   * Origins (`http://localhost:3000`, or `*`) whose pages may use /_kognito besides loopback pages and
   * kognito's own, and that get Chrome's private-network access (env KOGNITO_ALLOWED_ORIGINS, comma-separated).
   */
  allowedOrigins?: string[];
  /**
   * Host names (or `*`) /_kognito answers besides IP addresses, single-label names (`localhost`, a
   * compose service such as `kognito`), `*.localhost` and --host (env KOGNITO_ALLOWED_HOSTS, comma-separated).
   */
  allowedHosts?: string[];
  /**
   * Codes of one purpose a user may be sent per hour (default MAX_CODES_SENT_PER_WINDOW, 5); 0 for no
   * limit, for test suites that resend often (env KOGNITO_CODE_SEND_LIMIT, `off` = 0).
   */
  codeSendLimit?: number;
  /**
   * The base URL browsers reach kognito at, when it differs from the one servers use (docker-compose:
   * apps call http://kognito:9329, browsers open http://localhost:9329). The browser-facing endpoint of
   * openid-configuration (authorization_endpoint) uses it; the others, and every page, use the address
   * each request came to.
   */
  publicUrl?: string;
  /** Refuse a TOTP code whose time step was already accepted (default on; env KOGNITO_TOTP_REPLAY_PROTECTION=off). */
  totpReplayProtection?: boolean;
  /**
   * Lambda triggers run as local JavaScript modules, by function name (the name in the ARN the pool's
   * LambdaConfig names): each in a worker thread, with Lambda's handler contract.
   */
  lambdaModules?: Record<string, LambdaModule>;
  /** A Lambda Invoke API (SAM's `sam local start-lambda`, LocalStack...) for functions not run as local modules. */
  lambdaEndpoint?: string;
  /** How long a trigger may take before Cognito gives up on it (5 seconds, as Cognito). */
  lambdaTimeoutMs?: number;
  /** Log lines as JSON (one object a line) or coloured text for people; the CLI picks pretty on a terminal. */
  logFormat?: 'pretty' | 'json';
  /** Every emailed or texted code takes this value instead of a random one (tests in any language). */
  fixedCode?: string;
  /** A seed file (JSON or YAML) of pools, clients, groups and users, applied at start-up and after a reset. */
  seed?: string;
}

/** A local module that serves as a Lambda function: the file, and the export that is the handler. */
export interface LambdaModule {
  file: string;
  exportName: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['pretty', 'json'] as const;

export const defaultConfig: Config = {
  port: 9329,
  host: '127.0.0.1',
  dataDir: './.kognito',
  logLevel: 'info',
  issuer: 'aws',
};

export class ConfigError extends Error {}

/** Builds a Config from KOGNITO_* variables over the defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv, base: Config = defaultConfig): Config {
  const config = { ...base };
  if (env.KOGNITO_PORT !== undefined) config.port = parsePort(env.KOGNITO_PORT, 'KOGNITO_PORT');
  if (env.KOGNITO_HOST) config.host = env.KOGNITO_HOST;
  if (env.KOGNITO_DATA_DIR) config.dataDir = env.KOGNITO_DATA_DIR;
  if (env.KOGNITO_LOG_LEVEL) config.logLevel = parseLogLevel(env.KOGNITO_LOG_LEVEL, 'KOGNITO_LOG_LEVEL');
  if (env.KOGNITO_ISSUER) config.issuer = parseIssuer(env.KOGNITO_ISSUER, 'KOGNITO_ISSUER');
  if (env.KOGNITO_CODE_SEND_LIMIT) config.codeSendLimit = parseCodeSendLimit(env.KOGNITO_CODE_SEND_LIMIT, 'KOGNITO_CODE_SEND_LIMIT');
  if (env.KOGNITO_ALLOWED_ORIGINS) config.allowedOrigins = parseList(env.KOGNITO_ALLOWED_ORIGINS);
  if (env.KOGNITO_ALLOWED_HOSTS) config.allowedHosts = parseList(env.KOGNITO_ALLOWED_HOSTS);
  if (env.KOGNITO_LOG_FORMAT) config.logFormat = parseLogFormat(env.KOGNITO_LOG_FORMAT, 'KOGNITO_LOG_FORMAT');
  if (env.KOGNITO_FIXED_CODE) config.fixedCode = parseFixedCode(env.KOGNITO_FIXED_CODE, 'KOGNITO_FIXED_CODE');
  if (env.KOGNITO_SEED) config.seed = env.KOGNITO_SEED;
  if (env.KOGNITO_PUBLIC_URL) config.publicUrl = parseBaseUrl(env.KOGNITO_PUBLIC_URL, 'KOGNITO_PUBLIC_URL');
  if (env.KOGNITO_TOTP_REPLAY_PROTECTION) config.totpReplayProtection = !/^(off|false|0|no)$/i.test(env.KOGNITO_TOTP_REPLAY_PROTECTION);
  if (env.KOGNITO_LAMBDA_MODULES) config.lambdaModules = parseLambdaModules(env.KOGNITO_LAMBDA_MODULES.split(','), 'KOGNITO_LAMBDA_MODULES');
  if (env.KOGNITO_LAMBDA_ENDPOINT) config.lambdaEndpoint = parseLambdaEndpoint(env.KOGNITO_LAMBDA_ENDPOINT, 'KOGNITO_LAMBDA_ENDPOINT');
  if (env.KOGNITO_LAMBDA_TIMEOUT_MS) config.lambdaTimeoutMs = parseTimeout(env.KOGNITO_LAMBDA_TIMEOUT_MS, 'KOGNITO_LAMBDA_TIMEOUT_MS');
  return config;
}

/** A number of codes per hour, or `off` (0: no limit). */
export function parseCodeSendLimit(value: string, what: string): number {
  if (/^(off|none|unlimited)$/i.test(value)) return 0;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${what} must be a number of codes per hour or 'off', got '${value}'`);
  return Number(value);
}

/** A comma-separated list (`a, b,c`), without empty entries. */
export const parseList = (value: string): string[] => value.split(',').map((item) => item.trim()).filter(Boolean);

export function parsePort(value: string, what: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`${what} must be a port number (0-65535), got '${value}'`);
  return port;
}

export function parseLogLevel(value: string, what: string): Config['logLevel'] {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`${what} must be one of ${LOG_LEVELS.join(', ')}, got '${value}'`);
  }
  return value as Config['logLevel'];
}

export function parseIssuer(value: string, what: string): string {
  if (value === 'aws') return value;
  if (!/^https?:\/\/[^/]+$/.test(value.replace(/\/$/, ''))) {
    throw new ConfigError(`${what} must be 'aws' or a base URL like http://localhost:9329, got '${value}'`);
  }
  return value.replace(/\/$/, '');
}

/** `<name>=<file>[#export]` entries: the file resolved against the working directory, the export `handler` by default. */
export function parseLambdaModules(entries: string[], what: string): Record<string, LambdaModule> {
  const modules: Record<string, LambdaModule> = {};
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]+)=([^#]+)(?:#([A-Za-z_$][\w$]*))?$/.exec(entry);
    if (!match) throw new ConfigError(`${what} must be <function name>=<file>[#export], got '${entry}'`);
    modules[match[1]] = { file: resolve(match[2]), exportName: match[3] ?? 'handler' };
  }
  return modules;
}

export function parseLambdaEndpoint(value: string, what: string): string {
  if (!/^https?:\/\/[^/]+/.test(value)) throw new ConfigError(`${what} must be a URL like http://127.0.0.1:3001, got '${value}'`);
  return value.replace(/\/$/, '');
}

export function parseTimeout(value: string, what: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1) throw new ConfigError(`${what} must be a number of milliseconds, got '${value}'`);
  return ms;
}

export function parseLogFormat(value: string, what: string): NonNullable<Config['logFormat']> {
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new ConfigError(`${what} must be pretty or json, got '${value}'`);
  return value as NonNullable<Config['logFormat']>;
}

/** Codes are six digits in Cognito, and clients may check that: a fixed code must be one too. */
export function parseFixedCode(value: string, what: string): string {
  if (!/^\d{6}$/.test(value)) throw new ConfigError(`${what} must be six digits like 123456, got '${value}'`);
  return value;
}

export function parseBaseUrl(value: string, what: string): string {
  if (!/^https?:\/\/[^/]+$/.test(value.replace(/\/$/, ''))) {
    throw new ConfigError(`${what} must be a base URL like http://localhost:9329, got '${value}'`);
  }
  return value.replace(/\/$/, '');
}
