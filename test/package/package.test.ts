/**
 * The npm package, as a user gets it: `npm pack`, then `npm install <tarball>` into a fresh project
 * (better-sqlite3 compiled there by its install script, allowed by the project's allowScripts), then
 * `npx kognito` and `import { startKognito } from 'kognito'` with its types; and the README's
 * test-suite examples (startKognito, the vitest globalSetup, the pytest fixture) run in that project
 * as written, with the README's seed file. Run by `npm run test:package` (the install compiles a
 * native module: about a minute), which .ci/run runs after `npm test`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { README, blocksOf } from '../support/readme.js';

const execFileAsync = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kognito-package-'));
const project = join(scratch, 'consumer');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) =>
  execFileAsync(command, args, { cwd: options.cwd ?? project, env: options.env ?? process.env, timeout: options.timeout ?? 120_000, maxBuffer: 16 * 1024 * 1024 });

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const suiteBlocks = blocksOf(README, 'Use it from your test suite');
const seedExample = blocksOf(README, 'Seed file (`kognito.seed.yaml`)').find((b) => b.lang === 'yaml')!.code;
/** A README block whose first line is a `// path` or `# path` comment: that file of the project. */
const fileBlock = (path: string) => {
  const block = suiteBlocks.find((b) => b.code.startsWith(`// ${path}`) || b.code.startsWith(`# ${path}`));
  if (!block) throw new Error(`the README has no block for ${path}`);
  return block.code;
};

let installLog = '';
beforeAll(async () => {
  // dist/ is built by `npm run test:package` first; --ignore-scripts keeps pack from rebuilding it under other tests.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: REPO });
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', allowScripts: { 'better-sqlite3': true } }, null, 2),
  );
  writeFileSync(join(project, 'kognito.seed.yaml'), seedExample);
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', join(scratch, filename)], { timeout: 600_000 });
  installLog = installed.stdout + installed.stderr;
}, 660_000);

