/**
 * Amplify v6 device tracking against a real listening kognito: the device Amplify confirms on its own,
 * rememberDevice / fetchDevices / forgetDevice, and a remembered device that spares TOTP MFA when the pool
 * says ChallengeRequiredOnNewDevice (spec: srp-and-devices.md B.1, B.8; totp-mfa.md C.7).
 * Amplify's state is per process: this file only.
 */
import { describe, expect, it } from 'vitest';
import { AdminForgetDeviceCommand, AdminGetDeviceCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  rememberDevice,
  setUpTOTP,
  signIn,
  signOut,
  signUp,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { createPoolAndClient, lastCode, type TestServer } from '../support/server.js';
import { amplifyDeviceName, configureAmplify, type MemoryKeyValueStorage } from '../support/amplify.js';
import { withServerAndWire, type WireLog } from '../support/wireLog.js';
import { freshTotpCode } from '../support/authenticatorApp.js';
import { verifyWithPoolJwks } from '../support/jwt.js';

const PASSWORD = 'Corr3ct-Horse!';

let server: TestServer;
let wire: WireLog;
withServerAndWire((started, log) => {
  server = started;
  wire = log;
});

async function accessClaims(userPoolId: string) {
  const { tokens } = await fetchAuthSession();
  return verifyWithPoolJwks(server.url, userPoolId, tokens!.accessToken.toString());
}

/**
 * A device-tracking pool (opt-in remembering) with TOTP MFA, and a user who has signed in once on this
 * "device" (Amplify confirmed it) and has a software token; returns signed out, with the TOTP secret.
 */
async function userWithConfirmedDeviceAndTotp(username: string, mfa: 'OPTIONAL' | 'ON') {
  const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  });
  await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: mfa, SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const storage = configureAmplify(server.url, userPoolId, clientId);
  await signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } });
  await confirmSignUp({ username, confirmationCode: await lastCode(server.url, userPoolId, username) });
  wire.clear();

  let secret: string;
  if (mfa === 'OPTIONAL') {
    await expect(signIn({ username, password: PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
    secret = (await setUpTOTP()).sharedSecret;
    await verifyTOTPSetup({ code: await freshTotpCode(server, secret) });
    await updateMFAPreference({ totp: 'PREFERRED' });
  } else {
    const started = await signIn({ username, password: PASSWORD });
    expect(started.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    secret = (started.nextStep as { totpSetupDetails: { sharedSecret: string } }).totpSetupDetails.sharedSecret;
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, secret) })).resolves.toMatchObject({ isSignedIn: true });
  }
  // Amplify confirmed the device it was handed, on its own, with the fresh access token.
  const confirmDevice = wire.calls.find((c) => c.operation === 'ConfirmDevice');
  expect(confirmDevice).toMatchObject({ status: 200, request: { DeviceName: amplifyDeviceName() }, response: { UserConfirmationNecessary: true } });
  const deviceKey = storage.find('.deviceKey');
  expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
  expect(confirmDevice!.request.DeviceKey).toBe(deviceKey);
  expect((await accessClaims(userPoolId)).device_key).toBe(deviceKey);
  await signOut();
  wire.clear();
  return { userPoolId, clientId, storage, secret, deviceKey: deviceKey! };
}

