/**
 * The README's "OAuth 2.0 and the hosted sign-in" blocks, run as they stand with bash, the aws CLI and
 * curl against a fresh kognito (only its address changes), one after the other in one shell. Their
 * tokens are then verified with aws-jwt-verify's CognitoJwtVerifier (the default AWS issuer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { README, readmeBlock } from '../support/readme.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('readmeOAuth.test.ts skipped: the aws CLI is not installed on this machine');


let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe.skipIf(!cliPresent)('README: OAuth 2.0 and the hosted sign-in', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('client_credentials with curl, then the authorization code flow by hand, print what the README shows', async () => {
    // The walk-through's first three lines, then the two blocks; the ids are printed last for the checks below.
    const script = [
      'set -euo pipefail',
      'export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1',
      `KOGNITO=${t.url}`,
      'cognito() { aws --endpoint-url $KOGNITO cognito-idp "$@"; }',
      readmeBlock('oauth-client-credentials'),
      readmeBlock('oauth-authorization-code'),
      'echo "$POOL $WORKER $WEB"',
    ].join('\n');
    const run = await runProgram('bash', ['-c', script], { env: { ...process.env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '' }, timeoutMs: SCRIPT_TIMEOUT_MS });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const [version, scopes, m2mJson, confirmed, callback, codeJson, idsLine] = lines;
    expect([version, scopes, confirmed]).toEqual(['1', 'read\twrite', 'false']);
    expect(callback).toMatch(/^http:\/\/localhost:3000\/callback\?code=[0-9a-f-]{36}$/);
    const m2m = JSON.parse(m2mJson);
    expect(Object.keys(m2m)).toEqual(['access_token', 'token_type', 'expires_in']);
    expect(m2m).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const code = JSON.parse(codeJson);
    expect(Object.keys(code)).toEqual(['access_token', 'id_token', 'refresh_token', 'token_type', 'expires_in']);

    const [userPoolId, worker, web] = idsLine.split(' ');
    const jwks = await (await fetch(`${t.url}/${userPoolId}/.well-known/jwks.json`)).json();
    const m2mVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: worker, scope: 'orders/read' });
    m2mVerifier.cacheJwks(jwks);
    expect(await m2mVerifier.verify(m2m.access_token)).toMatchObject({ sub: worker, client_id: worker, scope: 'orders/read', version: 2 });
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: web, scope: 'openid' });
    accessVerifier.cacheJwks(jwks);
    expect(await accessVerifier.verify(code.access_token)).toMatchObject({ username: 'sam', scope: 'openid email' });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId: web });
    idVerifier.cacheJwks(jwks);
    expect(await idVerifier.verify(code.id_token)).toMatchObject({ 'cognito:username': 'sam', email: 'sam@example.com' });

    // What the README says the commands print.
    for (const shown of ['#   1', '#   read\twrite', '#   {"access_token":"eyJ...","token_type":"Bearer","expires_in":3600}', '#   false']) {
      expect(README).toContain(shown);
    }
  });
});
