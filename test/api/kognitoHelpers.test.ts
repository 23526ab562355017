/** /_kognito helpers for clients without a TOTP or SRP library: the last code, the TOTP code, a device verifier. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { advanceClock, createPoolAndClient, messages, startServer, type TestServer } from '../support/server.js';
import { generateDeviceVerifier } from '../support/srpClient.js';
import { totpCodeForStep, newSecretCode } from '../../src/domain/totp.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const get = async (path: string) => {
  const response = await fetch(`${t.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('GET /_kognito/code', () => {
  it('answers the last code sent to the user as plain text, 404 when none, 400 without both filters', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    expect(JSON.parse((await get(`/_kognito/code?userPoolId=${userPoolId}`)).text)).toEqual({
      __type: 'InvalidParameterException',
      message: 'Query must name userPoolId and username.',
    });
    const none = await get(`/_kognito/code?userPoolId=${userPoolId}&username=nobody`);
    expect(none.status).toBe(404);
    expect(JSON.parse(none.text).__type).toBe('ResourceNotFoundException');

    await t.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'ann', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] }));
    const code = await get(`/_kognito/code?userPoolId=${userPoolId}&username=ann`);
    expect(code.status).toBe(200);
    expect(code.type).toMatch(/^text\/plain/);
    expect(code.text).toMatch(/^\d{6}$/);
    expect(code.text).toBe((await messages(t.url, userPoolId, 'ann')).at(-1)!.code);
  });
});

describe('GET /_kognito/totp', () => {
  it("gives the authenticator app's code at kognito's clock, and follows the clock when it moves", async () => {
    const secret = newSecretCode();
    const at = (offsetMs: number) => [-1, 0].map((late) => totpCodeForStep(secret, Math.floor((Date.now() + offsetMs) / 30_000) + late));
    const now = await get(`/_kognito/totp?secret=${secret}`);
    expect(now.type).toMatch(/^text\/plain/);
    expect(at(0)).toContain(now.text);
    await advanceClock(t.url, 3600);
    try {
      expect(at(3_600_000)).toContain((await get(`/_kognito/totp?secret=${secret}`)).text);
    } finally {
      await fetch(`${t.url}/_kognito/clock`, { method: 'DELETE' });
    }
  });

  it('refuses a missing or non-base32 secret with a JSON 400', async () => {
    for (const query of ['', '?secret=', '?secret=not-base32!']) {
      const response = await get(`/_kognito/totp${query}`);
      expect(response.status, query).toBe(400);
      expect(JSON.parse(response.text).__type).toBe('InvalidParameterException');
    }
  });
});

describe('POST /_kognito/device-verifier', () => {
  it('makes the verifier amazon-cognito-identity-js would make for the same keys, password and salt', async () => {
    const body = { DeviceGroupKey: '-Xk3pQ9aZ', DeviceKey: 'us-east-1_0b7f3c1e-1111-4222-8333-444455556666', Password: 'my-device-password' };
    const response = await fetch(`${t.url}/_kognito/device-verifier`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    const config = (await response.json()) as { PasswordVerifier: string; Salt: string };
    expect(Object.keys(config).sort()).toEqual(['PasswordVerifier', 'Salt']);
    const saltHex = Buffer.from(config.Salt, 'base64').toString('hex');
    expect(config.PasswordVerifier).toBe(generateDeviceVerifier(body.DeviceGroupKey, body.DeviceKey, { devicePassword: body.Password, saltHex }).PasswordVerifier);
  });

  it('refuses a body without the three strings with a JSON 400', async () => {
    for (const body of ['', 'not json', '{"DeviceGroupKey":"-a","DeviceKey":"k"}', '{"DeviceGroupKey":"-a","DeviceKey":"k","Password":7}']) {
      const response = await fetch(`${t.url}/_kognito/device-verifier`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('InvalidParameterException');
    }
  });
});
