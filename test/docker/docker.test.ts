/**
 * The Docker image, built and run: health (following KOGNITO_PORT), a sign-up / confirm / sign-in
 * through it, non-root, no build leftovers, data kept when the container is removed and created
 * again, a bind-mounted host directory, the stop time (SIGTERM handled), and the compose example.
 * Containers use the host's network (engines here have no bridge), each on a free port.
 * Run by `npm run test:docker` (needs a Docker engine and the base image; .ci/run provides both).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const execFileAsync = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const IMAGE = 'kognito:test';
const RUN = `kognito-test-${process.pid}`;
const VOLUME = `${RUN}-data`;
const scratch = mkdtempSync(join(tmpdir(), 'kognito-docker-'));

const docker = async (...args: string[]) => (await execFileAsync('docker', args, { cwd: REPO, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const quietly = (...args: string[]) => docker(...args).catch(() => '');

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const health = (name: string) => docker('inspect', '-f', '{{.State.Health.Status}}', name);
const sdkAt = (port: number) =>
  new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });

/** `docker run -d` of the image on the host network, with KOGNITO_* settings; returns when healthy. */
async function runKognito(name: string, port: number, mount: string, extra: string[] = []) {
  await docker('run', '-d', '--name', name, '--network', 'host', '-e', `KOGNITO_PORT=${port}`, '-e', 'KOGNITO_FIXED_CODE=123456', '-v', mount, ...extra, IMAGE);
  // The image's own HEALTHCHECK (every 5 s): healthy only if it probes the port KOGNITO_PORT set.
  await until(`${name} healthy`, 60, async () => ((await health(name)) === 'healthy' ? true : undefined));
}

