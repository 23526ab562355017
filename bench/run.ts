/**
 * `npm run bench`: throughput and latency of kognito against a bare Fastify echo on the same machine
 * in the same run; the same operations on a pool of 100,000 users against a small pool; start-up time
 * of the `kognito` command against a bare `node -e 0`, and of `startKognito()`; idle memory. A full run
 * (no row filter) writes its tables into README.md between the bench markers.
 *
 * Each server runs in its own worker thread; autocannon (the load generator) runs in this thread and
 * shares the machine's cores with them, so every figure is a lower bound and the ratio to echo is
 * the figure to compare between machines.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import autocannon, { type Options, type Result } from 'autocannon';
import { build } from 'esbuild';
import type { SeedRequest, SeededUser, ServerKind, TokenRequest } from './servers.js';
import { claimSignature, newEphemeral, passwordSecret, srpTimestamp, type Ephemeral, type PasswordSecret } from './srpClient.js';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 5;
const STARTUP_RUNS = 7;
/** Users of the small pool (besides the member who signs in), of the large one, and of the store an existing-data start opens. */
const SMALL_POOL_USERS = 1_000;
const LARGE_POOL_USERS = 100_000;
const STARTUP_STORE_USERS = 10_000;
/** ConfirmSignUp runs a fixed number of requests (each confirms a user signed up for it), so both pools grow by the same count. */
const CONFIRM_WARMUP_REQUESTS = 5_000;
const CONFIRM_MEASURED_REQUESTS = 25_000;
/** ListUsers' page size when no Limit is given. */
const LIST_PAGE = 60;
/** How long the started process sits idle before its resident memory is read. */
const IDLE_SETTLE_MS = 1000;
const PASSWORD = 'Bench-Passw0rd!';

const TARGETS = {
  confirmSignUpRatio: 0.5,
  /** kognito's start-up against `node -e 0` started the same way. */
  startupRatio: 2,
  /** A row on the large pool against the small pool. */
  flatTolerance: 0.2,
  idleRssMb: 80,
  srpSignInsPerSecond: 150,
};

// ------------------------------------------------------------------------------------------------
// Servers

interface Running {
  url: string;
  worker: Worker;
}

function startWorker(kind: ServerKind, dataDir: string): Promise<Running> {
  const worker = new Worker(new URL('./servers.js', import.meta.url), { workerData: { kind, dataDir } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { ready: number }) => resolve({ url: `http://127.0.0.1:${message.ready}`, worker }));
  });
}

function seed(kognito: Running, request: SeedRequest): Promise<SeededUser[]> {
  return new Promise((resolve) => {
    kognito.worker.once('message', (message: { seeded: SeededUser[] }) => resolve(message.seeded));
    kognito.worker.postMessage(request);
  });
}

function deepToken(kognito: Running, request: TokenRequest): Promise<string> {
  return new Promise((resolve) => {
    kognito.worker.once('message', (message: { token: string }) => resolve(message.token));
    kognito.worker.postMessage(request);
  });
}

/** ms the worker's event loop has been busy so far (its thread's work: the server's cost, whatever else runs on the machine). */
function busyMs(running: Running): Promise<number> {
  return new Promise((resolve) => {
    running.worker.once('message', (message: { elu: { active: number } }) => resolve(message.elu.active));
    running.worker.postMessage('elu');
  });
}

async function stopWorker(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.worker.once('exit', resolve));
  running.worker.postMessage('close');
  await exited;
}

const headersFor = (operation: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
});

async function api<T = Record<string, any>>(url: string, operation: string, input: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: headersFor(operation), body: JSON.stringify(input) });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${operation} answered ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

// ------------------------------------------------------------------------------------------------
// Load

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** µs of the server thread's event loop per request. */
  serverUs?: number;
  note?: string;
}

type Requests = NonNullable<Options['requests']>;

const PER_REQUEST_ECHO = 'echo, a new body per request';

const fixed = (operation: string, input: unknown): Requests => [{ method: 'POST', path: '/', headers: headersFor(operation), body: JSON.stringify(input) }];

