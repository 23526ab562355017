import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  AdminGetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, createPoolAndClient, startServer, type TestServer } from '../support/server.js';
import { confirmedUser, passwordVerifierResponses, srpSignIn, startSrpSignIn, type SrpUser } from '../support/srpSignIn.js';
import { generateDeviceVerifier } from '../support/srpClient.js';
import { deviceSrpSignIn, rememberDevice, type RememberedDevice } from '../support/deviceSignIn.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ALWAYS = { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } };
const OPT_IN = { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } };

let n = 0;
async function newUser(pool: Record<string, unknown> = ALWAYS): Promise<SrpUser> {
  const { userPoolId, clientId } = await createPoolAndClient(t.sdk, pool);
  const user = { userPoolId, clientId, username: `dev${++n}`, password: 'Passw0rd!' };
  await confirmedUser(t.sdk, user);
  return user;
}

const signInAndConfirm = (user: SrpUser) => rememberDevice(t, user);
const deviceSrp = (user: SrpUser, device: RememberedDevice, session: string | undefined, devicePassword = device.devicePassword) =>
  deviceSrpSignIn(t, user, device, session, devicePassword);

describe('device tracking through the SDK v3', () => {
  it('remembers a device: NewDeviceMetadata -> ConfirmDevice -> DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER -> tokens with device_key', async () => {
    const user = await newUser();
    const { first, confirmed, device, verifier } = await signInAndConfirm(user);
    expect(device.deviceKey).toMatch(/^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(device.deviceGroupKey).toMatch(/^-[A-Za-z0-9]+$/);
    expect(decodeJwt(first.AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);
    expect(confirmed.UserConfirmationNecessary).toBe(false);

    // Second sign-in, as amazon-cognito-identity-js: DEVICE_KEY with the PASSWORD_VERIFIER answer.
    const second = await srpSignIn(t.sdk, user, { DEVICE_KEY: device.deviceKey });
    expect(second.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect(second.ChallengeParameters).toEqual({});
    expect(second.AuthenticationResult).toBeUndefined();
    expect(second.Session).toMatch(/^AYABe[A-Za-z0-9_-]{80,}$/);

    const { srpAuth, verified } = await deviceSrp(user, device, second.Session);
    expect(srpAuth.body.ChallengeParameters.SALT).toBe(Buffer.from(verifier.Salt, 'base64').toString('hex'));
    expect(srpAuth.body.ChallengeParameters.USERNAME).toBe(user.username);
    expect(srpAuth.body.ChallengeParameters.DEVICE_KEY).toBe(device.deviceKey);
    expect(verified.status).toBe(200);
    const result = verified.body.AuthenticationResult;
    expect(result.NewDeviceMetadata).toBeUndefined();
    expect(verified.body.ChallengeParameters).toEqual({});
    expect(decodeJwt(result.AccessToken).device_key).toBe(device.deviceKey);

    // Refresh is bound to the device.
    const refreshed = await t.sdk.send(
      new InitiateAuthCommand({ ClientId: user.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: result.RefreshToken, DEVICE_KEY: device.deviceKey } }),
    );
    expect(decodeJwt(refreshed.AuthenticationResult!.AccessToken!).device_key).toBe(device.deviceKey);
    const unbound = await call(t.url, 'InitiateAuth', { ClientId: user.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: result.RefreshToken } });
    expect(unbound.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER without Session after USER_PASSWORD_AUTH with DEVICE_KEY (AWS Python example)', async () => {
    const user = await newUser();
    const { device } = await signInAndConfirm(user);
    const started = await call(t.url, 'InitiateAuth', {
      ClientId: user.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password, DEVICE_KEY: device.deviceKey },
    });
    expect(started.body.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const { verified } = await deviceSrp(user, device, undefined);
    expect(verified.status).toBe(200);
    expect(decodeJwt(verified.body.AuthenticationResult.AccessToken).device_key).toBe(device.deviceKey);
  });

  it('refuses a wrong device password with "Incorrect username or password."', async () => {
    const user = await newUser();
    const { device } = await signInAndConfirm(user);
    const second = await srpSignIn(t.sdk, user, { DEVICE_KEY: device.deviceKey });
    const { verified } = await deviceSrp(user, device, second.Session, 'not-the-device-password');
    expect(verified.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('an unknown DEVICE_KEY answers ResourceNotFoundException and leaves the challenge usable for a retry without it', async () => {
    const user = await newUser();
    const { challenge, ephemeral } = await startSrpSignIn(t.sdk, user);
    const responses = passwordVerifierResponses(user, challenge, ephemeral);
    const unknown = await call(t.url, 'RespondToAuthChallenge', {
      ClientId: user.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: { ...responses, DEVICE_KEY: 'us-east-1_00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
    const retried = await t.sdk.send(
      new RespondToAuthChallengeCommand({ ClientId: user.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: challenge.Session, ChallengeResponses: responses }),
    );
    expect(retried.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toMatch(/^us-east-1_/);
  });

  it('another user\'s device key is "Device does not exist." at sign-in and at ConfirmDevice', async () => {
    const owner = await newUser();
    const { device } = await signInAndConfirm(owner);
    const { userPoolId, clientId } = owner;
    const other = { userPoolId, clientId, username: 'intruder', password: 'Passw0rd!' };
    await confirmedUser(t.sdk, other);
    const atSignIn = await call(t.url, 'InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'intruder', PASSWORD: 'Passw0rd!', DEVICE_KEY: device.deviceKey },
    });
    expect(atSignIn.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
    const signedIn = await srpSignIn(t.sdk, other);
    const v = generateDeviceVerifier(device.deviceGroupKey, device.deviceKey);
    const confirm = await call(t.url, 'ConfirmDevice', {
      AccessToken: signedIn.AuthenticationResult!.AccessToken,
      DeviceKey: device.deviceKey,
      DeviceSecretVerifierConfig: { PasswordVerifier: v.PasswordVerifier, Salt: v.Salt },
    });
    expect(confirm.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
  });

  it('a pool without DeviceConfiguration issues no NewDeviceMetadata and no device_key', async () => {
    const user = await newUser({});
    const done = await srpSignIn(t.sdk, user);
    expect(done.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(done.AuthenticationResult!.AccessToken!).device_key).toBeUndefined();
  });
});

describe('ConfirmDevice errors', () => {
  it('refuses a second confirmation, an unknown key, a bad verifier and a bad token, with Cognito types', async () => {
    const user = await newUser();
    const { first, device } = await signInAndConfirm(user);
    const token = first.AuthenticationResult!.AccessToken!;
    const v = generateDeviceVerifier(device.deviceGroupKey, device.deviceKey);
    const confirm = (body: Record<string, unknown>) => call(t.url, 'ConfirmDevice', { AccessToken: token, DeviceKey: device.deviceKey, ...body });

    const again = await confirm({ DeviceSecretVerifierConfig: { PasswordVerifier: v.PasswordVerifier, Salt: v.Salt } });
    expect(again.status).toBe(400);
    expect(again.body.__type).toBe('DeviceKeyExistsException');

    const unknown = await confirm({ DeviceKey: 'us-east-1_11111111-1111-4111-8111-111111111111', DeviceSecretVerifierConfig: { PasswordVerifier: v.PasswordVerifier, Salt: v.Salt } });
    expect(unknown.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });

    const fresh = await srpSignIn(t.sdk, user);
    const freshKey = fresh.AuthenticationResult!.NewDeviceMetadata!.DeviceKey!;
    for (const config of [undefined, { PasswordVerifier: 'not base64!', Salt: v.Salt }, { PasswordVerifier: v.PasswordVerifier }]) {
      const bad = await call(t.url, 'ConfirmDevice', { AccessToken: fresh.AuthenticationResult!.AccessToken, DeviceKey: freshKey, ...(config ? { DeviceSecretVerifierConfig: config } : {}) });
      expect(bad.status).toBe(400);
      expect(bad.body.__type).toBe('InvalidParameterException');
    }

    const badToken = await call(t.url, 'ConfirmDevice', { AccessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', DeviceKey: freshKey });
    expect(badToken.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });

    // None of the refusals confirmed the fresh device: it still confirms.
    const w = generateDeviceVerifier(fresh.AuthenticationResult!.NewDeviceMetadata!.DeviceGroupKey!, freshKey);
    const ok = await call(t.url, 'ConfirmDevice', { AccessToken: fresh.AuthenticationResult!.AccessToken, DeviceKey: freshKey, DeviceSecretVerifierConfig: { PasswordVerifier: w.PasswordVerifier, Salt: w.Salt } });
    expect(ok.body).toEqual({ UserConfirmationNecessary: false });
  });
});

describe('device management', () => {
  it('opt-in pool: UserConfirmationNecessary, hidden from ListDevices until remembered, visible to AdminGetDevice', async () => {
    const user = await newUser(OPT_IN);
    const { first, confirmed, device } = await signInAndConfirm(user);
    expect(confirmed.UserConfirmationNecessary).toBe(true);
    const token = first.AuthenticationResult!.AccessToken!;
    expect((await t.sdk.send(new ListDevicesCommand({ AccessToken: token, Limit: 60 }))).Devices).toEqual([]);
    const admin = await t.sdk.send(new AdminGetDeviceCommand({ UserPoolId: user.userPoolId, Username: user.username, DeviceKey: device.deviceKey }));
    const attrs = Object.fromEntries(admin.Device!.DeviceAttributes!.map((a) => [a.Name, a.Value]));
    expect(attrs['dev:device_remembered_status']).toBe('not_remembered');
    const hidden = await call(t.url, 'GetDevice', { AccessToken: token, DeviceKey: device.deviceKey });
    expect(hidden.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });

    await t.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: device.deviceKey, DeviceRememberedStatus: 'remembered' }));
    const listed = await call(t.url, 'ListDevices', { AccessToken: token, Limit: 60 });
    expect(listed.body.Devices).toHaveLength(1);
    const d = listed.body.Devices[0];
    expect(d.DeviceKey).toBe(device.deviceKey);
    expect(typeof d.DeviceCreateDate).toBe('number');
    expect(typeof d.DeviceLastModifiedDate).toBe('number');
    expect(typeof d.DeviceLastAuthenticatedDate).toBe('number');
    const got = Object.fromEntries(d.DeviceAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
    expect(got).toMatchObject({
      device_status: 'valid',
      device_name: 'test-device',
      'dev:device_remembered_status': 'remembered',
      'dev:device_owner': `${user.username}.${user.userPoolId}`,
      'dev:device_arn': `arn:aws:cognito-idp:us-east-1:000000000000:owner/${user.username}.${user.userPoolId}/device/${device.deviceKey}`,
      last_ip_used: '127.0.0.1',
    });
  });

  it('ListDevices pages with Limit and PaginationToken; AdminListDevices sees the same devices', async () => {
    const user = await newUser();
    const keys: string[] = [];
    let token = '';
    for (let i = 0; i < 3; i++) {
      const { first, device } = await signInAndConfirm(user);
      keys.push(device.deviceKey);
      token = first.AuthenticationResult!.AccessToken!;
    }
    const page1 = await call(t.url, 'ListDevices', { AccessToken: token, Limit: 2 });
    expect(page1.body.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual(keys.slice(0, 2));
    expect(page1.body.PaginationToken).toBeTruthy();
    const page2 = await call(t.url, 'ListDevices', { AccessToken: token, Limit: 2, PaginationToken: page1.body.PaginationToken });
    expect(page2.body.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toEqual(keys.slice(2));
    expect(page2.body.PaginationToken).toBeUndefined();
    const admin = await call(t.url, 'AdminListDevices', { UserPoolId: user.userPoolId, Username: user.username });
    expect(admin.body.Devices).toHaveLength(3);
    const tooMany = await call(t.url, 'ListDevices', { AccessToken: token, Limit: 61 });
    expect(tooMany.body.__type).toBe('InvalidParameterException');
  });

  it('ForgetDevice: the key is gone from GetDevice, refresh and sign-in', async () => {
    const user = await newUser();
    const { device } = await signInAndConfirm(user);
    const second = await srpSignIn(t.sdk, user, { DEVICE_KEY: device.deviceKey });
    const { verified } = await deviceSrp(user, device, second.Session);
    const { AccessToken, RefreshToken } = verified.body.AuthenticationResult;
    expect((await call(t.url, 'GetDevice', { AccessToken, DeviceKey: device.deviceKey })).status).toBe(200);
    expect((await call(t.url, 'ForgetDevice', { AccessToken, DeviceKey: device.deviceKey })).body).toEqual({});
    expect((await call(t.url, 'GetDevice', { AccessToken, DeviceKey: device.deviceKey })).body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    const refresh = await call(t.url, 'InitiateAuth', {
      ClientId: user.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: RefreshToken, DEVICE_KEY: device.deviceKey },
    });
    expect(refresh.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    const stale = await call(t.url, 'InitiateAuth', {
      ClientId: user.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password, DEVICE_KEY: device.deviceKey },
    });
    expect(stale.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
  });

  it('not_remembered keeps the device tracked: AdminUpdateDeviceStatus, AdminForgetDevice, unknown user', async () => {
    const user = await newUser();
    const { device } = await signInAndConfirm(user);
    const admin = { UserPoolId: user.userPoolId, Username: user.username, DeviceKey: device.deviceKey };
    expect((await call(t.url, 'AdminUpdateDeviceStatus', { ...admin, DeviceRememberedStatus: 'not_remembered' })).body).toEqual({});
    const got = await call(t.url, 'AdminGetDevice', admin);
    expect(got.body.Device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'not_remembered' });
    const noStatus = await call(t.url, 'AdminUpdateDeviceStatus', admin);
    expect(noStatus.body.__type).toBe('InvalidParameterException');
    const nobody = await call(t.url, 'AdminGetDevice', { ...admin, Username: 'nobody' });
    expect(nobody.body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
    expect((await call(t.url, 'AdminForgetDevice', admin)).body).toEqual({});
    expect((await call(t.url, 'AdminGetDevice', admin)).body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
  });
});
