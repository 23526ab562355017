/**
 * The browser surface (issue 7 defect 6): what a web page in the developer's browser can and cannot
 * make kognito do. Requests carry exactly the headers a browser adds (Origin, Host, the preflight's
 * Access-Control-Request-*), sent raw so that nothing is added or dropped on the way.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';

let t: TestServer;
let port: string;
beforeAll(async () => {
  t = await startServer();
  port = new URL(t.url).port;
});
afterAll(() => t.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One raw HTTP request to a server (headers exactly as given, Host included). */
function raw(base: string, path: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, setHost: !('host' in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const EVIL = 'https://evil.example';
const poolCount = async (url = t.url) => (await call(url, 'ListUserPools', { MaxResults: 60 })).body.UserPools.length;

describe('the Cognito API serves browser apps on any origin, without credentials', () => {
  // What Chromium sends before Amplify v6's and amazon-cognito-identity-js's calls (names lower-cased and sorted).
  const BROWSER_PREFLIGHTS = {
    'Amplify v6': 'cache-control,content-type,x-amz-target,x-amz-user-agent',
    'amazon-cognito-identity-js': 'content-type,x-amz-target,x-amz-user-agent',
    'SDK v3': 'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
  };
  for (const [client, requested] of Object.entries(BROWSER_PREFLIGHTS)) {
    it(`answers ${client}'s preflight from a dev origin and a public one`, async () => {
      for (const origin of ['http://localhost:5173', 'https://preview.example.com']) {
        const r = await raw(t.url, '/', 'OPTIONS', {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': requested,
          'sec-fetch-mode': 'cors',
        });
        expect(r.status).toBe(204);
        expect(r.headers['access-control-allow-origin']).toBe('*');
        expect(r.headers['access-control-allow-credentials']).toBeUndefined();
        expect(String(r.headers['access-control-allow-methods'])).toContain('POST');
        for (const header of requested.split(',')) expect(String(r.headers['access-control-allow-headers']).split(',')).toContain(header);
      }
    });
  }

  it('the actual call: any origin, exposed error headers, no credentials', async () => {
    const r = await raw(
      t.url,
      '/',
      'POST',
      { origin: EVIL, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth', 'x-amz-user-agent': 'aws-amplify/6' },
      JSON.stringify({ ClientId: 'nosuchclient', AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a', SRP_A: 'ab' } }),
    );
    expect(r.status).toBe(400);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
    expect(r.headers['access-control-expose-headers']).toBe('x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
  });

  it('grants private-network access to no origin unless allowed (--allowed-origins)', async () => {
    const headers = { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' };
    const refused = await raw(t.url, '/', 'OPTIONS', headers);
    expect(refused.headers['access-control-allow-private-network']).toBeUndefined();
    const allowed = await startServer({ allowedOrigins: ['https://app.example.com'] });
    try {
      const granted = await raw(allowed.url, '/', 'OPTIONS', headers);
      expect(granted.headers['access-control-allow-private-network']).toBe('true');
    } finally {
      await allowed.close();
    }
  });
});

describe('/_kognito refuses other web pages', () => {
  it('a cross-origin POST /_kognito/reset with text/plain (no preflight) is refused and wipes nothing', async () => {
    await createPoolAndClient(t.sdk);
    const before = await poolCount();
    const r = await raw(t.url, '/_kognito/reset', 'POST', { origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' }, '{}');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text)).toEqual({ __type: 'ForbiddenException', message: expect.stringContaining('--allowed-origins') });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(await poolCount()).toBe(before);
  });

  it('a page cannot read everyone\'s codes: GET /_kognito/messages from another origin is refused, without CORS headers', async () => {
    const r = await raw(t.url, '/_kognito/messages', 'GET', { origin: EVIL });
    expect(r.status).toBe(403);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await raw(t.url, '/_kognito/clock', 'OPTIONS', { origin: EVIL, 'access-control-request-method': 'DELETE' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    for (const origin of ['null', 'file://', 'chrome-extension://abc']) {
      expect((await raw(t.url, '/_kognito/messages', 'GET', { origin })).status).toBe(403);
    }
  });

  it('a state-changing call needs a JSON body even without Origin (a form cannot send one)', async () => {
    const before = await poolCount();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await raw(t.url, '/_kognito/reset', 'POST', { 'content-type': contentType }, '{}');
      expect(r.status).toBe(415);
      expect(JSON.parse(r.text)).toEqual({ __type: 'UnsupportedMediaTypeException', message: 'POST /_kognito/reset needs Content-Type: application/json.' });
    }
    const clock = await raw(t.url, '/_kognito/clock', 'POST', {}, '{"advanceSeconds":60}');
    expect(clock.status).toBe(415);
    expect(t.server.ctx.clock.offsetSeconds).toBe(0);
    expect(await poolCount()).toBe(before);
  });

  it('DNS rebinding: a Host of another domain is refused even same-origin (no Origin on a GET)', async () => {
    for (const host of [`evil.example:${port}`, `rebind.attacker.test:${port}`, 'evil.example']) {
      const r = await raw(t.url, '/_kognito/messages', 'GET', { host });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.text).message).toContain('--allowed-hosts');
      const reset = await raw(t.url, '/_kognito/reset', 'POST', { host, origin: `http://${host}`, 'content-type': 'application/json' }, '{}');
      expect(reset.status, host).toBe(403);
    }
  });
});

describe('/_kognito still serves tools, compose services and loopback pages', () => {
  it('accepts the Hosts of non-browser clients: loopback, IPs (--host 0.0.0.0), single-label compose service names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `192.168.1.20:${port}`, `kognito:${port}`, 'kognito', `app.localhost:${port}`, `host.docker.internal:${port}`]) {
      const r = await raw(t.url, '/_kognito/messages', 'GET', { host });
      expect(r.status, host).toBe(200);
    }
  });

  it('accepts a page of a loopback origin or of kognito itself, with its origin in CORS (no credentials)', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://app.localhost', t.url]) {
      const r = await raw(t.url, '/_kognito/messages', 'GET', { origin });
      expect(r.status, origin).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe(origin);
      expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await raw(t.url, '/_kognito/reset', 'OPTIONS', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('a JSON POST without Origin works (curl, test runners)', async () => {
    const r = await raw(t.url, '/_kognito/clock', 'POST', { 'content-type': 'application/json; charset=utf-8' }, '{"advanceSeconds":1}');
    expect(r.status).toBe(200);
    expect((await raw(t.url, '/_kognito/clock', 'DELETE', {})).status).toBe(200);
  });

  it('--allowed-hosts and --allowed-origins widen /_kognito; * allows any', async () => {
    const wide = await startServer({ allowedHosts: ['kognito.test'], allowedOrigins: ['https://app.example.com'] });
    const any = await startServer({ allowedHosts: ['*'], allowedOrigins: ['*'] });
    try {
      expect((await raw(wide.url, '/_kognito/messages', 'GET', { host: 'kognito.test:9329' })).status).toBe(200);
      expect((await raw(wide.url, '/_kognito/messages', 'GET', { host: 'other.test:9329' })).status).toBe(403);
      const page = await raw(wide.url, '/_kognito/messages', 'GET', { origin: 'https://app.example.com' });
      expect(page.status).toBe(200);
      expect(page.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect((await raw(wide.url, '/_kognito/messages', 'GET', { origin: EVIL })).status).toBe(403);
      expect((await raw(any.url, '/_kognito/messages', 'GET', { host: 'evil.example', origin: EVIL })).status).toBe(200);
    } finally {
      await wide.close();
      await any.close();
    }
  });
});
