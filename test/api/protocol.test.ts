/** The AWS JSON 1.1 protocol layer on the wire: routing, protocol errors, headers, CORS, validation texts. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  ConfirmSignUpCommand,
  InvalidParameterException,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import model from '../../src/protocol/model.json' with { type: 'json' };
import { operations } from '../../src/operations/index.js';
import { plausibleInput, Random } from '../support/fuzz.js';

let t: TestServer;
let clientId: string;
beforeAll(async () => {
  t = await startServer();
  ({ clientId } = await createPoolAndClient(t.sdk));
});
afterAll(() => t.close());

/** A raw request with full control of the headers (fetch always adds a content-type to a string body). */
function raw(path: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const url = new URL(path, t.url);
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const VALID_SIGNUP = () => ({ ClientId: clientId, Username: `u${Math.random().toString(36).slice(2)}`, Password: 'Passw0rd!' });

describe('routing by X-Amz-Target', () => {
  it('answers an unknown operation with 400 UnknownOperationException as JSON', async () => {
    const r = await call(t.url, 'NoSuchThing', {});
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(r.body.__type).toBe('UnknownOperationException');
    expect(r.body.message).toContain('NoSuchThing');
  });

  it('answers a missing target with 400 UnknownOperationException', async () => {
    const r = await raw('/', 'POST', { 'content-type': 'application/x-amz-json-1.1' }, '{}');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).__type).toBe('UnknownOperationException');
    expect(r.headers['x-amzn-errortype']).toBe('UnknownOperationException:');
  });

  it('answers a target with another service prefix with UnknownOperationException', async () => {
    const r = await call(t.url, 'SignUp', {}, { 'x-amz-target': 'AWSCognitoIdentityService.SignUp' });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('UnknownOperationException');
  });

  it('answers a modeled but unimplemented operation with a 400 JSON error naming it', async () => {
    // The first one not implemented yet (this test needs updating the day all of them are).
    const unimplemented = Object.keys(model.operations).find((name) => !(name in operations));
    expect(unimplemented).toBeDefined();
    const r = await call(t.url, unimplemented!, plausibleInput(unimplemented!, {}, new Random(1)));
    expect(r.status).toBe(400);
    expect(typeof r.body.__type).toBe('string');
    expect(r.body.message).toContain(unimplemented);
  });
});

