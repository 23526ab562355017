/**
 * The floor under kognito's start-up, started by the benchmark as the `kognito` command is (bundled
 * the same way, same flags): the least a server on this stack does before its first health answer.
 * `http`: Node's HTTP server and a better-sqlite3 store opened in WAL mode; `fastify`: the same
 * store behind Fastify with a pino logger, kognito's HTTP stack without kognito.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { pino } from 'pino';

const { values, positionals } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'log-level': { type: 'string' } },
  allowPositionals: true,
});
const store = new Database(join(values['data-dir']!, 'floor.db'));
store.pragma('journal_mode = WAL');
const port = Number(values.port);

if (positionals[0] === 'http') {
  createServer((_request, response) => response.end('{"status":"ok"}')).listen(port, '127.0.0.1');
} else {
  const log = pino({ level: values['log-level'] ?? 'warn' });
  const app = Fastify({ logger: false });
  app.get('/_kognito/health', async () => ({ status: 'ok' }));
  await app.listen({ port, host: '127.0.0.1' });
  log.info({ port }, 'listening');
}
