/**
 * `npm run bench`: throughput and latency of kognito against a bare Fastify echo on the same machine
 * in the same run, plus start-up time and idle memory of the `kognito` command.
 *
 * Each server runs in its own worker thread; autocannon (the load generator) runs in this thread and
 * shares the machine's cores with them, so every figure is a lower bound and the ratio to echo is
 * the figure to compare between machines.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import autocannon, { type Options, type Result } from 'autocannon';
import type { SeedRequest, SeededUser, ServerKind } from './servers.js';
import { claimSignature, newEphemeral, passwordSecret, srpTimestamp, type Ephemeral, type PasswordSecret } from './srpClient.js';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 5;
const STARTUP_RUNS = 7;
/** How long the started process sits idle before its resident memory is read. */
const IDLE_SETTLE_MS = 1000;
const PASSWORD = 'Bench-Passw0rd!';

const TARGETS = {
  confirmSignUpRatio: 0.5,
  startupMs: 300,
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
  note?: string;
}

type Requests = NonNullable<Options['requests']>;

const PER_REQUEST_ECHO = 'echo, a new body per request';

const fixed = (operation: string, input: unknown): Requests => [{ method: 'POST', path: '/', headers: headersFor(operation), body: JSON.stringify(input) }];

/** One body per request, from a generator (distinct users, distinct usernames). */
const each = (operation: string, body: () => string): Requests => [
  { method: 'POST', path: '/', headers: headersFor(operation), setupRequest: (request) => ({ ...request, body: body() }) },
];

const load = (url: string, requests: Requests, duration: number) => autocannon({ url, connections: CONNECTIONS, duration, requests });

function rowOf(name: string, result: Result, note?: string): Row {
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    note,
  };
}

/** Warm-up, then the measured run. `between` may prepare the measured run from the warm-up's rate. */
async function scenario(name: string, url: string, requests: Requests, between?: (warmup: Result) => Promise<void>): Promise<Row> {
  const warmup = await load(url, requests, WARMUP_SECONDS);
  await between?.(warmup);
  const row = rowOf(name, await load(url, requests, MEASURE_SECONDS));
  process.stderr.write(`  ${name}: ${row.requestsPerSecond.toFixed(0)} req/s\n`);
  return row;
}

// ------------------------------------------------------------------------------------------------
// Scenarios

