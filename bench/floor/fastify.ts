/** The start-up floor of kognito's stack: Fastify, pino and a better-sqlite3 store (see store.ts). */
import Fastify from 'fastify';
import { pino } from 'pino';
import { openFloor } from './store.js';

const { port, logLevel } = openFloor();
const log = pino({ level: logLevel });
const app = Fastify({ logger: false });
app.get('/_kognito/health', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
log.info({ port }, 'listening');
