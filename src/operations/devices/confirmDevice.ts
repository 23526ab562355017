import type { Call, Context } from '../../context.js';
import { userDevice } from '../../domain/devices.js';
import { deviceVerifierFromConfig } from '../../domain/srp.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { CognitoError, InvalidParameter } from '../../protocol/errors.js';

/** UNSURE (spec B.4 step 4): the text of DeviceKeyExistsException for a device confirmed twice. */
export const DEVICE_ALREADY_CONFIRMED = 'Device has already been confirmed.';
/** UNSURE (spec B.4 step 5): the text for a missing or undecodable DeviceSecretVerifierConfig. */
export const INVALID_DEVICE_VERIFIER = 'Invalid device secret verifier config.';

export interface ConfirmDeviceInput {
  AccessToken: string;
  DeviceKey: string;
  DeviceSecretVerifierConfig?: { PasswordVerifier?: string; Salt?: string };
  DeviceName?: string;
}

/**
 * ConfirmDevice: the device the last sign-in issued (NewDeviceMetadata) hands over its SRP verifier;
 * from now on it can sign in with DEVICE_SRP_AUTH. Remembered at once unless the pool asks the user.
 */
export default async function confirmDevice(input: ConfirmDeviceInput, ctx: Context, call: Call) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  const device = userDevice(ctx, user, input.DeviceKey, { confirmed: false });
  if (device.confirmed) throw new CognitoError('DeviceKeyExistsException', DEVICE_ALREADY_CONFIRMED);
  const verifier = deviceVerifierFromConfig(input.DeviceSecretVerifierConfig ?? {});
  if (!verifier) throw InvalidParameter(INVALID_DEVICE_VERIFIER);

  const userPrompt = pool.description.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  device.confirmed = true;
  device.remembered = !userPrompt;
  device.salt = verifier.saltHex;
  device.verifier = verifier.verifierHex;
  device.attributes = {
    ...device.attributes,
    ...(input.DeviceName !== undefined ? { device_name: input.DeviceName } : {}),
    ...(call.sourceIp ? { last_ip_used: call.sourceIp } : {}),
  };
  device.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => ctx.store.devices.save(device));
  return { UserConfirmationNecessary: userPrompt };
}
