/**
 * The README's walk-throughs, run as written: the fenced blocks of "Walk-through with the aws-cli"
 * (with its "From code" snippets), "MFA (TOTP) walk-through" (with its choice-based sign-in), "Devices" and "Password reset", in that
 * order, against one fresh kognito, as one shell session (variables carry from block to block). The only change made to
 * the text is kognito's address (the README's http://127.0.0.1:9329 becomes this test's random port).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { README, blocksOf } from '../support/readme.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS } from '../support/programs.js';

const README_URL = 'http://127.0.0.1:9329';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('readmeWalkthroughs.test.ts skipped: the aws CLI is not installed on this machine');

const scratch = fileURLToPath(new URL(`../../node_modules/.cache/kognito-readme-${process.pid}/`, import.meta.url));
let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  mkdirSync(scratch, { recursive: true });
});
afterAll(async () => {
  await t.close();
  rmSync(scratch, { recursive: true, force: true });
});

const SECTIONS = ['Walk-through with the aws-cli', 'MFA (TOTP) walk-through', 'Devices', 'Password reset'];
const blocks = SECTIONS.flatMap((title) => blocksOf(README, title).map((block) => ({ ...block, title })));
/** Every shell variable a block sets, so the next block (a new bash) starts with it. */
const shellNames = [
  ...new Set([
    ...blocks.filter((b) => b.lang === 'sh').flatMap((b) => [...b.code.matchAll(/(?:^|[\s;])(?:export\s+)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1])),
    ...blocks.filter((b) => b.lang === 'sh').flatMap((b) => [...b.code.matchAll(/\bread -r ([A-Z_ ]+?) <<</g)].flatMap((m) => m[1].split(' '))),
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_DEFAULT_REGION',
  ]),
];
const state = () => join(scratch, 'state.sh');

async function runShell(code: string): Promise<string> {
  const script = [
    'set -euo pipefail',
    `[ -f ${state()} ] && source ${state()}`,
    code,
    `{ declare -p ${shellNames.join(' ')} 2>/dev/null || true; declare -f; } > ${state()}`,
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' };
  for (const name of shellNames) delete env[name];
  const run = await runProgram('bash', ['-c', script], { env, timeoutMs: SCRIPT_TIMEOUT_MS });
  if (run.code !== 0) throw new Error(`the README block failed (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run.stdout;
}

/** A variable the shell blocks have set so far. */
async function shellValue(name: string): Promise<string> {
  return (await runShell(`printf %s "$${name}"`)).trim();
}

async function runSnippet(lang: string, code: string, index: number): Promise<string> {
  const file = join(scratch, `snippet${index}.${lang === 'python' ? 'py' : 'mjs'}`);
  writeFileSync(file, code);
  const env = { ...process.env, POOL: await shellValue('POOL'), CLIENT: await shellValue('CLIENT') };
  // stderr may carry the libraries' own notices (SDK v3 on Node 20, Amplify's custom endpoint): shown on failure.
  const run = await runProgram(lang === 'python' ? 'python3' : process.execPath, [file], { env });
  expect({ exit: run.code, stdout: run.stdout.trim() }, `${lang} snippet ${index} (stderr: ${run.stderr})`).toEqual({ exit: 0, stdout: 'jane' });
  return run.stdout;
}

describe.skipIf(!cliPresent)('README walk-throughs, run as written', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('has the blocks this test runs: shell for each walk-through, and the four "From code" snippets', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['sh', 'js', 'python', 'js', 'js', 'sh', 'sh', 'sh', 'sh']);
  });

  // One it() per block, in README order: each continues where the previous one left off.
  const outputs: string[] = [];
  blocks.forEach((block, index) => {
    it(`${block.title}: block ${index + 1} (${block.lang})`, async () => {
      const code = block.code.replaceAll(README_URL, t.url);
      const output = block.lang === 'sh' ? await runShell(code) : await runSnippet(block.lang, code, index);
      outputs[index] = output; // every snippet signs jane in and prints her username (checked in runSnippet)
    });
  });

  it('printed what the README says it prints', () => {
    const shown = [
      // Walk-through
      '"UserConfirmed": false',
      '"Destination": "j***@e***"',
      '"Username": "jane"',
      // MFA
      '"Status": "SUCCESS"',
      '"AccessToken": "eyJ',
      // Choice-based sign-in
      'PASSWORD\tPASSWORD_SRP\tEMAIL_OTP',
      '"ExpiresIn": 3600',
      // Devices
      '"UserConfirmationNecessary": false',
      '{"Name": "device_name", "Value": "my-laptop"}',
      // Password reset
      '"Destination": "d***@e***"',
      'RESET_REQUIRED',
      'FORCE_CHANGE_PASSWORD',
      'PasswordChange Pass',
    ];
    // The CLI prints indented JSON: compare with the whitespace around brackets removed.
    const squeeze = (text: string) => text.replace(/\s+/g, ' ').replace(/([[{]) /g, '$1').replace(/ ([\]}])/g, '$1');
    const all = squeeze(outputs.join('\n'));
    for (const fragment of shown) {
      expect(README, `the README shows ${fragment}`).toContain(fragment);
      expect(all, `the walk-through printed ${fragment}`).toContain(squeeze(fragment));
    }
  });
});