describe('bodies the protocol cannot read', () => {
  it('answers malformed JSON with 400 SerializationException', async () => {
    const r = await call(t.url, 'SignUp', '{"ClientId": ');
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('SerializationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('SerializationException:');
  });

  it('answers a JSON array body with SerializationException', async () => {
    const r = await call(t.url, 'SignUp', '[1,2]');
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('SerializationException');
  });

  it('answers an object where a string is expected with SerializationException, before constraint checks', async () => {
    const r = await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: {}, ConfirmationCode: '1' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'SerializationException', message: 'Start of structure or map found where not expected.' });
  });

  it('answers a string where a map is expected with SerializationException "Expected map or null"', async () => {
    const r = await call(t.url, 'SignUp', { ...VALID_SIGNUP(), ClientMetadata: 'x' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'SerializationException', message: 'Expected map or null' });
  });

  it('answers a body over 1 MiB with an AWS-shaped JSON error, not HTML', async () => {
    const big = JSON.stringify({ ClientId: clientId, Username: 'x'.repeat(1024 * 1024 + 10) });
    const r = await call(t.url, 'SignUp', big);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(r.body.__type).toBe('SerializationException');
    expect(typeof r.body.message).toBe('string');
  });

  it('treats an empty body as {} and reports the missing members', async () => {
    const r = await call(t.url, 'AdminConfirmSignUp', '');
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('InvalidParameterException');
    expect(r.body.message).toBe(
      "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'username' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('members the model does not have', () => {
  it('ignores unknown top-level members: a stray ClientId or Id neither clashes nor leaks into the result', async () => {
    const pool = await call(t.url, 'CreateUserPool', { PoolName: 'stray', Id: 'us-east-1_mine', Arn: 'arn:x' });
    expect(pool.status).toBe(200);
    expect(pool.body.UserPool.Id).not.toBe('us-east-1_mine');
    expect(pool.body.UserPool.Arn).toContain(pool.body.UserPool.Id);
    const client = await call(t.url, 'CreateUserPoolClient', { UserPoolId: pool.body.UserPool.Id, ClientName: 'c', ClientId: clientId, Unknown: 1 });
    expect(client.status).toBe(200);
    expect(client.body.UserPoolClient.ClientId).not.toBe(clientId);
    expect(client.body.UserPoolClient).not.toHaveProperty('Unknown');
  });

  it('treats null members as absent', async () => {
    const r = await call(t.url, 'SignUp', { ...VALID_SIGNUP(), UserAttributes: null, ClientMetadata: null, SecretHash: null });
    expect(r.status).toBe(200);
    expect(r.body.UserConfirmed).toBe(false);
  });
});

describe('response headers', () => {
  it('puts x-amzn-RequestId on successes, errors, JWKS 404s and unknown paths, each different', async () => {
    const ok = await call(t.url, 'ListUserPools', { MaxResults: 1 });
    const bad = await call(t.url, 'Nope', {});
    const jwks = await fetch(`${t.url}/us-east-1_nope/.well-known/jwks.json`);
    const unknown = await fetch(`${t.url}/no/such/path`);
    const ids = [ok.headers.get('x-amzn-requestid'), bad.headers.get('x-amzn-requestid'), jwks.headers.get('x-amzn-requestid'), unknown.headers.get('x-amzn-requestid')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(4);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('sends x-amzn-ErrorType "<Type>:" and x-amzn-ErrorMessage matching the compact body', async () => {
    const r = await call(t.url, 'ConfirmSignUp', { ClientId: 'nosuchclient', Username: 'a', ConfirmationCode: '123456' });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException:');
    expect(r.headers.get('x-amzn-errormessage')).toBe('User pool client nosuchclient does not exist.');
    expect(r.text).toBe('{"__type":"ResourceNotFoundException","message":"User pool client nosuchclient does not exist."}');
  });

  it('accepts application/json, x-amz-json-1.0, a charset suffix and a missing Content-Type', async () => {
    const body = JSON.stringify({ MaxResults: 1 });
    const target = 'AWSCognitoIdentityProviderService.ListUserPools';
    for (const contentType of ['application/json', 'application/x-amz-json-1.0', 'application/x-amz-json-1.1; charset=utf-8', 'text/plain']) {
      const r = await raw('/', 'POST', { 'content-type': contentType, 'x-amz-target': target }, body);
      expect(r.status, contentType).toBe(200);
      expect(JSON.parse(r.text)).toHaveProperty('UserPools');
    }
    const none = await raw('/', 'POST', { 'x-amz-target': target, 'content-length': String(body.length) }, body);
    expect(none.status).toBe(200);
    expect(JSON.parse(none.text)).toHaveProperty('UserPools');
  });

  it('routes a POST to another path like POST /', async () => {
    const r = await raw('/some/prefix/', 'POST', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' }, '{"MaxResults":1}');
    expect(r.status).toBe(200);
  });

  it('answers GET of an unknown path with a JSON error, not HTML', async () => {
    const r = await raw('/nowhere', 'GET', {});
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(r.text).__type).toBe('ResourceNotFoundException');
  });
});

describe('CORS (spec A.7)', () => {
  it('answers a preflight with 204: any origin, the requested headers, no credentials', async () => {
    const requested = 'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request';
    const r = await raw('/', 'OPTIONS', {
      origin: 'http://localhost:5173',
      'access-control-request-method': 'POST',
      'access-control-request-headers': requested,
    });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
    expect(r.headers['access-control-allow-headers']).toBe(requested);
    expect(String(r.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(r.headers['access-control-allow-methods'])).toContain('GET');
    expect(r.headers['access-control-max-age']).toBe('86400');
  });

  it('answers a preflight on any path, with the default header list when none is requested', async () => {
    const r = await raw('/us-east-1_x/.well-known/jwks.json', 'OPTIONS', { origin: 'http://a.test', 'access-control-request-method': 'GET' });
    expect(r.status).toBe(204);
    expect(String(r.headers['access-control-allow-headers'])).toContain('x-amz-target');
    expect(r.headers['access-control-allow-private-network']).toBeUndefined();
  });

  it('puts allow-origin * and expose-headers on successes and errors, never credentials', async () => {
    for (const operation of ['ListUserPools', 'Nope']) {
      const r = await call(t.url, operation, { MaxResults: 1 }, { origin: 'http://localhost:5173' });
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
      expect(r.headers.get('access-control-expose-headers')).toBe('x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
    }
    const noOrigin = await call(t.url, 'ListUserPools', { MaxResults: 1 });
    expect(noOrigin.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('model validation messages through the SDK v3 (spec test ideas 9-14)', () => {
  const rejection = async (command: any) => {
    try {
      await t.sdk.send(command);
    } catch (error) {
      return error as InvalidParameterException & { $metadata: { httpStatusCode: number } };
    }
    throw new Error('expected the call to fail');
  };

  it('9: UserCode "1" fails the length constraint, value omitted (sensitive)', async () => {
    const error = await rejection(new VerifySoftwareTokenCommand({ UserCode: '1', AccessToken: 'x' }));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.$fault).toBe('client');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
  });

  it('10: UserCode "abcdef" fails the [0-9]+ pattern', async () => {
    const error = await rejection(new VerifySoftwareTokenCommand({ UserCode: 'abcdef', AccessToken: 'x' }));
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
  });

  it('11: Username "a b" fails the username pattern with the value omitted', async () => {
    const error = await rejection(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'a b', ConfirmationCode: '123456' }));
    expect(error.message).toBe(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  });

  it('12: UserPoolId "bad" prints the value and the pattern, before any pool lookup', async () => {
    const error = await rejection(new AdminConfirmSignUpCommand({ UserPoolId: 'bad', Username: 'a' }));
    expect(error.message).toBe(
      "1 validation error detected: Value 'bad' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('13: a missing ConfirmationCode is "Value null ... Member must not be null"', async () => {
    const r = await call(t.url, 'ConfirmSignUp', { ClientId: clientId, Username: 'a' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null",
    });
  });

  it('14: the documentation example DeviceKey fails the DeviceKey pattern', async () => {
    const r = await call(t.url, 'ConfirmDevice', { AccessToken: 'abc', DeviceKey: 'us-west-2_a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('InvalidParameterException');
    expect(r.body.message).toBe(
      "1 validation error detected: Value 'us-west-2_a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+",
    );
  });
});