async function confirmSignUpScenario(kognito: Running, userPoolId: string, clientId: string): Promise<Row> {
  // Every request confirms a different UNCONFIRMED user with its real code. The warm-up tells how
  // many users the measured run can consume; they are signed up in the worker before it starts.
  const users: SeededUser[] = [];
  let next = 0;
  let batch = 0;
  const addUsers = async (count: number) => {
    const started = performance.now();
    // A loop, not push(...seeded): a large spread overflows the call stack.
    for (const user of await seed(kognito, { userPoolId, clientId, prefix: `confirm-${batch++}-`, count, password: PASSWORD })) users.push(user);
    process.stderr.write(`  (signed up ${count} users in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  };
  await addUsers(15_000);
  const body = () => {
    // Past the end the last user repeats: answered NotAuthorized, counted as failed in the table.
    const user = users[next < users.length ? next++ : users.length - 1];
    return JSON.stringify({ ClientId: clientId, Username: user.username, ConfirmationCode: user.code });
  };
  return scenario('ConfirmSignUp', kognito.url, each('ConfirmSignUp', body), async (warmup) => {
    const rate = warmup.requests.total / WARMUP_SECONDS;
    const needed = Math.ceil(rate * MEASURE_SECONDS * 3) - (users.length - next);
    if (needed > 0) await addUsers(needed);
  });
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
  await load(url, requests, WARMUP_SECONDS);
  signIns = 0;
  const result = await load(url, requests, MEASURE_SECONDS);
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

/** Spawn `node dist/src/cli.js` on a fresh data directory: ms to the first 200 from /_kognito/health, then idle RSS. */
async function startOnce(): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kognito-start-'));
  const cli = fileURLToPath(new URL('../src/cli.js', import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [cli, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const health = `http://127.0.0.1:${port}/_kognito/health`;
    while (!(await healthy(health))) {
      if (child.exitCode !== null) throw new Error(`kognito exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 10_000) throw new Error('kognito did not answer within 10 s');
      await sleep(2);
    }
    const ms = performance.now() - started;
    await sleep(IDLE_SETTLE_MS);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { ms, rssMb: rssKb / 1024 };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ------------------------------------------------------------------------------------------------

/** `npm run bench -- <words>`: only the rows whose name contains one of the words (echo always runs). */
const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const wanted = (name: string) => !filters.length || filters.some((word) => name.toLowerCase().includes(word));

async function main() {
  let startup: { ms: number; rssMb: number } | undefined;
  if (wanted('start-up')) {
    process.stderr.write(`start-up: ${STARTUP_RUNS} runs of node dist/src/cli.js\n`);
    const starts = [];
    for (let i = 0; i < STARTUP_RUNS; i++) starts.push(await startOnce());
    startup = { ms: median(starts.map((s) => s.ms)), rssMb: median(starts.map((s) => s.rssMb)) };
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'kognito-bench-'));
  const echo = await startWorker('echo', dataDir);
  const kognito = await startWorker('kognito', dataDir);
  const rows: Row[] = [];
  let srp: Row | string | undefined;
  try {
    const url = kognito.url;
    const { UserPool } = await api(url, 'CreateUserPool', { PoolName: 'bench', AutoVerifiedAttributes: ['email'] });
    const { UserPoolClient } = await api(url, 'CreateUserPoolClient', {
      UserPoolId: UserPool.Id,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const userPoolId: string = UserPool.Id;
    const clientId: string = UserPoolClient.ClientId;
    const [member] = await seed(kognito, { userPoolId, clientId, prefix: 'member-', count: 1, password: PASSWORD });
    await api(url, 'ConfirmSignUp', { ClientId: clientId, Username: member.username, ConfirmationCode: member.code });
    const passwordAuth = { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: member.username, PASSWORD } };
    const { AuthenticationResult } = await api(url, 'InitiateAuth', passwordAuth);

    process.stderr.write(`load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${MEASURE_SECONDS} s per scenario\n`);
    const echoBody = { ClientId: clientId, Username: member.username, ConfirmationCode: '123456' };
    rows.push(await scenario('echo (ceiling)', echo.url, fixed('ConfirmSignUp', echoBody)));
    // The ConfirmSignUp load makes a new body per request (autocannon's setupRequest), which costs the
    // load generator, on the same cores, as much as a fast server does: the like-for-like ceiling.
    let echoed = 0;
    const echoEach = () => JSON.stringify({ ...echoBody, Username: `user-${echoed++}` });
    rows.push(await scenario(PER_REQUEST_ECHO, echo.url, each('ConfirmSignUp', echoEach)));
    if (wanted('ConfirmSignUp')) rows.push(await confirmSignUpScenario(kognito, userPoolId, clientId));
    if (wanted('SignUp')) {
      let signUps = 0;
      const signUpBody = () => {
        const username = `signup-${signUps++}`;
        return JSON.stringify({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
      };
      rows.push(await scenario('SignUp', url, each('SignUp', signUpBody)));
    }
    if (wanted('GetUser')) rows.push(await scenario('GetUser', url, fixed('GetUser', { AccessToken: AuthenticationResult.AccessToken })));
    if (wanted('USER_PASSWORD_AUTH')) rows.push(await scenario('InitiateAuth USER_PASSWORD_AUTH', url, fixed('InitiateAuth', passwordAuth)));
    if (wanted('SRP')) {
      srp = await srpScenario(url, userPoolId, clientId, member.username);
      if (typeof srp !== 'string') rows.push(srp);
    }
    // Other work on the machine moves the ceiling: measure it again at the end and compare with the mean.
    rows.push(await scenario('echo (again, at the end)', echo.url, fixed('ConfirmSignUp', echoBody)));
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
  const lines = [
    `kognito benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    `autocannon ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${MEASURE_SECONDS} s measured per row; the load generator shares the cores with the servers.`,
    '',
    `ratios are against the mean of the two echo runs (${echoRate.toFixed(0)} requests/s).`,
    '',
    '| scenario | requests/s | p50 ms | p99 ms | vs echo | failed | note |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((row) => `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50} | ${row.p99} | ${percent(row)} | ${row.failed} | ${row.note ?? ''} |`),
    '',
  ];
  if (startup) {
    lines.push(`start-up to first answer of node dist/src/cli.js (median of ${STARTUP_RUNS}, fresh data dir): ${startup.ms.toFixed(0)} ms`);
    lines.push(`idle RSS ${IDLE_SETTLE_MS / 1000} s after start-up: ${startup.rssMb.toFixed(1)} MB`, '');
  }
  lines.push('targets:');
  if (confirm) {
    lines.push(`  ConfirmSignUp >= ${TARGETS.confirmSignUpRatio * 100}% of echo: ${percent(confirm)} of the fixed-body echo (${mark(confirm.requestsPerSecond >= TARGETS.confirmSignUpRatio * echoRate)})`);
    if (perRequestEcho) {
      const ratio = confirm.requestsPerSecond / perRequestEcho.requestsPerSecond;
      lines.push(`    and ${(100 * ratio).toFixed(0)}% of the echo loaded the same way, a new body per request (${mark(ratio >= TARGETS.confirmSignUpRatio)})`);
    }
  }
  if (startup) {
    lines.push(`  start-up < ${TARGETS.startupMs} ms: ${startup.ms.toFixed(0)} ms (${mark(startup.ms < TARGETS.startupMs)})`);
    lines.push(`  idle RSS < ${TARGETS.idleRssMb} MB: ${startup.rssMb.toFixed(1)} MB (${mark(startup.rssMb < TARGETS.idleRssMb)})`);
  }
  if (typeof srp === 'string') lines.push(`  SRP >= ${TARGETS.srpSignInsPerSecond} sign-ins/s: ${srp}`);
  else if (srp) lines.push(`  SRP >= ${TARGETS.srpSignInsPerSecond} sign-ins/s: ${srp.note} (${mark(parseFloat(srp.note!) >= TARGETS.srpSignInsPerSecond)})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
