import type { Context } from '../../context.js';
import { userDevice } from '../../domain/devices.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/** ForgetDevice: the device is gone; its key no longer signs in nor refreshes. */
export default async function forgetDevice(input: { AccessToken?: string; DeviceKey: string }, ctx: Context) {
  // AccessToken is optional in the model, but nothing else names the user: absent is invalid.
  const { user } = await verifyAccessToken(ctx, input.AccessToken ?? '');
  const device = userDevice(ctx, user, input.DeviceKey, { confirmed: false });
  ctx.store.transaction(() => ctx.store.devices.delete(device.deviceKey));
  return {};
}
