/**
 * kognito and real web pages in headless Chromium (issue 7 defect 6): amazon-cognito-identity-js in a
 * page of another origin signs up, confirms and signs in with SRP through the browser's own CORS
 * (preflights and all); a page of a foreign site can neither read /_kognito nor reset it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram } from '../support/programs.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const LIBRARY = readFileSync(createRequire(import.meta.url).resolve('amazon-cognito-identity-js/dist/amazon-cognito-identity.min.js'));

let t: TestServer;
let pages: Server;
let pagesPort: number;
let userPoolId: string;
let clientId: string;

/** The page that signs a user up, reads the code from /_kognito/code, confirms and signs in. */
const appPage = (kognito: string) => `<!doctype html><html><body><pre id="out">pending</pre>
<script src="/amazon-cognito-identity.min.js"></script>
<script>
const out = (value) => { document.getElementById('out').textContent = JSON.stringify(value); };
const C = AmazonCognitoIdentity;
const pool = new C.CognitoUserPool({ UserPoolId: ${JSON.stringify(userPoolId)}, ClientId: ${JSON.stringify(clientId)}, endpoint: ${JSON.stringify(kognito)} });
const username = 'pageuser';
const password = 'Passw0rd!';
pool.signUp(username, password, [new C.CognitoUserAttribute({ Name: 'email', Value: 'page@example.com' })], null, async (error) => {
  if (error) return out({ step: 'signUp', error: error.code || error.name, message: error.message });
  const code = await (await fetch(${JSON.stringify(kognito)} + '/_kognito/code?userPoolId=' + pool.getUserPoolId() + '&username=' + username)).text();
  const user = new C.CognitoUser({ Username: username, Pool: pool });
  user.confirmRegistration(code, true, (error) => {
    if (error) return out({ step: 'confirm', error: error.code || error.name, message: error.message });
    user.authenticateUser(new C.AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => out({ signedIn: session.getIdToken().payload['cognito:username'], origin: location.origin }),
      onFailure: (error) => out({ step: 'signIn', error: error.code || error.name, message: error.message }),
    });
  });
});
</script></body></html>`;

/** A page of another site trying /_kognito, and the Cognito API, through fetch. */
const attackPage = (kognito: string) => `<!doctype html><html><body><pre id="out">pending</pre>
<script>
const attempt = (promise) => promise.then((r) => (r.type === 'opaque' ? 'opaque' : r.status), (e) => e.name);
(async () => {
  const read = await attempt(fetch(${JSON.stringify(kognito)} + '/_kognito/messages'));
  const reset = await attempt(fetch(${JSON.stringify(kognito)} + '/_kognito/reset', { method: 'POST', mode: 'no-cors', body: '{}' }));
  const resetJson = await attempt(fetch(${JSON.stringify(kognito)} + '/_kognito/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  const api = await fetch(${JSON.stringify(kognito)}, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ ClientId: 'nosuchclient', AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a', SRP_A: 'ab' } }),
  }).then(async (r) => ({ status: r.status, type: (await r.json()).__type, header: r.headers.get('x-amzn-errortype') }), (e) => e.name);
  document.getElementById('out').textContent = JSON.stringify({ read, reset, resetJson, api, origin: location.origin });
})();
</script></body></html>`;

/** Loads a page in headless Chromium and returns what it wrote in #out. */
async function runPage(url: string): Promise<Record<string, unknown>> {
  const run = await runProgram(CHROMIUM!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP evil.test 127.0.0.1', '--virtual-time-budget=20000', '--dump-dom', url,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const text = /<pre id="out">([^<]*)<\/pre>/.exec(run.stdout)?.[1] ?? '';
  return JSON.parse(text.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

beforeAll(async () => {
  t = await startServer();
  ({ userPoolId, clientId } = await createPoolAndClient(t.sdk));
  pages = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/amazon-cognito-identity.min.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(LIBRARY);
    const body = path === '/app.html' ? appPage(t.url) : path === '/attack.html' ? attackPage(t.url) : undefined;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesPort = (pages.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => pages.close(resolve));
  await t.close();
});

describe.skipIf(!CHROMIUM)('web pages in Chromium', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('amazon-cognito-identity-js in a page of another origin signs up, confirms (code from /_kognito) and signs in', async () => {
    const result = await runPage(`http://127.0.0.1:${pagesPort}/app.html`);
    expect(result).toEqual({ signedIn: 'pageuser', origin: `http://127.0.0.1:${pagesPort}` });
  });

  it('a page of another site cannot read /_kognito nor reset it, yet can call the Cognito API', async () => {
    const before = t.server.ctx.store.userPools.list(undefined, 60).length;
    const result = await runPage(`http://evil.test:${pagesPort}/attack.html`);
    expect(result).toEqual({
      origin: `http://evil.test:${pagesPort}`,
      read: 'TypeError', // refused, and without CORS headers the page cannot even see the status
      reset: 'opaque', // sent without preflight as text/plain, refused by kognito
      resetJson: 'TypeError', // its preflight is refused
      api: { status: 400, type: 'ResourceNotFoundException', header: 'ResourceNotFoundException:' },
    });
    expect(t.server.ctx.store.userPools.list(undefined, 60).length).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
