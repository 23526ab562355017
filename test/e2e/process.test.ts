/**
 * The built `kognito` command as a process (npm test builds dist/ first): flags, one-line start-up
 * errors, clean SIGTERM, and no acknowledged write lost to kill -9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests with npm test, which builds dist/ first`);

const scratch = mkdtempSync(join(tmpdir(), 'kognito-process-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ENV = { ...process.env, KOGNITO_PORT: undefined, KOGNITO_HOST: undefined, KOGNITO_DATA_DIR: undefined, KOGNITO_LOG_LEVEL: undefined, KOGNITO_ISSUER: undefined };

/** Runs the CLI to completion (bounded by a timeout). */
function run(args: string[], timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kognito ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  sdk: CognitoIdentityProviderClient;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI on a random port of 127.0.0.1 and waits for its "listening" log line. `onLog` sees each later stdout chunk. */
function start(dataDir: string, logLevel = 'info', onLog?: (text: string) => void): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', logLevel], {
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kognito did not start within 10 s: ${stderr}`));
    }, 10_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      if (buffered === null) return onLog?.(d.toString());
      buffered += d.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(buffered);
      if (!match) return;
      clearTimeout(timer);
      buffered = null as unknown as string; // keep draining stdout, stop parsing it
      const sdk = new CognitoIdentityProviderClient({
        endpoint: match[1],
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      resolve({ child, url: match[1], sdk, exited });
    });
    exited.then(({ code }) => reject(new Error(`kognito exited with ${code} before listening: ${stderr}`)));
  });
}

const oneLine = (stderr: string) => {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toMatch(/^kognito: /);
};

describe('flags', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kognito [options]');
    expect(r.stdout).toContain('--data-dir');
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0.1.0\n');
  });

  it('an unknown flag gives one line on stderr and exit 1, no stack trace', async () => {
    const r = await run(['--no-such-flag']);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain('--no-such-flag');
  });

  it('a bad port or log level gives one line on stderr and exit 1', async () => {
    for (const args of [['--port', 'eighty'], ['--log-level', 'loud'], ['--issuer', 'not a url']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      oneLine(r.stderr);
    }
  });
});

describe('start-up failures', () => {
  let blocker: Server;
  let busyPort: number;
  beforeAll(async () => {
    blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    busyPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('a busy port gives one line naming the port and exit 1', async () => {
    const r = await run(['--port', String(busyPort), '--host', '127.0.0.1', '--data-dir', ':memory:']);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain(String(busyPort));
    expect(r.stderr).toContain('already in use');
  });

  it('a data dir that cannot be created (under a regular file) gives one line and exit 1', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a directory');
    const r = await run(['--port', '0', '--data-dir', join(file, 'store')]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain(join(file, 'store'));
  });
});

describe('one kognito per data directory', () => {
  it('a second kognito on a data dir in use gives one line and exit 1, and the first keeps serving', async () => {
    const dataDir = join(scratch, 'owned');
    const first = await start(dataDir);
    try {
      const r = await run(['--port', '0', '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      oneLine(r.stderr);
      expect(r.stderr).toContain('in use by another kognito process');
      expect((await first.sdk.send(new CreateUserPoolCommand({ PoolName: 'still-here' }))).UserPool?.Name).toBe('still-here');
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      first.sdk.destroy();
    }
  });
});

describe('shutdown and crash safety', () => {
  it('SIGTERM exits 0 and the store reopens with its data', async () => {
    const dataDir = join(scratch, 'sigterm');
    const first = await start(dataDir);
    const pool = (await first.sdk.send(new CreateUserPoolCommand({ PoolName: 'kept' }))).UserPool!;
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    first.sdk.destroy();

    const second = await start(dataDir);
    try {
      expect((await second.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool?.Name).toBe('kept');
    } finally {
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      second.sdk.destroy();
    }
  });

  it('kill -9 under concurrent SignUps loses no acknowledged user', async () => {
    const dataDir = join(scratch, 'sigkill');
    const first = await start(dataDir);
    const userPoolId = (await first.sdk.send(new CreateUserPoolCommand({ PoolName: 'crash', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
    const clientId = (await first.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'c' }))).UserPoolClient!.ClientId!;

    const TOTAL = 300;
    const WORKERS = 16;
    const KILL_AFTER = 120;
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const deadline = Date.now() + 8_000;
    const worker = async () => {
      while (next < TOTAL && Date.now() < deadline) {
        const username = `load${next++}`;
        try {
          const out = await first.sdk.send(
            new SignUpCommand({ ClientId: clientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }),
          );
          if (out.$metadata.httpStatusCode === 200) acknowledged.push(username);
        } catch {
          // Refused or cut off by the kill: not acknowledged, may or may not exist.
        }
        if (!killed && acknowledged.length >= KILL_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    if (!killed) first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    first.sdk.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(TOTAL); // the kill landed mid-load

    const second = await start(dataDir);
    try {
      const missing: string[] = [];
      for (const username of acknowledged) {
        try {
          await second.sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        } catch {
          missing.push(username);
        }
      }
      expect(missing).toEqual([]);
      console.log(`kill -9: ${acknowledged.length} SignUps acknowledged of ${next} attempted; all ${acknowledged.length} present after restart`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      second.sdk.destroy();
    }
  });

  it('kill -9 while requests share group commits loses no acknowledged write', async () => {
    // Many connections writing at once: their transactions join group commits (store.ts), which the
    // debug log counts. The kill lands once groups of several writes have been seen. The log also
    // shows the order of things: no write is answered (its request line) before it is committed.
    const dataDir = join(scratch, 'sigkill-groups');
    let largestGroup = 0;
    let committed = 0;
    let answered = 0;
    let answeredBeforeCommit = 0;
    let partial = '';
    const first = await start(dataDir, 'debug', (text) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; transactions?: number; op?: string; status?: number };
        if (entry.msg === 'group commit') {
          committed += entry.transactions!;
          largestGroup = Math.max(largestGroup, entry.transactions!);
        }
        if (entry.msg === 'request' && entry.status === 200 && (entry.op === 'CreateGroup' || entry.op === 'CreateUserPool')) {
          if (++answered > committed) answeredBeforeCommit++;
        }
      }
    });
    const userPoolId = (await first.sdk.send(new CreateUserPoolCommand({ PoolName: 'groups' }))).UserPool!.Id!;
    const createGroup = (GroupName: string) =>
      fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateGroup' },
        body: JSON.stringify({ UserPoolId: userPoolId, GroupName }),
      });

    const WORKERS = 32;
    const KILL_AFTER = 400;
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const deadline = Date.now() + 20_000;
    const worker = async () => {
      while (!killed && Date.now() < deadline) {
        const name = `group-${next++}`;
        try {
          if ((await createGroup(name)).status === 200) acknowledged.push(name);
        } catch {
          // Cut off by the kill: not acknowledged, may or may not exist.
        }
        if (!killed && acknowledged.length >= KILL_AFTER && largestGroup > 1) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    expect(killed).toBe(true); // within the deadline, with groups of several writes seen
    expect((await first.exited).signal).toBe('SIGKILL');
    // A request's log line is written after its answer, so the kill may cut off the lines of the last
    // answers: at most one a connection.
    expect(answered).toBeGreaterThanOrEqual(KILL_AFTER - WORKERS);
    expect(answeredBeforeCommit).toBe(0);
    first.sdk.destroy();

    const second = await start(dataDir);
    try {
      const missing: string[] = [];
      for (const name of acknowledged) {
        try {
          await second.sdk.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: name }));
        } catch {
          missing.push(name);
        }
      }
      expect(missing).toEqual([]);
      console.log(`kill -9 in group commits (up to ${largestGroup} writes a commit): ${acknowledged.length} of ${next} CreateGroups acknowledged, all present after restart`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      second.sdk.destroy();
    }
  });
});
