/**
 * The request log of the built `kognito` command: a failed request's line carries the error's
 * __type and message, as JSON (the default when stdout is not a terminal) and as a line for people
 * with --log-format pretty (pino-pretty).
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call } from '../support/server.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs kognito with these flags, makes a failing ConfirmSignUp, stops it, returns what it printed. */
async function logOf(flags: string[]): Promise<string> {
  const port = await freePort();
  const env = { ...process.env, KOGNITO_LOG_FORMAT: undefined, KOGNITO_LOG_LEVEL: undefined, NO_COLOR: '1' };
  const child = spawn(process.execPath, [CLI, '--port', String(port), '--data-dir', ':memory:', ...flags], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/_kognito/health`).then((r) => r.ok, () => false)) break;
    if (i > 200) throw new Error(`kognito did not start: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const answer = await call(url, 'ConfirmSignUp', { ClientId: 'nosuchclient', Username: 'jane', ConfirmationCode: '123456' });
  expect(answer.body).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  child.kill('SIGTERM');
  await exited;
  return out;
}

describe('request log lines', () => {
  it('JSON by default when stdout is not a terminal: a failure carries __type and message', async () => {
    const lines = (await logOf([])).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = lines.find((line) => line.op === 'ConfirmSignUp');
    expect(failed).toMatchObject({
      level: 30,
      msg: 'request',
      status: 400,
      __type: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
    const ok = lines.find((line) => line.op === 'GET /_kognito/health' && line.status === 200);
    expect(ok).toBeDefined();
    expect(ok).not.toHaveProperty('__type');
  });

  it('--log-format pretty: one line a request for people, the failure with its __type and message', async () => {
    const out = await logOf(['--log-format', 'pretty']);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: kognito is listening$/m);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request ConfirmSignUp 400 \([\d.]+ ms\) ResourceNotFoundException: User pool client nosuchclient does not exist\.$/m);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request GET \/_kognito\/health 200 \([\d.]+ ms\)$/m);
    expect(() => JSON.parse(out.split('\n')[0])).toThrow();
  });

  it('refuses an unknown format with one line and exit 1', async () => {
    const child = spawn(process.execPath, [CLI, '--log-format', 'xml'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
    expect(err).toBe("kognito: --log-format must be pretty or json, got 'xml'\n");
  });
});