/** One body per request, from a generator (distinct users, distinct usernames). */
const each = (operation: string, body: () => string): Requests => [
  { method: 'POST', path: '/', headers: headersFor(operation), setupRequest: (request) => ({ ...request, body: body() }) },
];

/**
 * A run of `duration` seconds, or of `amount` requests. autocannon ends a run at its next sample
 * tick: ticks every 10 ms make a run's duration (and so its rate) exact to 10 ms, not to a second.
 */
const load = (url: string, requests: Requests, run: { duration: number } | { amount: number }) =>
  autocannon({ url, connections: CONNECTIONS, requests, sampleInt: 10, ...run });

function rowOf(name: string, result: Result, note?: string): Row {
  return {
    name,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    note,
  };
}

/** The measured run, with the server thread's busy time per request. */
async function measured(name: string, server: Running, requests: Requests, run: { duration: number } | { amount: number }): Promise<Row> {
  const before = await busyMs(server);
  const result = await load(server.url, requests, run);
  const row = rowOf(name, result);
  row.serverUs = ((await busyMs(server)) - before) * 1000 / result.requests.total;
  process.stderr.write(`  ${name}: ${row.requestsPerSecond.toFixed(0)} req/s, ${row.serverUs.toFixed(0)} µs of the server thread each\n`);
  return row;
}

/** Warm-up, then the measured run. */
async function scenario(name: string, server: Running, requests: Requests): Promise<Row> {
  await load(server.url, requests, { duration: WARMUP_SECONDS });
  return measured(name, server, requests, { duration: MEASURE_SECONDS });
}

// ------------------------------------------------------------------------------------------------
// Pools and their scenarios

interface Pool {
  id: string;
  clientId: string;
  /** Usernames of the seeded users begin with this. */
  prefix: string;
  users: number;
  member: string;
  accessToken: string;
}

