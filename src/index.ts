/**
 * kognito as a library: `startKognito()` starts a server for a test suite and hands back its URL and
 * the developer API (/_kognito) as functions. This file is the package's public face; everything
 * else under src/ is internal.
 */
import { defaultConfig, parseFixedCode, parseIssuer, parseLogLevel, ConfigError, type Config } from './config.js';
import { createServer } from './server.js';
import { createLogger } from './log.js';
import { resetKognito } from './http/kognito.js';
import { applySeed } from './seed/applySeed.js';
import { checkSeed, loadSeedFile, SeedError, type Seed } from './seed/seedFile.js';
import type { SentMessage } from './store/outbox.js';

export type { Seed, SeedClient, SeedGroup, SeedUser, SeedUserPool, SeedUserStatus } from './seed/seedFile.js';
export type { SentMessage } from './store/outbox.js';
export { SeedError, ConfigError };

export interface KognitoOptions {
  /** Port on 127.0.0.1 (or `host`); default 0, a free port. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** SQLite store directory; default ':memory:', a store that lives as long as the server. */
  dataDir?: string;
  /** Default 'silent'. */
  logLevel?: Config['logLevel'];
  /** Default 'json' (one object a line on stdout). */
  logFormat?: 'pretty' | 'json';
  /** Tokens' iss: 'aws' (default) or a base URL such as http://localhost:9329. */
  issuer?: string;
  /** A seed file (JSON or YAML) or a seed object: applied at start and after every reset(). */
  seed?: string | Seed;
  /** Every emailed or texted code takes this value (six digits). */
  fixedCode?: string;
  /** Refuse a TOTP code whose time step was already accepted (default true). */
  totpReplayProtection?: boolean;
}

export interface Kognito {
  /** http://127.0.0.1:<port>: the endpoint for the AWS SDKs, boto3, aws-cli, Amplify... */
  url: string;
  port: number;
  /** Stops the server and closes its store; resolves when every handle is released. */
  stop(): Promise<void>;
  /** Forgets every pool, user, device and message, puts the clock back, and applies the seed again. */
  reset(): Promise<void>;
  /** The codes and temporary passwords "sent", oldest first (`username` also matches the address). */
  messages(filter?: { userPoolId?: string; username?: string }): SentMessage[];
  /** The last code sent to a user, or undefined when none was. */
  lastCode(userPoolId: string, username: string): string | undefined;
  /** kognito's clock: codes, sessions and tokens expire by it; TOTP codes follow it. */
  clock: { advance(seconds: number): void; reset(): void };
}

/** Starts kognito in this process. Rejects with ConfigError or SeedError on bad options. */
export async function startKognito(options: KognitoOptions = {}): Promise<Kognito> {
  const config: Config = {
    ...defaultConfig,
    port: options.port ?? 0,
    host: options.host ?? defaultConfig.host,
    dataDir: options.dataDir ?? ':memory:',
    logLevel: options.logLevel === undefined ? 'silent' : parseLogLevel(options.logLevel, 'logLevel'),
    logFormat: options.logFormat ?? 'json',
    issuer: options.issuer === undefined ? defaultConfig.issuer : parseIssuer(options.issuer, 'issuer'),
    ...(options.fixedCode !== undefined ? { fixedCode: parseFixedCode(options.fixedCode, 'fixedCode') } : {}),
    ...(options.totpReplayProtection !== undefined ? { totpReplayProtection: options.totpReplayProtection } : {}),
    ...(typeof options.seed === 'string' ? { seed: options.seed } : {}),
  };
  const seed =
    options.seed === undefined
      ? undefined
      : typeof options.seed === 'string'
        ? { seed: await loadSeedFile(options.seed), source: `seed file ${options.seed}` }
        : { seed: checkSeed(options.seed, 'seed'), source: 'seed' };

  const logger = createLogger(config);
  const server = createServer(config, logger.log, seed);
  try {
    if (seed) await applySeed(server.ctx, seed.seed, seed.source);
    await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await server.close();
    await logger.close();
    throw error;
  }
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const { ctx } = server;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    stop: () => (stopped ??= server.close().then(() => logger.close())),
    reset: () => resetKognito(ctx),
    messages: (filter = {}) => ctx.store.outbox.list(filter),
    lastCode: (userPoolId, username) => ctx.store.outbox.list({ userPoolId, username }).at(-1)?.code,
    clock: { advance: (seconds) => ctx.clock.advance(seconds), reset: () => ctx.clock.reset() },
  };
}
