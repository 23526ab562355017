/**
 * The README cannot drift from the code: its operations table is what `npm run readme:ops` would
 * write now, every /_kognito endpoint it documents answers on a real server, and every flag and
 * KOGNITO_* variable of its Configuration section is accepted by the built command / the config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../src/operations/index.js';
import { isUnauthenticatedOperation, operationNames } from '../src/protocol/validate.js';
import { configFromEnv, defaultConfig } from '../src/config.js';
import { END, START, renderOperations, replaceOperations } from '../scripts/readme-ops.mjs';
import { startServer, type TestServer } from './support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram } from './support/programs.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

/** The text of one `## ` section of the README. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README operations table', () => {
  it('is exactly what npm run readme:ops generates from the registry and the model (run it when this fails)', () => {
    const section = renderOperations(Object.keys(operations), operationNames, isUnauthenticatedOperation);
    expect(README.includes(START) && README.includes(END)).toBe(true);
    expect(replaceOperations(README, section)).toBe(README);
  });

  it('lists every registered operation, and only operations of the model', () => {
    const listed = [...README.slice(README.indexOf(START), README.indexOf(END)).matchAll(/^\| (\w+) \|/gm)].map((m) => m[1]).filter((name) => name !== 'Operation');
    expect(listed.sort()).toEqual(Object.keys(operations).sort());
    for (const name of listed) expect(operationNames).toContain(name);
  });
});

describe('README /_kognito endpoints', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  const documented = [...README.matchAll(/\b(GET|POST|DELETE|PUT|PATCH) \/_kognito\/([a-z-]+)/g)].map((m) => ({ method: m[1], path: `/_kognito/${m[2]}` }));
  const mentioned = new Set([...README.matchAll(/\/_kognito\/([a-z-]+)/g)].map((m) => `/_kognito/${m[1]}`));

  it('documents a method for every /_kognito path the README mentions', () => {
    expect(new Set(documented.map((d) => d.path))).toEqual(mentioned);
    expect([...mentioned].sort()).toEqual(['/_kognito/auth-events', '/_kognito/clock', '/_kognito/code', '/_kognito/device-verifier', '/_kognito/health', '/_kognito/messages', '/_kognito/reset', '/_kognito/totp', '/_kognito/triggers']);
  });

  it('every documented METHOD /_kognito/<path> is served (not a 404 from the server)', async () => {
    for (const { method, path } of documented) {
      const response = await fetch(`${t.url}${path}`, { method, body: method === 'POST' ? '{"advanceSeconds": 0}' : undefined });
      expect(response.status, `${method} ${path}`).not.toBe(404);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
  });
});

describe('README configuration section', () => {
  const config = section('Configuration');
  const flags = [...new Set([...config.matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]))];
  const variables = [...new Set([...config.matchAll(/\bKOGNITO_[A-Z_]+/g)].map((m) => m[0]))];
  const sample: Record<string, string> = {
    '--port': '9330',
    '--host': '0.0.0.0',
    '--data-dir': '/tmp/kognito-readme',
    '--log-level': 'debug',
    '--issuer': 'http://localhost:9330',
    '--lambda-module': 'onboarding=./triggers.mjs#postConfirmation',
    '--lambda-endpoint': 'http://127.0.0.1:3001',
    '--lambda-timeout': '8000',
    '--code-send-limit': 'off',
    '--allowed-origins': 'http://localhost:3000',
    '--allowed-hosts': 'kognito.test',
    '--log-format': 'json',
    '--seed': '/tmp/kognito.seed.yaml',
    '--fixed-code': '123456',
    '--public-url': 'http://localhost:9331',
  };
  /** Variables whose flag is not their name in lower case. */
  const flagOfVariable: Record<string, string> = { KOGNITO_LAMBDA_MODULES: '--lambda-module', KOGNITO_LAMBDA_TIMEOUT_MS: '--lambda-timeout' };

  it('documents every option, --help and --version', () => {
    expect(flags.sort()).toEqual([
      '--allowed-hosts',
      '--allowed-origins',
      '--code-send-limit',
      '--data-dir',
      '--fixed-code',
      '--help',
      '--host',
      '--issuer',
      '--lambda-endpoint',
      '--lambda-module',
      '--lambda-timeout',
      '--log-format',
      '--log-level',
      '--port',
      '--public-url',
      '--seed',
      '--version',
    ]);
    expect(variables.sort()).toEqual([
      'KOGNITO_ALLOWED_HOSTS',
      'KOGNITO_ALLOWED_ORIGINS',
      'KOGNITO_CODE_SEND_LIMIT',
      'KOGNITO_DATA_DIR',
      'KOGNITO_FIXED_CODE',
      'KOGNITO_HOST',
      'KOGNITO_ISSUER',
      'KOGNITO_LAMBDA_ENDPOINT',
      'KOGNITO_LAMBDA_MODULES',
      'KOGNITO_LAMBDA_TIMEOUT_MS',
      'KOGNITO_LOG_FORMAT',
      'KOGNITO_LOG_LEVEL',
      'KOGNITO_PORT',
      'KOGNITO_PUBLIC_URL',
      'KOGNITO_SEED',
    ]);
  });

  it('every documented flag is accepted by the built kognito command (npm test builds it)', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm test, which builds dist/ first`).toBe(true);
    // Every flag with its sample value and --help last, in one run: the usage (exit 0) only if each is
    // known (an unknown one exits 1 naming it), and the usage names each.
    const options = flags.filter((flag) => flag !== '--help' && flag !== '--version');
    const usage = await runProgram(process.execPath, [CLI, ...options.flatMap((flag) => [flag, sample[flag]]), '--help']);
    expect({ code: usage.code, stderr: usage.stderr }).toEqual({ code: 0, stderr: '' });
    for (const flag of [...options, '--help', '--version']) expect(usage.stdout, flag).toMatch(new RegExp(`${flag}\\b`));
    const version = await runProgram(process.execPath, [CLI, '--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  }, PROGRAMS_TEST_TIMEOUT_MS);

  it('every documented KOGNITO_* variable changes the configuration', () => {
    const flagOf = (variable: string) => flagOfVariable[variable] ?? `--${variable.slice('KOGNITO_'.length).toLowerCase().replace(/_/g, '-')}`;
    for (const variable of variables) {
      expect(configFromEnv({ [variable]: sample[flagOf(variable)] }), variable).not.toEqual(defaultConfig);
    }
  });

  it('states the defaults the code has', () => {
    expect(config).toContain(`| \`${defaultConfig.port}\` |`);
    expect(config).toContain(`| \`${defaultConfig.host}\` |`);
    expect(config).toContain(`| \`${defaultConfig.dataDir}\` |`);
    expect(config).toContain(`| \`${defaultConfig.logLevel}\` |`);
    expect(config).toContain(`| \`${defaultConfig.issuer}\` |`);
  });
});
