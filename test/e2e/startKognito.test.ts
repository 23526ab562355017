/**
 * startKognito(), the package's embedding API: its handles (url, messages, lastCode, clock, reset),
 * --fixed-code, and 50 starts and stops in one process leaving no handle and no memory behind.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfirmSignUpCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ConfigError, startKognito, type Kognito } from '../../src/index.js';
import { createPoolAndClient, expectSdkError } from '../support/server.js';
import { PROGRAMS_TEST_TIMEOUT_MS, runProgram, SCRIPT_TIMEOUT_MS } from '../support/programs.js';


describe('startKognito()', () => {
  let k: Kognito;
  let sdk: CognitoIdentityProviderClient;
  beforeAll(async () => {
    k = await startKognito({ fixedCode: '123456' });
    sdk = new CognitoIdentityProviderClient({ endpoint: k.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    sdk.destroy();
    await k.stop();
  });

  it('listens on a free port of 127.0.0.1 and says so in url and port', async () => {
    expect(k.url).toBe(`http://127.0.0.1:${k.port}`);
    expect(k.port).toBeGreaterThan(0);
    expect(await (await fetch(`${k.url}/_kognito/health`)).json()).toEqual({ status: 'ok' });
  });

  it('with fixedCode, every code sent is that value; messages() and lastCode() show it; the clock expires it', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(sdk);
    const signUp = (Username: string) => sdk.send(new SignUpCommand({ ClientId: clientId, Username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }] }));
    await signUp('ann');
    await signUp('bob');
    expect(k.lastCode(userPoolId, 'ann')).toBe('123456');
    expect(k.lastCode(userPoolId, 'nobody')).toBeUndefined();
    expect(k.messages({ userPoolId }).map((m) => [m.username, m.kind, m.code])).toEqual([
      ['ann', 'SIGN_UP', '123456'],
      ['bob', 'SIGN_UP', '123456'],
    ]);
    expect(k.messages({ username: 'bob@example.com' })).toHaveLength(1);
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann', ConfirmationCode: '123456' }));

    k.clock.advance(25 * 3600);
    await expectSdkError(sdk, new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: '123456' }), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    k.clock.reset();
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: '123456' }));
  });

  it('reset() forgets pools and messages', async () => {
    await createPoolAndClient(sdk);
    await k.reset();
    expect(k.messages()).toEqual([]);
    expect(await (await fetch(`${k.url}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' }, body: '{"MaxResults":5}' })).json()).toEqual({ UserPools: [] });
  });

  it('rejects bad options with a ConfigError naming the option', async () => {
    await expect(startKognito({ fixedCode: '12345' })).rejects.toThrow(new ConfigError("fixedCode must be six digits like 123456, got '12345'"));
    await expect(startKognito({ logLevel: 'loud' as never })).rejects.toBeInstanceOf(ConfigError);
    await expect(startKognito({ port: k.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('50 starts and stops in one process', () => {
  it('leave no active handle and no memory behind (the built package, node --expose-gc)', async () => {
    const script = fileURLToPath(new URL('../support/startStopLoop.mjs', import.meta.url));
    const run = await runProgram(process.execPath, ['--expose-gc', script, '50'], { timeoutMs: SCRIPT_TIMEOUT_MS });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { msPerCycle: number; before: { resources: string[]; heapUsed: number }; after: { resources: string[]; heapUsed: number } };
    expect(result.after.resources).toEqual(result.before.resources);
    // A server kept alive by a reference costs ~230 KB a cycle here; what is left after 50 clean cycles is
    // warm-up (bounded, ~15 KB a cycle, less the more cycles run).
    const perCycleKb = (result.after.heapUsed - result.before.heapUsed) / 50 / 1024;
    expect(perCycleKb).toBeLessThan(60);
    console.log(`startKognito: 50 start/stop cycles, ${result.msPerCycle.toFixed(0)} ms each, heap ${perCycleKb.toFixed(1)} KB/cycle, handles ${JSON.stringify(result.after.resources)}`);
  }, PROGRAMS_TEST_TIMEOUT_MS);
});
