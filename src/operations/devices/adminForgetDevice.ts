import type { Context } from '../../context.js';
import { userDevice } from '../../domain/devices.js';
import { findAdminUser } from '../../domain/users.js';

export default function adminForgetDevice(input: { UserPoolId: string; Username: string; DeviceKey: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  const device = userDevice(ctx, user, input.DeviceKey, { confirmed: false });
  ctx.store.transaction(() => ctx.store.devices.delete(device.deviceKey));
  return {};
}
