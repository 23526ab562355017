/**
 * Input an attacker (or a confused client) can send, on the wire (issue 7 defects 2-5): prototype keys,
 * unknown nested members, deep nesting, missing schema names, duplicated query parameters, and error
 * messages too long for a header. Each answer is a 200 that ignores what the model does not know, or a
 * 400 in AWS's shape; never a 5xx, never a change from a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** DescribeUserPool on the wire (the SDK would drop members it does not know). */
const describePool = async (userPoolId: string) => (await call(t.url, 'DescribeUserPool', { UserPoolId: userPoolId })).body.UserPool;

/** CreateUserPool from raw JSON text (so that "__proto__" reaches the server as a key). */
async function createPoolRaw(json: string) {
  const r = await call(t.url, 'CreateUserPool', json);
  return r;
}

describe('"__proto__" never reaches a prototype (defect 2)', () => {
  for (const minimumLength of ['1000', '"abc"', '-5']) {
    it(`Policies.__proto__.PasswordPolicy.MinimumLength ${minimumLength} is an unknown member: ignored, the default policy stays`, async () => {
      const r = await createPoolRaw(`{"PoolName":"p","Policies":{"__proto__":{"PasswordPolicy":{"MinimumLength":${minimumLength}}}}}`);
      expect(r.status).toBe(200);
      expect(r.body.UserPool.Policies.PasswordPolicy.MinimumLength).toBe(8);
      const pool = await describePool(r.body.UserPool.Id);
      expect(pool.Policies.PasswordPolicy.MinimumLength).toBe(8);
      // The policy is enforced as stored: a short password is refused, a good one accepted.
      const client = await call(t.url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'c' });
      const ClientId = client.body.UserPoolClient.ClientId;
      const short = await call(t.url, 'SignUp', { ClientId, Username: 'shorty', Password: 'Aa1!' });
      expect(short.body.__type).toBe('InvalidPasswordException');
      const ok = await call(t.url, 'SignUp', { ClientId, Username: 'fine', Password: 'Passw0rd!' });
      expect(ok.status).toBe(200);
    });
  }

  it('a top-level "__proto__" and "constructor" are ignored like any unknown member', async () => {
    const r = await createPoolRaw('{"PoolName":"p","__proto__":{"MfaConfiguration":"ON"},"constructor":{"prototype":{"x":1}}}');
    expect(r.status).toBe(200);
    expect(r.body.UserPool.MfaConfiguration).toBe('OFF');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('"__proto__" as a map key is just a key (ClientMetadata), and a list element with it is validated', async () => {
    const { clientId } = await createPoolAndClient(t.sdk);
    const r = await call(t.url, 'SignUp', `{"ClientId":"${clientId}","Username":"protomap","Password":"Passw0rd!","ClientMetadata":{"__proto__":"x"},"UserAttributes":[{"__proto__":{"Name":"email","Value":"a@b.c"}}]}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('only modeled members reach a handler, at every depth (defect 3)', () => {
  it('an unknown member inside DeviceConfiguration is neither stored nor echoed', async () => {
    const junk = 'j'.repeat(900 * 1024);
    const r = await call(t.url, 'CreateUserPool', { PoolName: 'p', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, Injected: junk } });
    expect(r.status).toBe(200);
    expect(r.body.UserPool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true });
    expect(r.text.length).toBeLessThan(20_000);
    const pool = await describePool(r.body.UserPool.Id);
    expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true });
  });

  it('unknown members inside list elements (Schema) and nested structures (Policies.PasswordPolicy) are dropped', async () => {
    const r = await call(t.url, 'CreateUserPool', {
      PoolName: 'p',
      Policies: { PasswordPolicy: { MinimumLength: 10, Extra: 'x' }, Other: { a: 1 } },
      Schema: [{ Name: 'team', AttributeDataType: 'String', Extra: true, StringAttributeConstraints: { MaxLength: '20', Junk: 'y' } }],
    });
    expect(r.status).toBe(200);
    const pool = await describePool(r.body.UserPool.Id);
    expect(pool.Policies.PasswordPolicy).not.toHaveProperty('Extra');
    expect(pool.Policies).not.toHaveProperty('Other');
    const team = pool.SchemaAttributes.find((a: { Name: string }) => a.Name === 'custom:team');
    expect(team).not.toHaveProperty('Extra');
    expect(team.StringAttributeConstraints).toEqual({ MaxLength: '20' });
  });
});