const figures: string[] = [];
beforeAll(async () => {
  const started = Date.now();
  await docker('build', '--network', 'host', '-t', IMAGE, '.');
  figures.push(`docker build ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 900_000);

afterAll(async () => {
  for (const name of [`${RUN}-a`, `${RUN}-b`, `${RUN}-bind`]) await quietly('rm', '-f', name);
  await quietly('volume', 'rm', VOLUME);
  await quietly('run', '--rm', '-v', `${scratch}:/scratch`, '--user', '0', '--entrypoint', 'sh', IMAGE, '-c', 'rm -rf /scratch/*');
  rmSync(scratch, { recursive: true, force: true });
  console.log(`docker: ${figures.join(', ')}`);
});

describe('the kognito image', () => {
  it('runs Node 26 as the unprivileged user node, with no compiler and no build intermediates', async () => {
    const bytes = Number(await docker('image', 'inspect', '-f', '{{.Size}}', IMAGE));
    const base = Number(await docker('image', 'inspect', '-f', '{{.Size}}', 'node:26-bookworm-slim'));
    figures.push(`image ${(bytes / 1e6).toFixed(0)} MB (kognito's layers ${((bytes - base) / 1e6).toFixed(0)} MB over node:26-bookworm-slim)`);
    const inside = await docker('run', '--rm', '--network', 'none', '--entrypoint', 'sh', IMAGE, '-c',
      'node --version; id -u; for c in g++ gcc make python3; do command -v $c; done; ls node_modules/better-sqlite3 node_modules/better-sqlite3/build/Release; ls -d node_modules/typescript node_modules/vitest src test 2>&1 | grep -c "No such file"');
    const lines = inside.split('\n');
    expect(lines[0]).toMatch(/^v26\./);
    expect(lines[1]).toBe('1000');
    expect(inside).not.toMatch(/\/(g\+\+|gcc|make|python3)$/m);
    expect(lines).toContain('better_sqlite3.node');
    expect(lines).not.toContain('obj.target');
    expect(lines).not.toContain('deps');
    expect(lines).not.toContain('sqlite3.a');
    expect(lines.at(-1)).toBe('4'); // none of the four dev-only or source directories is there
    expect(bytes - base).toBeLessThan(60e6); // the server and its production dependencies only
    // Node's compile cache, filled at build time, is where NODE_COMPILE_CACHE says, and holds the
    // bundled server (dist/src/command.js, some 1.2 MB of source) compiled: one entry of hundreds of KB.
    const cache = await docker('run', '--rm', '--network', 'none', '--entrypoint', 'sh', IMAGE, '-c', 'echo $NODE_COMPILE_CACHE; find /app/.compile-cache -type f -size +100k | wc -l');
    const [cacheDir, largeEntries] = cache.trim().split('\n');
    expect(cacheDir).toBe('/app/.compile-cache');
    expect(Number(largeEntries)).toBeGreaterThanOrEqual(1);
  });

  it('is healthy on the port KOGNITO_PORT sets, signs up, confirms and signs in; SIGTERM stops it at once', async () => {
    const port = await freePort();
    await runKognito(`${RUN}-a`, port, `${VOLUME}:/data`);
    const sdk = sdkAt(port);
    try {
      const UserPoolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'docker', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
      const ClientId = (await sdk.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
      await sdk.send(new SignUpCommand({ ClientId, Username: 'jane', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'jane@example.com' }] }));
      // KOGNITO_FIXED_CODE, not overridden by anything in the image.
      expect(await (await fetch(`http://127.0.0.1:${port}/_kognito/code?userPoolId=${UserPoolId}&username=jane`)).text()).toBe('123456');
      await sdk.send(new ConfirmSignUpCommand({ ClientId, Username: 'jane', ConfirmationCode: '123456' }));
      const signedIn = await sdk.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'Passw0rd!' } }));
      expect(signedIn.AuthenticationResult?.TokenType).toBe('Bearer');
      // The store is in the /data volume (KOGNITO_DATA_DIR), owned by node.
      expect(await docker('exec', `${RUN}-a`, 'sh', '-c', 'ls /data; stat -c %u /data')).toMatch(/^kognito\.sqlite$[\s\S]*\n1000$/m);

      const stopping = Date.now();
      await docker('stop', `${RUN}-a`);
      const stopMs = Date.now() - stopping;
      figures.push(`docker stop ${stopMs} ms`);
      expect(stopMs).toBeLessThan(3000); // a container that ignores SIGTERM takes 10 s
      expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${RUN}-a`)).toBe('0');
      expect(await docker('logs', `${RUN}-a`)).toContain('"msg":"kognito is shutting down"');
    } finally {
      sdk.destroy();
    }
  });

  it('keeps the data across removing and re-creating the container on the same volume', async () => {
    await docker('rm', '-f', `${RUN}-a`);
    const port = await freePort();
    const started = Date.now();
    await runKognito(`${RUN}-b`, port, `${VOLUME}:/data`);
    figures.push(`docker run to healthy ${Date.now() - started} ms`);
    const sdk = sdkAt(port);
    try {
      const pools = await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' }, body: '{"MaxResults":5}' })).json();
      const { Id: UserPoolId } = (pools as { UserPools: { Id: string; Name: string }[] }).UserPools.find((p) => p.Name === 'docker')!;
      const clients = await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPoolClients' }, body: JSON.stringify({ UserPoolId }) })).json();
      const ClientId = (clients as { UserPoolClients: { ClientId: string }[] }).UserPoolClients[0].ClientId;
      const signedIn = await sdk.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'jane', PASSWORD: 'Passw0rd!' } }));
      expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      sdk.destroy();
      await docker('rm', '-f', `${RUN}-b`);
    }
  });

  it('stores into a bind-mounted host directory owned by uid 1000, as the README says', async () => {
    const dir = join(scratch, 'data');
    await execFileAsync('mkdir', [dir]);
    chownSync(dir, 1000, 1000);
    const port = await freePort();
    await runKognito(`${RUN}-bind`, port, `${dir}:/data`);
    await docker('rm', '-f', `${RUN}-bind`);
    expect(existsSync(join(dir, 'kognito.sqlite'))).toBe(true);
  });

  it('docker-compose.yml (bridge network, published port) is a valid file for docker-compose v1 and, where installed, docker compose', async () => {
    const config = (await execFileAsync('docker-compose', ['-f', 'docker/docker-compose.yml', 'config'], { cwd: REPO })).stdout;
    expect(config).toMatch(/condition: service_healthy/);
    expect(config).toMatch(/COGNITO_ENDPOINT: http:\/\/kognito:9329/);
    const plugin = await execFileAsync('docker', ['compose', 'version']).then(() => true, () => false);
    if (plugin) expect((await execFileAsync('docker', ['compose', '-f', 'docker/docker-compose.yml', 'config', '--quiet'], { cwd: REPO })).stderr).toBe('');
  });

  it('the compose example (host-network variant): example waits for healthy kognito, signs up, confirms, signs in', async () => {
    const port = await freePort();
    const project = `${RUN}-compose`;
    const compose = (...args: string[]) =>
      execFileAsync('docker-compose', ['-p', project, '-f', 'docker/docker-compose.host.yml', ...args], {
        cwd: REPO,
        env: { ...process.env, KOGNITO_PORT: String(port) },
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      });
    try {
      const { stdout } = await compose('up', '--no-color', '--build', '--abort-on-container-exit', '--exit-code-from', 'example').catch(async (error: Error) => {
        const logs = await compose('logs', '--no-color').then((r) => r.stdout, () => '');
        throw new Error(`${error.message}\n${logs}`);
      });
      expect(stdout).toMatch(/example_1 +\| signed in user\d+ \(code \d{6}\): Bearer token, 3600 s/);
    } finally {
      await compose('down', '-v').catch(() => undefined);
    }
  });
});
