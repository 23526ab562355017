#!/usr/bin/env node
/**
 * npm run fuzz: the fuzz test of `npm test` (test/fuzz/fuzz.test.ts), long. Bounded in count and time:
 * FUZZ_REQUESTS (default 30000) and FUZZ_SECONDS (default 600); FUZZ_SEED=<seed> replays a run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const env = { ...process.env, FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? '30000', FUZZ_SECONDS: process.env.FUZZ_SECONDS ?? '600' };
const run = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
