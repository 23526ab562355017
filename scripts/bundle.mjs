/**
 * The second half of `npm run build`: after tsc has written dist/src (declarations and one module per
 * source file), dist/src/command.js (the `kognito` command, which cli.js imports) and dist/src/index.js
 * (startKognito) are replaced by one-file bundles of the same code. Resolving, reading and compiling
 * some 400 files (kognito's and Fastify's) was half of a start-up; one file is read and compiled at
 * once, and Node's compile cache (cli.ts) keeps it compiled. The other tsc outputs stay for the
 * scripts that import the server's parts.
 *
 * Left outside the bundles, loaded from node_modules as before:
 * - better-sqlite3: a native module, found beside its package;
 * - pino-pretty, and pino's transport (log.ts): they run in a worker thread started by file name;
 * - what kognito loads only when asked (the AWS SDK's Lambda client, yaml for YAML seeds,
 *   @simplewebauthn/server at the first passkey ceremony) and the
 *   parts of Fastify no kognito route uses (schema compilers, light-my-request's inject()), so their
 *   code is not compiled at every start.
 */
import { build } from 'esbuild';

const EXTERNAL = [
  'better-sqlite3',
  'pino-pretty',
  '@aws-sdk/*',
  'yaml',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'light-my-request',
  '@simplewebauthn/*',
];

await build({
  entryPoints: { command: 'src/command.ts', index: 'src/index.ts' },
  outdir: 'dist/src',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // Fastify and its dependencies are CommonJS: their require() of Node's modules and of the packages
  // left outside needs a real require in an ES module.
  banner: { js: "import { createRequire as __kognitoRequire } from 'node:module'; const require = __kognitoRequire(import.meta.url);" },
  logLevel: 'warning',
});
