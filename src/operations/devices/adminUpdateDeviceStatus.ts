import type { Context } from '../../context.js';
import { setRememberedStatus, userDevice } from '../../domain/devices.js';
import { findAdminUser } from '../../domain/users.js';

export default function adminUpdateDeviceStatus(
  input: { UserPoolId: string; Username: string; DeviceKey: string; DeviceRememberedStatus?: string },
  ctx: Context,
) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  setRememberedStatus(ctx, userDevice(ctx, user, input.DeviceKey), input.DeviceRememberedStatus);
  return {};
}
