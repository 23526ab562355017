/**
 * The README's "Lambda triggers" section, run as written: its module is saved to a file, the built
 * `kognito` command is started with the README's flags (once with --lambda-module, once with
 * --lambda-endpoint pointed at a stand-in for `sam local start-lambda` that serves the same module),
 * and its shell block runs through bash and the aws CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasAwsCli } from '../support/server.js';
import { startInvokeEndpoint, type Handler } from '../support/lambdaEndpoint.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS } from '../support/programs.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests with npm test, which builds dist/ first`);
const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('test/e2e/triggersReadme.test.ts skipped: the aws CLI is not installed on this machine');

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = README.slice(README.indexOf('\n## Lambda triggers\n'), README.indexOf('\n## ', README.indexOf('\n## Lambda triggers\n') + 1));
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ language: m[1], code: m[2] }));
const moduleSource = blocks.find((b) => b.language === 'js' && b.code.startsWith('// triggers.mjs'))!.code;
const [asModule, asEndpoint] = blocks.filter((b) => b.code.startsWith('kognito ')).map((b) => b.code.trim().split(/\s+/).slice(1));
const script = blocks.filter((b) => b.language === 'sh').at(-1)!.code;

const scratch = mkdtempSync(join(tmpdir(), 'kognito-readme-triggers-'));
writeFileSync(join(scratch, 'triggers.mjs'), moduleSource);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts the built command in the scratch directory; resolves with its URL once it listens. */
function startKognito(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--port', '0', '--data-dir', ':memory:', '--log-level', 'info'], {
      cwd: scratch,
      env: { ...process.env, KOGNITO_LAMBDA_MODULES: undefined, KOGNITO_LAMBDA_ENDPOINT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => {
      output += d;
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`kognito exited (${code}): ${output}`)));
  });
}

/** The README's shell block, with `cognito` the README's alias and kognito's real address. */
async function runScript(url: string): Promise<string> {
  const prelude = `set -euo pipefail\nexport AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1\ncognito() { aws --endpoint-url ${url} cognito-idp "$@"; }\n`;
  const run = await runProgram('bash', ['-c', prelude + script.split('http://127.0.0.1:9329').join(url)], { cwd: scratch, timeoutMs: SCRIPT_TIMEOUT_MS });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

function checkOutcome(stdout: string) {
  expect(stdout).toMatch(/"UserConfirmed": true/);
  const { invocations } = JSON.parse(stdout.slice(stdout.indexOf('{"invocations"'))) as { invocations: any[] };
  expect(invocations.map((i) => [i.triggerSource, i.outcome])).toEqual([
    ['PreSignUp_SignUp', 'SUCCEEDED'],
    ['PostConfirmation_ConfirmSignUp', 'SUCCEEDED'],
  ]);
  expect(invocations[0].response).toEqual({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
  expect(invocations[1].event.request.clientMetadata).toEqual({ campaign: 'spring' });
  expect(invocations[1].event.request.userAttributes).toMatchObject({ email: 'ana@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' });
  return invocations;
}

describe.skipIf(!cliPresent)('README: Lambda triggers', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('runs the functions as local modules (--lambda-module)', async () => {
    expect(asModule).toEqual(['--lambda-module', 'gatekeeper=./triggers.mjs#preSignUp', '--lambda-module', 'onboarding=./triggers.mjs#postConfirmation']);
    const kognito = await startKognito(asModule);
    try {
      const invocations = checkOutcome(await runScript(kognito.url));
      expect(invocations.map((i) => i.runsAs)).toEqual(['module', 'module']);
      // The function's console.log lands in kognito's output.
      expect(kognito.output()).toContain('welcome ana (spring)');
    } finally {
      kognito.child.kill('SIGTERM');
    }
  });

  it('runs the functions behind an Invoke API (--lambda-endpoint)', async () => {
    expect(asEndpoint).toEqual(['--lambda-endpoint', 'http://127.0.0.1:3001']);
    const functions = (await import(pathToFileURL(join(scratch, 'triggers.mjs')).href)) as Record<string, Handler>;
    const sam = await startInvokeEndpoint({ gatekeeper: functions.preSignUp, onboarding: functions.postConfirmation });
    const kognito = await startKognito(['--lambda-endpoint', sam.url]);
    try {
      const invocations = checkOutcome(await runScript(kognito.url));
      expect(invocations.map((i) => i.runsAs)).toEqual(['endpoint', 'endpoint']);
      expect(sam.received.map((r) => [r.functionName, r.invocationType])).toEqual([
        ['gatekeeper', 'RequestResponse'],
        ['onboarding', 'RequestResponse'],
      ]);
      expect(sam.received[1].event).toEqual(invocations[1].event);
    } finally {
      kognito.child.kill('SIGTERM');
      await sam.close();
    }
  });
});

describe('kognito --lambda-module', () => {
  it('refuses to start, in one line, when the module file does not exist', async () => {
    const failed = await runProgram(process.execPath, [CLI, '--lambda-module', 'onboarding=./missing.mjs', '--port', '0', '--data-dir', ':memory:'], { cwd: scratch });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`kognito: the Lambda module of onboarding does not exist: ${join(scratch, 'missing.mjs')}\n`);
  });
});
