/** JSON nulls in a request count as absent members / map keys, as the JS clients rely on. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

it('a PASSWORD_VERIFIER answer with "DEVICE_KEY": null is judged on its merits, not refused by validation', async () => {
  const { clientId } = await createPoolAndClient(t.sdk);
  const r = await call(t.url, 'RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: 'x'.repeat(40),
    ChallengeResponses: { USERNAME: 'ana', PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', PASSWORD_CLAIM_SIGNATURE: 'AAAA', TIMESTAMP: 'Tue Jan 5 01:02:03 UTC 2027', DEVICE_KEY: null },
  });
  expect(r.status).toBe(400);
  expect(r.body.__type).toBe('NotAuthorizedException');
});
