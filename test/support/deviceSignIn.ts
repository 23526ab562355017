/**
 * A remembered device over the wire: the first SRP sign-in's NewDeviceMetadata confirmed as the JS
 * clients do (ConfirmDevice with a verifier), and a later DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER.
 */
import { expect } from 'vitest';
import { ConfirmDeviceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { call, type TestServer } from './server.js';
import { srpSignIn, type SrpUser } from './srpSignIn.js';
import { clientTimestamp, devicePasswordClaim, generateDeviceVerifier, generateSrpA } from './srpClient.js';

export interface RememberedDevice {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

/** First sign-in on a device: tokens + NewDeviceMetadata, then ConfirmDevice as the JS clients do. */
export async function rememberDevice(t: TestServer, user: SrpUser) {
  const first = await srpSignIn(t.sdk, user);
  const { DeviceKey, DeviceGroupKey } = first.AuthenticationResult!.NewDeviceMetadata!;
  const verifier = generateDeviceVerifier(DeviceGroupKey!, DeviceKey!);
  const confirmed = await t.sdk.send(
    new ConfirmDeviceCommand({
      AccessToken: first.AuthenticationResult!.AccessToken,
      DeviceKey,
      DeviceName: 'test-device',
      DeviceSecretVerifierConfig: { PasswordVerifier: verifier.PasswordVerifier, Salt: verifier.Salt },
    }),
  );
  const device: RememberedDevice = { deviceKey: DeviceKey!, deviceGroupKey: DeviceGroupKey!, devicePassword: verifier.devicePassword };
  return { first, confirmed, device, verifier };
}

/** DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER with the device's password; `session` undefined = pycognito style. */
export async function deviceSrpSignIn(t: TestServer, user: SrpUser, device: RememberedDevice, session: string | undefined, devicePassword = device.devicePassword) {
  const ephemeral = generateSrpA();
  const srpAuth = await call(t.url, 'RespondToAuthChallenge', {
    ClientId: user.clientId,
    ChallengeName: 'DEVICE_SRP_AUTH',
    ...(session ? { Session: session } : {}),
    ChallengeResponses: { USERNAME: user.username, DEVICE_KEY: device.deviceKey, SRP_A: ephemeral.A },
  });
  expect(srpAuth.body.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
  const p = srpAuth.body.ChallengeParameters;
  const timestamp = clientTimestamp();
  const claim = devicePasswordClaim({
    deviceGroupKey: device.deviceGroupKey,
    deviceKey: device.deviceKey,
    devicePassword,
    ephemeral,
    SALT: p.SALT,
    SRP_B: p.SRP_B,
    SECRET_BLOCK: p.SECRET_BLOCK,
    TIMESTAMP: timestamp,
  });
  const verified = await call(t.url, 'RespondToAuthChallenge', {
    ClientId: user.clientId,
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    ...(session ? { Session: srpAuth.body.Session } : {}),
    ChallengeResponses: {
      USERNAME: p.USERNAME,
      PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: claim.signature,
      DEVICE_KEY: device.deviceKey,
    },
  });
  return { srpAuth, verified };
}