describe.each(['OPTIONAL', 'ON'] as const)('Amplify v6: remembered devices in a pool with TOTP MFA %s', (mfa) => {
  it('asks TOTP on a device not yet remembered, then spares it once rememberDevice; forgetDevice brings it back', async () => {
    const username = `user-${mfa.toLowerCase()}`;
    const { userPoolId, storage, secret, deviceKey } = await userWithConfirmedDeviceAndTotp(username, mfa);

    // Confirmed but not remembered (opt-in pool): MFA is still asked, then the device proves itself.
    await expect(signIn({ username, password: PASSWORD })).resolves.toMatchObject({ nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, secret) })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    expect((await accessClaims(userPoolId)).device_key).toBe(deviceKey);

    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((d) => d.id)).toEqual([deviceKey]);
    expect(devices[0]).toMatchObject({ name: amplifyDeviceName(), attributes: { device_name: amplifyDeviceName(), 'dev:device_remembered_status': 'remembered' } });
    expect(devices[0].createDate).toBeInstanceOf(Date);
    expect(Math.abs(devices[0].createDate!.getTime() - server.server.ctx.clock.now())).toBeLessThan(10 * 60_000);
    await signOut();
    wire.clear();

    // Remembered: the device answers instead of the TOTP code.
    await expect(signIn({ username, password: PASSWORD })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.steps()).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    expect(wire.calls[3].response.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
    expect((await accessClaims(userPoolId)).device_key).toBe(deviceKey);

    await forgetDevice();
    await expect(fetchDevices()).resolves.toEqual([]);
    expect(storage.find('.deviceKey')).toBeUndefined();
    await expect(server.sdk.send(new AdminGetDeviceCommand({ UserPoolId: userPoolId, Username: username, DeviceKey: deviceKey }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    await signOut();
    wire.clear();

    // Forgotten: TOTP is asked again and the sign-in ends with a brand-new device.
    await expect(signIn({ username, password: PASSWORD })).resolves.toMatchObject({ nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });
    await expect(confirmSignIn({ challengeResponse: await freshTotpCode(server, secret) })).resolves.toMatchObject({ isSignedIn: true });
    const newDevice = wire.calls.find((c) => c.response.AuthenticationResult)?.response.AuthenticationResult.NewDeviceMetadata;
    expect(newDevice?.DeviceKey).toMatch(/^us-east-1_/);
    expect(newDevice.DeviceKey).not.toBe(deviceKey);
    expect(storage.find('.deviceKey')).toBe(newDevice.DeviceKey);
    await signOut();
  });
});

describe('Amplify v6: device tracking without MFA', () => {
  it('signs in through device SRP with a remembered device and refuses a tampered device password', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const storage: MemoryKeyValueStorage = configureAmplify(server.url, userPoolId, clientId);
    await signUp({ username: 'gina', password: PASSWORD, options: { userAttributes: { email: 'gina@example.com' } } });
    await confirmSignUp({ username: 'gina', confirmationCode: await lastCode(server.url, userPoolId, 'gina') });
    await signIn({ username: 'gina', password: PASSWORD });
    // "Always remember" pool: ConfirmDevice needs no user confirmation and the device is listed at once.
    expect(wire.calls.find((c) => c.operation === 'ConfirmDevice')?.response).toEqual({ UserConfirmationNecessary: false });
    const deviceKey = storage.find('.deviceKey');
    expect((await fetchDevices()).map((d) => d.id)).toEqual([deviceKey]);
    await signOut();
    wire.clear();

    await expect(signIn({ username: 'gina', password: PASSWORD })).resolves.toMatchObject({ isSignedIn: true });
    expect(wire.steps().slice(-2)).toEqual(['RespondToAuthChallenge:DEVICE_SRP_AUTH', 'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER']);
    expect((await accessClaims(userPoolId)).device_key).toBe(deviceKey);
    await signOut();
    wire.clear();

    const passwordKey = [...storage.items.keys()].find((key) => key.endsWith('.randomPasswordKey'))!;
    await storage.setItem(passwordKey, Buffer.alloc(40, 7).toString('base64'));
    await expect(signIn({ username: 'gina', password: PASSWORD })).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect(wire.calls.at(-1)).toMatchObject({ operation: 'RespondToAuthChallenge', status: 400, request: { ChallengeName: 'DEVICE_PASSWORD_VERIFIER' } });
    void clientId;
  });
});

describe('Amplify v6: a device forgotten elsewhere', () => {
  it('answers the stale DEVICE_KEY with "Device does not exist.", keeps the Session for the retry, and Amplify ends with a new device', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(server.sdk, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const storage = configureAmplify(server.url, userPoolId, clientId);
    await signUp({ username: 'hugo', password: PASSWORD, options: { userAttributes: { email: 'hugo@example.com' } } });
    await confirmSignUp({ username: 'hugo', confirmationCode: await lastCode(server.url, userPoolId, 'hugo') });
    await signIn({ username: 'hugo', password: PASSWORD });
    const stale = storage.find('.deviceKey')!;
    await signOut();
    await server.sdk.send(new AdminForgetDeviceCommand({ UserPoolId: userPoolId, Username: 'hugo', DeviceKey: stale }));
    wire.clear();

    await expect(signIn({ username: 'hugo', password: PASSWORD })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(wire.calls.map((c) => [c.operation, c.request.ChallengeName ?? c.request.AuthFlow, c.status, c.response.__type, c.response.message])).toEqual([
      ['InitiateAuth', 'USER_SRP_AUTH', 200, undefined, undefined],
      ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 400, 'ResourceNotFoundException', 'Device does not exist.'],
      ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 200, undefined, undefined],
      ['ConfirmDevice', undefined, 200, undefined, undefined],
    ]);
    expect(wire.calls[1].request.ChallengeResponses.DEVICE_KEY).toBe(stale);
    expect(wire.calls[2].request.Session).toBe(wire.calls[1].request.Session);
    expect(wire.calls[2].request.ChallengeResponses).not.toHaveProperty('DEVICE_KEY');
    const fresh = storage.find('.deviceKey');
    expect(fresh).toMatch(/^us-east-1_/);
    expect(fresh).not.toBe(stale);
    expect((await accessClaims(userPoolId)).device_key).toBe(fresh);
    await signOut();
  });
});
