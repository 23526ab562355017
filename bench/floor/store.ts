/**
 * The floors under kognito's start-up, started by the benchmark as the `kognito` command is (bundled
 * the same way, same flags, each its own file so neither loads what the other does): the least a
 * server on this stack does before its first health answer. Both open a better-sqlite3 store in WAL
 * mode; http.ts answers with Node's HTTP server, fastify.ts with Fastify and a pino logger (kognito's
 * HTTP stack without kognito).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

export function openFloor(): { port: number; logLevel: string } {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'log-level': { type: 'string' } } });
  const store = new Database(join(values['data-dir']!, 'floor.db'));
  store.pragma('journal_mode = WAL');
  return { port: Number(values.port), logLevel: values['log-level'] ?? 'warn' };
}
