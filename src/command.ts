/** The `kognito` command (started by cli.ts): flags and KOGNITO_* variables -> config, listen, clean shutdown. */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import {
  ConfigError,
  configFromEnv,
  parseCodeSendLimit,
  parseFixedCode,
  parseBaseUrl,
  parseIssuer,
  parseList,
  parseLambdaEndpoint,
  parseLambdaModules,
  parseLogFormat,
  parseLogLevel,
  parsePort,
  parseTimeout,
  type Config,
} from './config.js';
import { createServer } from './server.js';
import { createLogger } from './log.js';
import { applySeed } from './seed/applySeed.js';
import { loadSeedFile, SeedError } from './seed/seedFile.js';

const HELP = `kognito: a local emulator of Amazon Cognito user pools

Usage: kognito [options]

Options:
  --port <n>         port to listen on (default 9329; env KOGNITO_PORT)
  --host <addr>      address to bind (default 127.0.0.1; env KOGNITO_HOST)
  --data-dir <dir>   SQLite store directory, or :memory: (default ./.kognito; env KOGNITO_DATA_DIR)
  --log-level <lvl>  fatal|error|warn|info|debug|trace|silent (default info; env KOGNITO_LOG_LEVEL)
  --log-format <f>   pretty|json (default pretty on a terminal, else json; env KOGNITO_LOG_FORMAT)
  --issuer <v>       'aws' (default) or a base URL for the tokens' iss (env KOGNITO_ISSUER)
  --lambda-module <name>=<file>[#export]
                     run the Lambda function <name> (as named in trigger ARNs) from a local
                     JavaScript module; repeatable (env KOGNITO_LAMBDA_MODULES, comma-separated)
  --lambda-endpoint <url>
                     a Lambda Invoke API for the other functions, e.g. sam local start-lambda's
                     http://127.0.0.1:3001 (env KOGNITO_LAMBDA_ENDPOINT)
  --lambda-timeout <ms>
                     how long a trigger may run (default 5000, as Cognito; env KOGNITO_LAMBDA_TIMEOUT_MS)
  --code-send-limit <n|off>  codes of one purpose a user may be sent per hour (default 5, as
                     Cognito; 'off' for test suites that resend often; env KOGNITO_CODE_SEND_LIMIT)
  --allowed-origins <list>  origins whose pages may use /_kognito, besides loopback pages
                     (comma-separated, or *; env KOGNITO_ALLOWED_ORIGINS)
  --allowed-hosts <list>    Host names /_kognito answers besides IPs, single-label names and
                     *.localhost (comma-separated, or *; env KOGNITO_ALLOWED_HOSTS)
  --seed <file>      pools, clients and users to create at start-up, JSON or YAML (env KOGNITO_SEED)
  --fixed-code <c>   every emailed or texted code is this six-digit value (env KOGNITO_FIXED_CODE)
  --public-url <url> base URL browsers use, if not the one apps call (env KOGNITO_PUBLIC_URL)
  -h, --help         show this help
  -v, --version      show the version
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): Config | 'help' | 'version' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'log-level': { type: 'string' },
        'log-format': { type: 'string' },
        issuer: { type: 'string' },
        'lambda-module': { type: 'string', multiple: true },
        'lambda-endpoint': { type: 'string' },
        'lambda-timeout': { type: 'string' },
        'code-send-limit': { type: 'string' },
        'allowed-origins': { type: 'string' },
        'allowed-hosts': { type: 'string' },
        seed: { type: 'string' },
        'fixed-code': { type: 'string' },
        'public-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (see kognito --help)`);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const config = configFromEnv(env);
  if (values.port !== undefined) config.port = parsePort(values.port, '--port');
  if (values.host !== undefined) config.host = values.host;
  if (values['data-dir'] !== undefined) config.dataDir = values['data-dir'];
  if (values['log-level'] !== undefined) config.logLevel = parseLogLevel(values['log-level'], '--log-level');
  if (values['log-format'] !== undefined) config.logFormat = parseLogFormat(values['log-format'], '--log-format');
  if (values.issuer !== undefined) config.issuer = parseIssuer(values.issuer, '--issuer');
  if (values['lambda-module'] !== undefined) {
    config.lambdaModules = { ...config.lambdaModules, ...parseLambdaModules(values['lambda-module'], '--lambda-module') };
  }
  if (values['lambda-endpoint'] !== undefined) config.lambdaEndpoint = parseLambdaEndpoint(values['lambda-endpoint'], '--lambda-endpoint');
  if (values['lambda-timeout'] !== undefined) config.lambdaTimeoutMs = parseTimeout(values['lambda-timeout'], '--lambda-timeout');
  if (values['code-send-limit'] !== undefined) config.codeSendLimit = parseCodeSendLimit(values['code-send-limit'], '--code-send-limit');
  if (values['allowed-origins'] !== undefined) config.allowedOrigins = parseList(values['allowed-origins']);
  if (values['allowed-hosts'] !== undefined) config.allowedHosts = parseList(values['allowed-hosts']);
  if (values.seed !== undefined) config.seed = values.seed;
  if (values['fixed-code'] !== undefined) config.fixedCode = parseFixedCode(values['fixed-code'], '--fixed-code');
  if (values['public-url'] !== undefined) config.publicUrl = parseBaseUrl(values['public-url'], '--public-url');
  return config;
}

function fail(message: string): never {
  process.stderr.write(`kognito: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config | 'help' | 'version';
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config === 'help') return void process.stdout.write(HELP);
  if (config === 'version') return void process.stdout.write(`${version()}\n`);
  for (const [name, module] of Object.entries(config.lambdaModules ?? {})) {
    if (!existsSync(module.file)) fail(`the Lambda module of ${name} does not exist: ${module.file}`);
  }

  config.logFormat ??= process.stdout.isTTY ? 'pretty' : 'json';
  let seed;
  try {
    seed = config.seed === undefined ? undefined : { seed: await loadSeedFile(config.seed), source: `seed file ${config.seed}` };
  } catch (error) {
    if (error instanceof SeedError) fail(error.message);
    throw error;
  }
  const { log } = createLogger(config);
  let server;
  try {
    server = createServer(config, log, seed);
  } catch (error) {
    fail(`cannot open the data directory '${config.dataDir}': ${(error as Error).message}`);
  }
  try {
    if (seed) await applySeed(server.ctx, seed.seed, seed.source);
  } catch (error) {
    server.ctx.store.close();
    if (error instanceof SeedError) fail(error.message);
    throw error;
  }
  try {
    await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    server.ctx.store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${config.port} on ${config.host} is already in use (try --port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`cannot listen on ${config.host}: no such address`);
    if (code === 'EACCES') fail(`no permission to listen on ${config.host}:${config.port}`);
    fail((error as Error).message);
  }
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lambdas = {
    ...(config.lambdaModules ? { lambdaModules: Object.keys(config.lambdaModules) } : {}),
    ...(config.lambdaEndpoint ? { lambdaEndpoint: config.lambdaEndpoint } : {}),
  };
  log.info({ url: `http://${config.host}:${port}`, dataDir: config.dataDir, ...lambdas }, 'kognito is listening');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'kognito is shutting down');
    server.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // `npx kognito` and `npm start` run kognito under `sh -c`: a SIGTERM to npm reaches the shell, which
  // dies without passing it on, and kognito would live on, orphaned, holding its port. Started by npm,
  // kognito ends with the process that started it.
  if (process.env.npm_command !== undefined) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown('parent exited');
    }, PARENT_CHECK_MS).unref();
  }
}

/** How often kognito started by npm looks whether its parent is still there. */
const PARENT_CHECK_MS = 250;

await main();