/** A pool with a confirmed member who signs in, and `users` more (unconfirmed, each sent a code), seeded in the kognito worker. */
async function makePool(kognito: Running, name: string, users: number): Promise<Pool> {
  const url = kognito.url;
  const { UserPool } = await api(url, 'CreateUserPool', { PoolName: name, AutoVerifiedAttributes: ['email'] });
  const { UserPoolClient } = await api(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: name,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const id: string = UserPool.Id;
  const clientId: string = UserPoolClient.ClientId;
  const [member] = await seed(kognito, { userPoolId: id, clientId, prefix: `${name}-member-`, count: 1, password: PASSWORD });
  await api(url, 'ConfirmSignUp', { ClientId: clientId, Username: member.username, ConfirmationCode: member.code });
  const { AuthenticationResult } = await api(url, 'InitiateAuth', passwordAuth({ clientId, member: member.username }));
  const prefix = `${name}-user-`;
  if (users > 0) {
    const started = performance.now();
    await seed(kognito, { userPoolId: id, clientId, prefix, count: users, password: PASSWORD });
    process.stderr.write(`  (pool ${name}: ${users} users seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  return { id, clientId, prefix, users, member: member.username, accessToken: AuthenticationResult.AccessToken };
}

const passwordAuth = (pool: Pick<Pool, 'clientId' | 'member'>) => ({
  ClientId: pool.clientId,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: pool.member, PASSWORD },
});

/** Every ConfirmSignUp confirms a different UNCONFIRMED user with its real code, signed up for the run in the worker. */
async function confirmSignUpScenario(kognito: Running, pool: Pool): Promise<Row> {
  const started = performance.now();
  const count = CONFIRM_WARMUP_REQUESTS + CONFIRM_MEASURED_REQUESTS;
  const users = await seed(kognito, { userPoolId: pool.id, clientId: pool.clientId, prefix: `${pool.prefix}confirm-`, count, password: PASSWORD });
  process.stderr.write(`  (signed up ${count} users to confirm in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  let next = 0;
  // Past the end the last user repeats: answered NotAuthorized, counted as failed in the table.
  const body = () => {
    const user = users[Math.min(next++, users.length - 1)];
    return JSON.stringify({ ClientId: pool.clientId, Username: user.username, ConfirmationCode: user.code });
  };
  const requests = each('ConfirmSignUp', body);
  await load(kognito.url, requests, { amount: CONFIRM_WARMUP_REQUESTS });
  return measured('ConfirmSignUp', kognito, requests, { amount: CONFIRM_MEASURED_REQUESTS });
}

/**
 * The rows measured on both pools. ListUsers' deep page is the one in the middle of the pool's
 * users (the token got by paging there for real); the Filter is a prefix of the seeded users' email.
 */
async function poolScenarios(kognito: Running, pool: Pool): Promise<Row[]> {
  const url = kognito.url;
  const rows: Row[] = [];
  if (wanted('GetUser')) rows.push(await scenario('GetUser', kognito, fixed('GetUser', { AccessToken: pool.accessToken })));
  if (wanted('USER_PASSWORD_AUTH')) rows.push(await scenario('InitiateAuth USER_PASSWORD_AUTH', kognito, fixed('InitiateAuth', passwordAuth(pool))));
  if (wanted('ListUsers')) {
    const filter = `email ^= "${pool.prefix}"`;
    const middle = Math.floor(pool.users / 2 / LIST_PAGE);
    for (const [name, input] of [
      ['ListUsers, first page', { UserPoolId: pool.id }],
      ['ListUsers, a deep page', { UserPoolId: pool.id, PaginationToken: await deepToken(kognito, { userPoolId: pool.id, pages: middle }) }],
      ['ListUsers with a Filter, first page', { UserPoolId: pool.id, Filter: filter }],
      ['ListUsers with a Filter, a deep page', { UserPoolId: pool.id, Filter: filter, PaginationToken: await deepToken(kognito, { userPoolId: pool.id, filter, pages: middle }) }],
    ] as const) {
      const page = await api(url, 'ListUsers', input);
      if (page.Users.length !== LIST_PAGE) throw new Error(`${name} answered ${page.Users.length} users, not ${LIST_PAGE}`);
      rows.push(await scenario(name, kognito, fixed('ListUsers', input)));
    }
  }
  if (wanted('SignUp')) {
    let signUps = 0;
    const signUpBody = () => {
      const username = `${pool.prefix}signup-${signUps++}`;
      return JSON.stringify({ ClientId: pool.clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
    };
    rows.push(await scenario('SignUp', kognito, each('SignUp', signUpBody)));
  }
  if (wanted('ConfirmSignUp')) rows.push(await confirmSignUpScenario(kognito, pool));
  return rows;
}

async function srpScenario(url: string, userPoolId: string, clientId: string, username: string): Promise<Row | string> {
  const poolName = userPoolId.split('_')[1];
  // Is USER_SRP_AUTH there yet? One sign-in by hand, which also gives the fixed salt.
  let first;
  try {
    first = await api(url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: newEphemeral().A } });
  } catch (error) {
    return `not measured: USER_SRP_AUTH is not available (${(error as Error).message.slice(0, 120)})`;
  }
  if (first.ChallengeName !== 'PASSWORD_VERIFIER') return `not measured: USER_SRP_AUTH answered ${JSON.stringify(first).slice(0, 120)}`;
  const userIdForSrp: string = first.ChallengeParameters.USER_ID_FOR_SRP;
  const secret: PasswordSecret = passwordSecret(poolName, userIdForSrp, PASSWORD, first.ChallengeParameters.SALT);
  // Client ephemerals are computed before the run (one g^a each) and reused round-robin; the server's
  // side (B, S, proof check, tokens) is fresh on every sign-in.
  const ephemerals: Ephemeral[] = Array.from({ length: 64 }, newEphemeral);
  let turn = 0;
  let signIns = 0;

  const requests: Requests = [
    {
      method: 'POST',
      path: '/',
      headers: headersFor('InitiateAuth'),
      setupRequest: (request, context) => {
        const ephemeral = ephemerals[turn++ % ephemerals.length];
        context.ephemeral = ephemeral;
        return { ...request, body: JSON.stringify({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: ephemeral.A } }) };
      },
      onResponse: (status, body, context) => {
        context.challenge = status === 200 ? JSON.parse(body) : undefined;
      },
    },
    {
      method: 'POST',
      path: '/',
      headers: headersFor('RespondToAuthChallenge'),
      setupRequest: (request, context) => {
        const challenge = context.challenge as { Session: string; ChallengeParameters: Record<string, string> } | undefined;
        if (!challenge) return undefined; // start over with a new InitiateAuth
        const timestamp = srpTimestamp();
        const signature = claimSignature({
          poolName,
          userIdForSrp,
          secret,
          ephemeral: context.ephemeral as Ephemeral,
          srpB: challenge.ChallengeParameters.SRP_B,
          secretBlock: challenge.ChallengeParameters.SECRET_BLOCK,
          timestamp,
        });
        return {
          ...request,
          body: JSON.stringify({
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            Session: challenge.Session,
            ChallengeResponses: {
              USERNAME: userIdForSrp,
              PASSWORD_CLAIM_SECRET_BLOCK: challenge.ChallengeParameters.SECRET_BLOCK,
              PASSWORD_CLAIM_SIGNATURE: signature,
              TIMESTAMP: timestamp,
            },
          }),
        };
      },
      onResponse: (status) => {
        if (status === 200) signIns++;
      },
    },
  ];
  await load(url, requests, { duration: WARMUP_SECONDS });
  signIns = 0;
  const result = await load(url, requests, { duration: MEASURE_SECONDS });
  const row = rowOf('SRP sign-in (2 round trips)', result);
  row.note = `${(signIns / MEASURE_SECONDS).toFixed(0)} sign-ins/s`;
  process.stderr.write(`  SRP: ${row.note}\n`);
  return row;
}

// ------------------------------------------------------------------------------------------------
// Start-up and memory of the real command

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** ms for `node -e 0` to start and exit, spawned as the kognito command is. */
async function bareNodeOnce(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

/** Spawn `node <script>` on a data directory: ms to the first 200 from /_kognito/health, then (if asked) idle RSS. */
async function startOnce(dataDir: string, measureRss: boolean, script = KOGNITO_CLI): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const health = `http://127.0.0.1:${port}/_kognito/health`;
    while (!(await healthy(health))) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 10_000) throw new Error(`${script} did not answer within 10 s`);
      await sleep(2);
    }
    const ms = performance.now() - started;
    if (!measureRss) return { ms, rssMb: NaN };
    await sleep(IDLE_SETTLE_MS);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { ms, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const KOGNITO_CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const FLOORS = ['http', 'fastify'] as const;
const floorBundle = (floor: (typeof FLOORS)[number]) => fileURLToPath(new URL(`./floor/${floor}.bundle.js`, import.meta.url));

/** bench/floor/*.ts bundled as scripts/bundle.mjs bundles the command (the native module outside). */
async function bundleFloors(): Promise<void> {
  await build({
    entryPoints: FLOORS.map((floor) => fileURLToPath(new URL(`./floor/${floor}.js`, import.meta.url))),
    outdir: fileURLToPath(new URL('./floor/', import.meta.url)),
    entryNames: '[name].bundle',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __floorRequire } from 'node:module'; const require = __floorRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

/** Median ms to the first health answer of a fresh data directory each run. */
async function freshStarts(script: string, measureRss: boolean): Promise<{ ms: number; rssMb: number }> {
  const runs: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'kognito-start-'));
    try {
      runs.push(await startOnce(dataDir, measureRss, script));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { ms: median(runs.map((run) => run.ms)), rssMb: median(runs.map((run) => run.rssMb)) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function medianOf(runs: number, once: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return median(times);
}

interface Startup {
  bareNodeMs: number;
  /** bench/floor/: node:http with a better-sqlite3 store; Fastify and pino with the same store. */
  httpFloorMs: number;
  fastifyFloorMs: number;
  freshMs: number;
  existingMs: number;
  rssMb: number;
  /** startKognito() in this process: the first call (with the imports), then again with the modules loaded. */
  inProcessFirstMs: number;
  inProcessMs: number;
}

async function measureStartup(): Promise<Startup> {
  process.stderr.write(`start-up: ${STARTUP_RUNS} runs each of node -e 0, the two floors, kognito on a fresh data dir, kognito on a store of ${STARTUP_STORE_USERS} users\n`);
  await bundleFloors();
  const bareNodeMs = await medianOf(STARTUP_RUNS, bareNodeOnce);
  const httpFloorMs = (await freshStarts(floorBundle('http'), false)).ms;
  const fastifyFloorMs = (await freshStarts(floorBundle('fastify'), false)).ms;
  const fresh = await freshStarts(KOGNITO_CLI, true);
  const existingDir = mkdtempSync(join(tmpdir(), 'kognito-start-existing-'));
  let existingMs: number;
  try {
    const kognito = await startWorker('kognito', existingDir);
    try {
      await makePool(kognito, 'existing', STARTUP_STORE_USERS);
    } finally {
      await stopWorker(kognito);
    }
    existingMs = await medianOf(STARTUP_RUNS, async () => (await startOnce(existingDir, false)).ms);
  } finally {
    rmSync(existingDir, { recursive: true, force: true });
  }
  // startKognito() as a test suite calls it: in-memory store, port 0.
  const startKognitoOnce = async () => {
    const started = performance.now();
    const { startKognito } = await import('../src/index.js');
    const kognito = await startKognito();
    if (!(await healthy(`${kognito.url}/_kognito/health`))) throw new Error('startKognito(): no health answer');
    const ms = performance.now() - started;
    await kognito.stop();
    return ms;
  };
  const inProcessFirstMs = await startKognitoOnce();
  const inProcessMs = await medianOf(STARTUP_RUNS, startKognitoOnce);
  return { bareNodeMs, httpFloorMs, fastifyFloorMs, freshMs: fresh.ms, existingMs, rssMb: fresh.rssMb, inProcessFirstMs, inProcessMs };
}

// ------------------------------------------------------------------------------------------------

/**
 * `npm run bench -- <words>`: only the rows whose name contains one of the words (echo always runs);
 * the word `100k` adds the large pool (every row when no other word is given), `start-up` the start-up rows.
 */
const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const SECTIONS = ['start-up', '100k'];
const rowWords = filters.filter((word) => !SECTIONS.includes(word));
const section = (word: string) => !filters.length || filters.includes(word);
const wanted = (name: string) => (rowWords.length ? rowWords.some((word) => name.toLowerCase().includes(word)) : !filters.length || section('100k'));

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

async function main() {
  const load1 = loadavg()[0];
  const startup = section('start-up') ? await measureStartup() : undefined;

  const dataDir = mkdtempSync(join(tmpdir(), 'kognito-bench-'));
  const echo = await startWorker('echo', dataDir);
  const kognito = await startWorker('kognito', dataDir);
  const rows: Row[] = [];
  let large: Row[] = [];
  let srp: Row | string | undefined;
  try {
    const url = kognito.url;
    const small = await makePool(kognito, 'small', SMALL_POOL_USERS);

    process.stderr.write(`load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${MEASURE_SECONDS} s per scenario\n`);
    const echoBody = { ClientId: small.clientId, Username: small.member, ConfirmationCode: '123456' };
    rows.push(await scenario('echo (ceiling)', echo, fixed('ConfirmSignUp', echoBody)));
    // The ConfirmSignUp load makes a new body per request (autocannon's setupRequest), which costs the
    // load generator, on the same cores, as much as a fast server does: the like-for-like ceiling.
    let echoed = 0;
    const echoEach = () => JSON.stringify({ ...echoBody, Username: `user-${echoed++}` });
    rows.push(await scenario(PER_REQUEST_ECHO, echo, each('ConfirmSignUp', echoEach)));
    if (wanted('SRP')) {
      srp = await srpScenario(url, small.id, small.clientId, small.member);
      if (typeof srp !== 'string') rows.push(srp);
    }
    rows.push(...(await poolScenarios(kognito, small)));
    // Other work on the machine moves the ceiling: measure it again at the end and compare with the mean.
    rows.push(await scenario('echo (again, at the end)', echo, fixed('ConfirmSignUp', echoBody)));

    if (section('100k')) {
      process.stderr.write(`the same on a pool of ${LARGE_POOL_USERS} users\n`);
      large = await poolScenarios(kognito, await makePool(kognito, 'large', LARGE_POOL_USERS));
    }
  } finally {
    await stopWorker(kognito);
    await stopWorker(echo);
    rmSync(dataDir, { recursive: true, force: true });
  }

  const echoRate = (rows[0].requestsPerSecond + rows[rows.length - 1].requestsPerSecond) / 2;
  const perRequestEcho = rows.find((row) => row.name === PER_REQUEST_ECHO);
  const percent = (row: Row) => `${((100 * row.requestsPerSecond) / echoRate).toFixed(0)}%`;
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const confirm = rows.find((row) => row.name === 'ConfirmSignUp');
    const times = (value: number) => `${value.toFixed(1)}×`;

  const report = [
    `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${load1.toFixed(1)} when the run began.`,
    '',
    `**Throughput** against the bare Fastify echo (the mean of its two runs, ${echoRate.toFixed(0)} requests/s), on a pool of ${SMALL_POOL_USERS.toLocaleString('en')} users:`,
    '',
    '| scenario | requests/s | p50 ms | p99 ms | vs echo | server µs/request | failed | note |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${percent(row)} | ${row.serverUs?.toFixed(0) ?? ''} | ${row.failed} | ${row.note ?? ''} |`,
    ),
    '',
  ];
  if (startup) {
    report.push(
      `**Start-up** to the first answer on \`/_kognito/health\` (median of ${STARTUP_RUNS}), against \`node -e 0\` spawned the same way:`,
      '',
      '| start | ms | vs `node -e 0` |',
      '|---|---:|---:|',
      `| \`node -e 0\` (start and exit) | ${startup.bareNodeMs.toFixed(0)} | 1.0× |`,
      `| floor: \`node:http\` and a better-sqlite3 store (\`bench/floor/http.ts\`) | ${startup.httpFloorMs.toFixed(0)} | ${times(startup.httpFloorMs / startup.bareNodeMs)} |`,
      `| floor: Fastify, pino and the store, bundled as kognito is (\`bench/floor/fastify.ts\`) | ${startup.fastifyFloorMs.toFixed(0)} | ${times(startup.fastifyFloorMs / startup.bareNodeMs)} |`,
      `| \`node dist/src/cli.js\`, fresh data directory | ${startup.freshMs.toFixed(0)} | ${times(startup.freshMs / startup.bareNodeMs)} |`,
      `| \`node dist/src/cli.js\`, data directory with ${STARTUP_STORE_USERS.toLocaleString('en')} users | ${startup.existingMs.toFixed(0)} | ${times(startup.existingMs / startup.bareNodeMs)} |`,
      `| \`startKognito()\` in a running process, first call (imports included) | ${startup.inProcessFirstMs.toFixed(0)} | |`,
      `| \`startKognito()\` in a running process, later calls | ${startup.inProcessMs.toFixed(0)} | |`,
      '',
      `Resident memory ${IDLE_SETTLE_MS / 1000} s after start-up: ${startup.rssMb.toFixed(1)} MB.`,
      '',
    );
  }
  if (large.length) {
    const smallRow = (name: string) => rows.find((row) => row.name === name);
    report.push(
      `**Pool size**: the same operations on a pool of ${LARGE_POOL_USERS.toLocaleString('en')} users (seeded through the store) against the pool of ${SMALL_POOL_USERS.toLocaleString('en')}. ConfirmSignUp adds the ${(CONFIRM_WARMUP_REQUESTS + CONFIRM_MEASURED_REQUESTS).toLocaleString('en')} users it confirms to either pool and SignUp the users it creates.`,
      '',
      `| scenario | small pool, requests/s | ${LARGE_POOL_USERS.toLocaleString('en')} users, requests/s | large / small |`,
      '|---|---:|---:|---:|',
      ...large.map((row) => {
        const base = smallRow(row.name);
        const ratio = base ? row.requestsPerSecond / base.requestsPerSecond : NaN;
        return `| ${row.name} | ${base?.requestsPerSecond.toFixed(0) ?? ''} | ${row.requestsPerSecond.toFixed(0)} | ${(100 * ratio).toFixed(0)}% |`;
      }),
      '',
    );
  }
  const targets = ['Targets:', ''];
  if (confirm) {
    let line = `- ConfirmSignUp ≥ ${TARGETS.confirmSignUpRatio * 100}% of the echo: ${percent(confirm)} (${mark(confirm.requestsPerSecond >= TARGETS.confirmSignUpRatio * echoRate)})`;
    if (perRequestEcho) {
      const ratio = confirm.requestsPerSecond / perRequestEcho.requestsPerSecond;
      line += `; ${(100 * ratio).toFixed(0)}% of the echo loaded the same way, a new body per request (${mark(ratio >= TARGETS.confirmSignUpRatio)})`;
      if (confirm.serverUs && perRequestEcho.serverUs) {
        line += `; its server thread works ${confirm.serverUs.toFixed(0)} µs a request, the echo's ${perRequestEcho.serverUs.toFixed(0)} µs (${((100 * perRequestEcho.serverUs) / confirm.serverUs).toFixed(0)}%)`;
      }
    }
    targets.push(line);
  }
  if (startup) {
    const worst = Math.max(startup.freshMs, startup.existingMs) / startup.bareNodeMs;
    targets.push(`- start-up within ${TARGETS.startupRatio}× \`node -e 0\`: ${times(startup.freshMs / startup.bareNodeMs)} fresh, ${times(startup.existingMs / startup.bareNodeMs)} with ${STARTUP_STORE_USERS.toLocaleString('en')} users (${mark(worst <= TARGETS.startupRatio)}); Fastify, pino and the store alone take ${times(startup.fastifyFloorMs / startup.bareNodeMs)}, kognito ${(startup.freshMs - startup.fastifyFloorMs).toFixed(0)} ms more`);
    targets.push(`- idle RSS < ${TARGETS.idleRssMb} MB: ${startup.rssMb.toFixed(1)} MB (${mark(startup.rssMb < TARGETS.idleRssMb)})`);
  }
  if (large.length) {
    const outside = large.filter((row) => {
      const base = rows.find((r) => r.name === row.name);
      return !base || row.requestsPerSecond < (1 - TARGETS.flatTolerance) * base.requestsPerSecond;
    });
    targets.push(`- every row on ${LARGE_POOL_USERS.toLocaleString('en')} users within ${TARGETS.flatTolerance * 100}% of the small pool: ${outside.length ? `${outside.map((row) => row.name).join(', ')} outside (NOT met)` : 'met'}`);
  }
  if (typeof srp === 'string') targets.push(`- SRP ≥ ${TARGETS.srpSignInsPerSecond} sign-ins/s: ${srp}`);
  else if (srp) targets.push(`- SRP ≥ ${TARGETS.srpSignInsPerSecond} sign-ins/s: ${srp.note} (${mark(parseFloat(srp.note!) >= TARGETS.srpSignInsPerSecond)})`);
  report.push(...targets);

  const text = report.join('\n');
  process.stdout.write(`${text}\n`);
  if (!filters.length) {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    if (start === -1 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
    writeFileSync(README, `${readme.slice(0, start + README_START.length)}\n${text}\n${readme.slice(end)}`);
    process.stderr.write('README.md: benchmark section written\n');
  }
}

await main();