describe('the packed kognito, installed into a fresh project', () => {
  it('ships the compiled server and its types, not the tests, sources or benchmark', () => {
    const files = readdirSync(join(project, 'node_modules/kognito'), { recursive: true }).map(String);
    expect(files).toContain(join('dist', 'src', 'index.js'));
    expect(files).toContain(join('dist', 'src', 'index.d.ts'));
    expect(files).toContain(join('dist', 'src', 'cli.js'));
    expect(files.filter((f) => /^(src|test|bench|scripts)\b|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it("builds better-sqlite3's native module there, its install script approved by allowScripts", () => {
    expect(existsSync(join(project, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    // npm lists scripts allowScripts does not cover; kognito's own `prepare` is listed for a tarball
    // (a non-registry source, matched by its exact path) but not run.
    expect(installLog).not.toMatch(/better-sqlite3@[\d.]+ \(install:/);
  });

  it('npx kognito --version and --help answer', async () => {
    expect((await run('npx', ['kognito', '--version'])).stdout).toBe('0.1.0\n');
    expect((await run('npx', ['kognito', '--help'])).stdout).toContain('--seed <file>');
  });

  it('npx kognito serves, with the README seed', async () => {
    const port = await freePort();
    const child = spawn('npx', ['kognito', '--port', String(port), '--data-dir', ':memory:', '--seed', 'kognito.seed.yaml', '--log-level', 'warn'], { cwd: project, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      let pools: unknown;
      for (let i = 0; i < 200 && pools === undefined; i++) {
        pools = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' }, body: '{"MaxResults":5}' })
          .then((r) => r.json())
          .catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 50)));
      }
      expect((pools as { UserPools: { Id: string }[] }).UserPools.map((p) => p.Id)).toEqual(['us-east-1_Example1']);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // npx runs kognito under `sh -c`, which dies of the SIGTERM without passing it on: kognito sees its
    // parent gone and ends rather than live on, orphaned, on its port.
    let answering = true;
    for (let i = 0; i < 40 && answering; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answering = await fetch(`http://127.0.0.1:${port}/_kognito/health`).then(() => true, () => false);
    }
    expect(answering).toBe(false);
  });

  it("import { startKognito } from 'kognito' works, typed: the README snippet runs, and a wrong option is a type error", async () => {
    const snippet = suiteBlocks.find((b) => b.lang === 'js' && b.code.includes("from 'kognito'"))!.code;
    writeFileSync(join(project, 'start.mjs'), snippet);
    await run(process.execPath, ['start.mjs']);

    writeFileSync(
      join(project, 'typed.ts'),
      "import { startKognito, type Kognito, type Seed } from 'kognito';\n" +
        "const seed: Seed = { UserPools: [{ PoolName: 'p', Users: [{ Username: 'u', Password: 'Passw0rd!', Status: 'CONFIRMED' }] }] };\n" +
        'const k: Kognito = await startKognito({ seed, port: 0 });\n' +
        'const code: string | undefined = k.lastCode(k.url, "u");\n' +
        'await k.stop();\n' +
        'export { code };\n',
    );
    writeFileSync(join(project, 'wrong.ts'), "import { startKognito } from 'kognito';\nawait startKognito({ port: 'nine' });\nexport {};\n");
    const tsc = [join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--typeRoots', join(REPO, 'node_modules/@types'), '--types', 'node'];
    await run(process.execPath, [...tsc, 'typed.ts']);
    const wrong = await run(process.execPath, [...tsc, 'wrong.ts']).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(wrong).toMatch(/wrong\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("the README's vitest globalSetup and test run as written", async () => {
    // The project would `npm install -D vitest @aws-sdk/client-cognito-identity-provider`: link ours instead.
    mkdirSync(join(project, 'node_modules/@aws-sdk'), { recursive: true });
    symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'));
    symlinkSync(join(REPO, 'node_modules/@aws-sdk/client-cognito-identity-provider'), join(project, 'node_modules/@aws-sdk/client-cognito-identity-provider'));
    mkdirSync(join(project, 'test'));
    writeFileSync(join(project, 'test/kognito.setup.ts'), fileBlock('test/kognito.setup.ts'));
    writeFileSync(join(project, 'test/signIn.test.ts'), fileBlock('test/signIn.test.ts'));
    writeFileSync(join(project, 'vitest.config.mjs'), "export default { test: { globalSetup: ['test/kognito.setup.ts'] } };\n");
    const { stdout } = await run(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose'], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(stdout).toMatch(/✓ test\/signIn\.test\.ts > signs in the seeded user/);
    expect(stdout).toMatch(/Tests\s+1 passed/);
  });

  it("the README's pytest fixture (boto3) starts npx kognito and its test passes", async () => {
    writeFileSync(join(project, 'conftest.py'), fileBlock('conftest.py'));
    writeFileSync(join(project, 'test_sign_up.py'), fileBlock('test_sign_up.py'));
    const hasPytest = await run('python3', ['-c', 'import pytest']).then(
      () => true,
      () => false,
    );
    if (hasPytest) {
      const { stdout } = await run('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_sign_up.py']);
      expect(stdout).toMatch(/^1 passed/m);
    } else {
      // No pytest here: the fixture's code runs all the same, driven as pytest would (setup, test, teardown).
      console.warn('pytest is not installed: running the README fixture without it');
      mkdirSync(join(scratch, 'shim'));
      writeFileSync(join(scratch, 'shim/pytest.py'), 'def fixture(*args, **kwargs):\n    return args[0] if args and callable(args[0]) else (lambda f: f)\n');
      const driver = 'import conftest, test_sign_up\nurl = conftest.kognito_url()\nendpoint = next(url)\ntest_sign_up.test_sign_up_and_confirm_with_the_fixed_code(conftest.cognito(endpoint))\nnext(url, None)\nprint("1 passed")\n';
      const { stdout } = await run('python3', ['-c', driver], { env: { ...process.env, PYTHONPATH: `${join(scratch, 'shim')}:${project}` } });
      expect(stdout).toBe('1 passed\n');
    }
  });
});
