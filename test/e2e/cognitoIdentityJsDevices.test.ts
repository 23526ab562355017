/**
 * amazon-cognito-identity-js 6.x device tracking against a real listening kognito: the device the library
 * confirms itself, remembering, listing, DEVICE_SRP_AUTH on the next sign-in, forgetting
 * (spec: srp-and-devices.md B.3-B.8), and recovery from a device forgotten elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { AdminForgetDeviceCommand, AdminGetDeviceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createPoolAndClient, type TestServer } from '../support/server.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { verifyWithPoolJwks } from '../support/jwt.js';
import {
  MemoryStorage,
  authenticateUser,
  cachedDevice,
  cognitoUser,
  forgetDevice,
  listDevices,
  setDeviceStatusRemembered,
  userPool,
  refreshSession,
  registerUser,
  tokensOf,
} from '../support/cognitoIdentityJs.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

describe('amazon-cognito-identity-js: remembered devices', () => {
  it('confirms the new device itself, remembers and lists it, signs in again through DEVICE_SRP_AUTH, then forgets it', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    const storage = new MemoryStorage();
    const pool = userPool(server.url, userPoolId, clientId, storage);
    await registerUser(pool, server.url, 'erin', PASSWORD);
    wire.clear();

    // First sign-in: tokens + NewDeviceMetadata, and the library calls ConfirmDevice on its own.
    const first = cognitoUser(pool, 'erin');
    const firstOutcome = await authenticateUser(first, PASSWORD);
    expect(firstOutcome).toMatchObject({ kind: 'success', userConfirmationNecessary: true });
    expect(wire.steps()).toEqual(['InitiateAuth:USER_SRP_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
    const device = cachedDevice(storage, clientId, 'erin');
    expect(device.deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    const issued = wire.calls[1].response.AuthenticationResult;
    expect(issued.NewDeviceMetadata).toEqual({ DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey });
    expect(wire.calls[2].response).toEqual({ UserConfirmationNecessary: true });
    const firstAccess = await verifyWithPoolJwks(server.url, userPoolId, tokensOf(firstOutcome).getAccessToken().getJwtToken());
    expect(firstAccess.device_key).toBe(device.deviceKey);

    await expect(setDeviceStatusRemembered(first)).resolves.toBe('SUCCESS');
    const listed = await listDevices(first);
    expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([device.deviceKey]);
    const attributes = Object.fromEntries(listed.Devices[0].DeviceAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
    // amazon-cognito-identity-js names the device navigator.userAgent where there is one (Node 21+), else 'nodejs'
    const deviceName = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? 'nodejs';
    expect(attributes).toMatchObject({ device_name: deviceName, 'dev:device_remembered_status': 'remembered' });
    expect(typeof listed.Devices[0].DeviceCreateDate).toBe('number');
    wire.clear();

    // Second sign-in from the same storage: the cached device answers DEVICE_SRP_AUTH, no new device.
    const second = cognitoUser(pool, 'erin');
    const secondSession = tokensOf(await authenticateUser(second, PASSWORD));
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    expect(wire.calls[1].request.ChallengeResponses.DEVICE_KEY).toBe(device.deviceKey);
    expect(wire.calls[1].response.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect(wire.calls[3].response.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
    const secondAccess = await verifyWithPoolJwks(server.url, userPoolId, secondSession.getAccessToken().getJwtToken());
    expect(secondAccess.device_key).toBe(device.deviceKey);

    await expect(forgetDevice(second)).resolves.toBe('SUCCESS');
    expect(cachedDevice(storage, clientId, 'erin').deviceKey).toBeNull();
    await expect(server.sdk.send(new AdminGetDeviceCommand({ UserPoolId: userPoolId, Username: 'erin', DeviceKey: device.deviceKey! }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
  });

  it('refuses a device proof made with the wrong device password with NotAuthorizedException', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const storage = new MemoryStorage();
    const pool = userPool(server.url, userPoolId, clientId, storage);
    await registerUser(pool, server.url, 'frank', PASSWORD);
    tokensOf(await authenticateUser(cognitoUser(pool, 'frank'), PASSWORD));
    const key = `CognitoIdentityServiceProvider.${clientId}.frank.randomPasswordKey`;
    expect(storage.getItem(key)).toBeTruthy();
    storage.setItem(key, Buffer.alloc(40, 7).toString('base64'));
    wire.clear();

    await expect(authenticateUser(cognitoUser(pool, 'frank'), PASSWORD)).rejects.toMatchObject({ code: 'NotAuthorizedException' });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    expect(wire.calls[3].status).toBe(400);
  });
});

describe('amazon-cognito-identity-js: device-bound sessions', () => {
  it('refreshSession sends the cached DEVICE_KEY and the refreshed access token keeps that device_key', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const storage = new MemoryStorage();
    const pool = userPool(server.url, userPoolId, clientId, storage);
    await registerUser(pool, server.url, 'hana', PASSWORD);
    const user = cognitoUser(pool, 'hana');
    const session = tokensOf(await authenticateUser(user, PASSWORD));
    const { deviceKey } = cachedDevice(storage, clientId, 'hana');
    wire.clear();

    const refreshed = await refreshSession(user, session.getRefreshToken());
    expect(wire.calls.map((c) => [c.operation, c.request.AuthFlow, c.request.AuthParameters?.DEVICE_KEY, c.status])).toEqual([
      ['InitiateAuth', 'REFRESH_TOKEN_AUTH', deviceKey, 200],
    ]);
    const access = await verifyWithPoolJwks(server.url, userPoolId, refreshed.getAccessToken().getJwtToken());
    expect(access).toMatchObject({ username: 'hana', device_key: deviceKey });
  });
});

describe('amazon-cognito-identity-js: a device forgotten elsewhere', () => {
  it('retries PASSWORD_VERIFIER on the same Session with DEVICE_KEY: null after "Device does not exist." and ends with a new device', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const storage = new MemoryStorage();
    const pool = userPool(server.url, userPoolId, clientId, storage);
    await registerUser(pool, server.url, 'ivan', PASSWORD);
    tokensOf(await authenticateUser(cognitoUser(pool, 'ivan'), PASSWORD));
    const stale = cachedDevice(storage, clientId, 'ivan').deviceKey!;
    expect(stale).toMatch(/^us-east-1_/);
    // Forgotten by an administrator (or another app): this storage still holds the device.
    await server.sdk.send(new AdminForgetDeviceCommand({ UserPoolId: userPoolId, Username: 'ivan', DeviceKey: stale }));
    wire.clear();

    const outcome = await authenticateUser(cognitoUser(pool, 'ivan'), PASSWORD);
    expect(outcome.kind).toBe('success');
    expect(wire.calls.map((c) => [c.operation, c.request.ChallengeName ?? c.request.AuthFlow, c.status, c.response.__type, c.response.message])).toEqual([
      ['InitiateAuth', 'USER_SRP_AUTH', 200, undefined, undefined],
      ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 400, 'ResourceNotFoundException', 'Device does not exist.'],
      ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 200, undefined, undefined],
      ['ConfirmDevice', undefined, 200, undefined, undefined],
    ]);
    const [, refused, retried, confirmed] = wire.calls;
    expect(refused.request.ChallengeResponses.DEVICE_KEY).toBe(stale);
    // The library resends the same answer on the same Session, with the device key explicitly null.
    expect(retried.request.Session).toBe(refused.request.Session);
    expect(retried.request.ChallengeResponses).toHaveProperty('DEVICE_KEY', null);
    expect(retried.request.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE).toBe(refused.request.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE);

    const issued = retried.response.AuthenticationResult.NewDeviceMetadata;
    expect(issued.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    expect(issued.DeviceKey).not.toBe(stale);
    // "Always remember" pool: the new device needs no confirmation by the user.
    expect(confirmed).toMatchObject({ request: { DeviceKey: issued.DeviceKey }, response: { UserConfirmationNecessary: false } });
    expect(cachedDevice(storage, clientId, 'ivan')).toMatchObject({ deviceKey: issued.DeviceKey, deviceGroupKey: issued.DeviceGroupKey });
    const access = await verifyWithPoolJwks(server.url, userPoolId, tokensOf(outcome).getAccessToken().getJwtToken());
    expect(access).toMatchObject({ username: 'ivan', device_key: issued.DeviceKey });
    await expect(server.sdk.send(new AdminGetDeviceCommand({ UserPoolId: userPoolId, Username: 'ivan', DeviceKey: issued.DeviceKey }))).resolves.toMatchObject({
      Device: { DeviceKey: issued.DeviceKey },
    });
  });
});
