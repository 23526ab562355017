/**
 * Run as `node --expose-gc startStopLoop.mjs <cycles>` by test/e2e/startKognito.test.ts: starts and stops
 * the built kognito (dist/src/index.js) `cycles` times in this one process, each time serving a few
 * requests (health, CreateUserPool, SignUp with a code sent), and prints what is left afterwards:
 * active handles and heap, against a baseline taken after a warm-up.
 */
import { request } from 'node:http';
import { startKognito } from '../../dist/src/index.js';

const cycles = Number(process.argv[2] ?? 50);
const WARM_UP = 10;

async function cycle(i) {
  const kognito = await startKognito({ fixedCode: '123456' });
  // node:http without an agent: fetch's global agent keeps ~25 KB per origin it met, which would be
  // counted here against kognito.
  const send = (method, path, headers = {}, body = '') =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: kognito.port, method, path, headers, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const call = async (operation, body) =>
    (await send('POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, JSON.stringify(body))).json;
  if ((await send('GET', '/_kognito/health')).status !== 200) throw new Error('unhealthy');
  // Every tenth cycle goes as far as a code sent (pool keys and SRP verifiers cost ~1 s on 2 cores).
  if (i % 10 !== 0) {
    if (!(await call('ListUserPools', { MaxResults: 1 })).UserPools) throw new Error('no answer');
    return kognito.stop();
  }
  const pool = await call('CreateUserPool', { PoolName: 'p', AutoVerifiedAttributes: ['email'] });
  const client = await call('CreateUserPoolClient', { UserPoolId: pool.UserPool.Id, ClientName: 'c' });
  await call('SignUp', { ClientId: client.UserPoolClient.ClientId, Username: 'u', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'u@example.com' }] });
  if (kognito.lastCode(pool.UserPool.Id, 'u') !== '123456') throw new Error('no code');
  await kognito.stop();
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    globalThis.gc();
  }
};
const resources = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').sort();

for (let i = 0; i < WARM_UP; i++) await cycle(i);
await settle();
const before = { resources: resources(), heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
const started = performance.now();
for (let i = 0; i < cycles; i++) await cycle(i);
const ms = performance.now() - started;
await settle();
const after = { resources: resources(), heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
console.log(JSON.stringify({ cycles, msPerCycle: ms / cycles, before, after }));
