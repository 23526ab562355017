/**
 * The fuzz test (issue 7): every operation of the model, each mutation kind (missing required, wrong
 * type, lengths, patterns, enums, deep nesting, prototype keys, unknown nested members, huge values,
 * nulls, raw protocol garbage), sent to a real server; no 5xx, AWS-shaped errors, bounded headers, and
 * nothing changed by a refused request (test/support/fuzz.ts). Bounded for `npm test`; `npm run fuzz`
 * runs it long (FUZZ_REQUESTS, FUZZ_SECONDS). The seed is printed: FUZZ_SEED=<seed> replays a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../support/server.js';
import { formatSummary, MUTATIONS, runFuzz, type FuzzWorld } from '../support/fuzz.js';
import { operationNames } from '../../src/protocol/validate.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Every operation meets every mutation kind once in `npm test`. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? operationNames.length * MUTATIONS.length);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 40);
const PASSWORD = 'Passw0rd!';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** A pool, a client, a confirmed and signed-in user, a group: the values fuzzed inputs name. */
function fixture(): FuzzWorld {
  const values: Record<string, string> = {};
  const ok = async (operation: string, body: unknown) => {
    const r = await call(t.url, operation, body);
    if (r.status !== 200) throw new Error(`fuzz fixture: ${operation} answered ${r.status} ${r.text}`);
    return r.body;
  };
  const signIn = () =>
    call(t.url, 'InitiateAuth', { ClientId: values.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: values.Username, PASSWORD } });
  const world: FuzzWorld = {
    values,
    async rebuild() {
      const pool = await ok('CreateUserPool', { PoolName: 'fuzz', AutoVerifiedAttributes: ['email'] });
      values.UserPoolId = pool.UserPool.Id;
      const client = await ok('CreateUserPoolClient', {
        UserPoolId: values.UserPoolId,
        ClientName: 'fuzz',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
      });
      values.ClientId = client.UserPoolClient.ClientId;
      values.Username = 'fuzzer';
      values.Password = values.PreviousPassword = values.ProposedPassword = PASSWORD;
      values.GroupName = 'fuzzers';
      await ok('SignUp', { ClientId: values.ClientId, Username: values.Username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'fuzzer@example.com' }] });
      await ok('AdminConfirmSignUp', { UserPoolId: values.UserPoolId, Username: values.Username });
      await ok('CreateGroup', { UserPoolId: values.UserPoolId, GroupName: values.GroupName });
      if (!(await world.healthy())) throw new Error('fuzz fixture: a fresh world cannot sign in');
    },
    async healthy() {
      if (!values.UserPoolId) return false;
      const signedIn = await signIn();
      const result = signedIn.body?.AuthenticationResult;
      if (signedIn.status !== 200 || !result) return false;
      values.AccessToken = result.AccessToken;
      values.RefreshToken = values.Token = result.RefreshToken;
      return (await call(t.url, 'GetUser', { AccessToken: values.AccessToken })).status === 200;
    },
  };
  return world;
}

describe('fuzz: every operation, every mutation kind', () => {
  it(
    `no 5xx, AWS-shaped errors, bounded headers, no change from a refused request (seed ${SEED})`,
    async () => {
      const world = fixture();
      await world.rebuild();
      const summary = await runFuzz({ url: t.url, server: t.server, world, seed: SEED, requests: REQUESTS, seconds: SECONDS });
      console.log(formatSummary(summary));
      expect(summary.fiveXX).toBe(0);
      expect(summary.requests).toBeGreaterThan(0);
      // Unless the time bound cut it short, every operation met every mutation kind.
      if (summary.stoppedBy === 'count' && REQUESTS >= operationNames.length * MUTATIONS.length) {
        expect(summary.operations).toBe(operationNames.length);
        expect(Object.keys(summary.byMutation).sort()).toEqual([...MUTATIONS].sort());
      }
    },
    (SECONDS + 120) * 1000,
  );
});
