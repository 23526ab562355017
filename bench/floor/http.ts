/** The start-up floor of any server here: Node's HTTP server and a better-sqlite3 store (see store.ts). */
import { createServer } from 'node:http';
import { openFloor } from './store.js';

const { port } = openFloor();
createServer((_request, response) => response.end('{"status":"ok"}')).listen(port, '127.0.0.1');
