/**
 * Input an attacker (or a confused client) can send, on the wire (issue 7 defects 2-5): prototype keys,
 * unknown nested members, deep nesting, missing schema names, duplicated query parameters, and error
 * messages too long for a header. Each answer is a 200 that ignores what the model does not know, or a
 * 400 in AWS's shape; never a 5xx, never a change from a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, sdkFailure, startServer, type TestServer } from '../support/server.js';
import { MAX_ERROR_MESSAGE_HEADER_LENGTH, MAX_NESTING_DEPTH, nestingTooDeep } from '../../src/protocol/awsJson.js';

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

describe('client input never answers 5xx (defect 4)', () => {
  const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

  it('2,200 levels of nested arrays in an unknown member: 400 SerializationException naming the depth limit', async () => {
    const r = await call(t.url, 'ListUserPools', `{"MaxResults":1,"Junk":${nested(2200, '[', ']')}}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'SerializationException', message: nestingTooDeep(MAX_NESTING_DEPTH + 1) });
    expect(r.headers.get('x-amzn-errortype')).toBe('SerializationException:');
  });

  it('brackets inside strings do not count as nesting', async () => {
    const r = await call(t.url, 'ListUserPools', { MaxResults: 1, Junk: '['.repeat(5000), Other: '\\"{'.repeat(2000) });
    expect(r.status).toBe(200);
  });

  it('3,900 levels of nested objects inside a modeled structure: 400 SerializationException', async () => {
    const r = await call(t.url, 'CreateUserPool', `{"PoolName":"deep","DeviceConfiguration":${nested(3900, '{"a":', '}')}}`);
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('SerializationException');
    const pools = await call(t.url, 'ListUserPools', { MaxResults: 60 });
    expect(pools.body.UserPools.map((p: { Name: string }) => p.Name)).not.toContain('deep');
  });

  it('nesting up to the limit is parsed; one level more is refused', async () => {
    // The body object is level 1.
    const atLimit = await call(t.url, 'ListUserPools', `{"MaxResults":1,"Junk":${nested(MAX_NESTING_DEPTH - 1, '[', ']')}}`);
    expect(atLimit.status).toBe(200);
    const beyond = await call(t.url, 'ListUserPools', `{"MaxResults":1,"Junk":${nested(MAX_NESTING_DEPTH, '[', ']')}}`);
    expect(beyond.body.message).toBe(nestingTooDeep(MAX_NESTING_DEPTH + 1));
  });

  it('CreateUserPool with a Schema entry without Name: 400 InvalidParameterException, no pool', async () => {
    const before = await call(t.url, 'ListUserPools', { MaxResults: 60 });
    const r = await call(t.url, 'CreateUserPool', { PoolName: 'noname', Schema: [{ AttributeDataType: 'String' }] });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('InvalidParameterException');
    const after = await call(t.url, 'ListUserPools', { MaxResults: 60 });
    expect(after.body.UserPools.length).toBe(before.body.UserPools.length);
  });

  it('GET /_kognito/messages with a duplicated query parameter: 400 InvalidParameterException', async () => {
    for (const query of ['userPoolId=a&userPoolId=b', 'username=a&username=b']) {
      const r = await fetch(`${t.url}/_kognito/messages?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(await r.json()).toEqual({ __type: 'InvalidParameterException', message: expect.stringMatching(/given once/) });
    }
  });
});

describe('x-amzn-ErrorMessage is bounded; the body keeps the whole message (defect 5)', () => {
  it('a 131 KB value in a validation message: the SDK sees InvalidParameterException, the header stays short', async () => {
    const huge = 'x'.repeat(131 * 1024);
    const r = await call(t.url, 'ListUsers', { UserPoolId: huge, Limit: 1 });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('InvalidParameterException');
    expect(r.body.message).toContain(huge);
    const header = r.headers.get('x-amzn-errormessage')!;
    expect(header.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_HEADER_LENGTH);
    expect(r.body.message.startsWith(header.replace(/\.\.\.$/, ''))).toBe(true);

    const error = await sdkFailure(t.sdk, new ListUsersCommand({ UserPoolId: huge, Limit: 1 }));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain("failed to satisfy constraint: Member must have length less than or equal to 55");
  });
});
