import type { Context } from '../../context.js';
import { setRememberedStatus, userDevice } from '../../domain/devices.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/** UpdateDeviceStatus: the user remembers (or stops remembering) one of their confirmed devices. */
export default async function updateDeviceStatus(
  input: { AccessToken: string; DeviceKey: string; DeviceRememberedStatus?: string },
  ctx: Context,
) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  setRememberedStatus(ctx, userDevice(ctx, user, input.DeviceKey), input.DeviceRememberedStatus);
  return {};
}
