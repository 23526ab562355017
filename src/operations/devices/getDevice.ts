import type { Context } from '../../context.js';
import { DEVICE_NOT_FOUND, deviceType, USER_SEES_ONLY_REMEMBERED_DEVICES, userDevice } from '../../domain/devices.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { ResourceNotFound } from '../../protocol/errors.js';

/** GetDevice: one of the signed-in user's remembered devices. */
export default async function getDevice(input: { AccessToken?: string; DeviceKey: string }, ctx: Context) {
  // AccessToken is optional in the model, but nothing else names the user: absent is invalid.
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken ?? '');
  const device = userDevice(ctx, user, input.DeviceKey);
  if (USER_SEES_ONLY_REMEMBERED_DEVICES && !device.remembered) throw ResourceNotFound(DEVICE_NOT_FOUND);
  return { Device: deviceType(pool, device) };
}
