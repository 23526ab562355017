/**
 * Worker thread of the benchmark: one server per worker (kognito, or the bare Fastify echo), each on
 * 127.0.0.1 with its own event loop, so the load generator in the main thread never runs on the
 * server's loop. Each tells its event loop's utilization when asked ('elu'); the kognito worker also
 * seeds users in-process when asked (no HTTP round trips).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { createServer } from '../src/server.js';
import { defaultConfig } from '../src/config.js';
import { operations } from '../src/operations/index.js';
import { findUser, usernameKeyFor } from '../src/domain/users.js';
import { sendCode } from '../src/domain/codes.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export type ServerKind = 'kognito' | 'echo';
export interface WorkerInput {
  kind: ServerKind;
  dataDir: string;
}
/** Main thread -> kognito worker: sign up `count` users named `<prefix><i>`, answer their codes. */
export interface SeedRequest {
  userPoolId: string;
  clientId: string;
  prefix: string;
  count: number;
  password: string;
}
/** Main thread -> kognito worker: the PaginationToken of ListUsers' page `pages` + 1. */
export interface TokenRequest {
  userPoolId: string;
  filter?: string;
  pages: number;
}
export interface SeededUser {
  username: string;
  code: string;
}

const { kind, dataDir } = workerData as WorkerInput;
const port = parentPort!;

if (kind === 'echo') {
  // The ceiling: the same HTTP framework, body read as text and sent back, nothing else.
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/', async (request) => request.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  port.postMessage({ ready: typeof address === 'object' && address ? address.port : 0 });
  port.on('message', async (message: 'elu' | 'close') => {
    if (message === 'elu') return port.postMessage({ elu: performance.eventLoopUtilization() });
    await app.close();
    port.close();
  });
} else {
  const server = createServer({ ...defaultConfig, dataDir, logLevel: 'warn', port: 0, host: '127.0.0.1' });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  port.postMessage({ ready: typeof address === 'object' && address ? address.port : 0 });
  port.on('message', async (message: SeedRequest | TokenRequest | 'elu' | 'close') => {
    if (message === 'elu') return port.postMessage({ elu: performance.eventLoopUtilization() });
    if (message === 'close') {
      await server.close();
      port.close();
      return;
    }
    if ('pages' in message) port.postMessage({ token: await deepToken(message) });
    else port.postMessage({ seeded: await seed(message) });
  });

  /** The PaginationToken ListUsers hands out after `pages` pages, paged for real (in-process, no HTTP). */
  async function deepToken(request: TokenRequest): Promise<string> {
    let token: string | undefined;
    for (let i = 0; i < request.pages; i++) {
      const input = { UserPoolId: request.userPoolId, ...(request.filter ? { Filter: request.filter } : {}), ...(token ? { PaginationToken: token } : {}) };
      const page = (await operations.ListUsers(input, server.ctx, { region: 'us-east-1' })) as { PaginationToken?: string };
      if (!page.PaginationToken) throw new Error(`ListUsers ran out of pages after ${i + 1}`);
      token = page.PaginationToken;
    }
    return token!;
  }

  /**
   * The first user signs up through the SignUp operation; the others are copies of it with their own
   * username, sub and email (same password verifier: they are only ever confirmed, never signed in),
   * each sent a real code. Computing a verifier per user would make seeding slower than the benchmark.
   */
  async function seed(request: SeedRequest): Promise<SeededUser[]> {
    const { ctx } = server;
    const username = (i: number) => `${request.prefix}${i}`;
    await operations.SignUp(
      { ClientId: request.clientId, Username: username(0), Password: request.password, UserAttributes: [{ Name: 'email', Value: `${username(0)}@example.com` }] },
      ctx,
      { region: 'us-east-1' },
    );
    const pool = ctx.store.userPools.get(request.userPoolId)!;
    const template = findUser(ctx.store, pool, username(0))!;
    ctx.store.transaction(() => {
      for (let i = 1; i < request.count; i++) {
        const email = `${username(i)}@example.com`;
        const user = { ...template, username: username(i), usernameKey: usernameKeyFor(pool, username(i)), sub: randomUUID(), attributes: { ...template.attributes, email }, codes: {} };
        sendCode(ctx, pool, user, 'SIGN_UP', 'SIGN_UP', { attributeName: 'email', address: email });
        ctx.store.users.insert(user);
      }
    });
    // The seed is committed and its WAL checkpointed before any row is measured: a row measured right
    // after 100,000 inserts otherwise pays for copying them into the database file (GetUser fell to 63%).
    await ctx.store.committed();
    ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const codes = new Map(ctx.store.outbox.list({ userPoolId: request.userPoolId }).map((m) => [m.username, m.code]));
    return Array.from({ length: request.count }, (_, i) => ({ username: username(i), code: codes.get(username(i))! }));
  }
}
