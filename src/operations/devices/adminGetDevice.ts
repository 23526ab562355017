import type { Context } from '../../context.js';
import { deviceType, userDevice } from '../../domain/devices.js';
import { findAdminUser } from '../../domain/users.js';

export default function adminGetDevice(input: { UserPoolId: string; Username: string; DeviceKey: string }, ctx: Context) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  return { Device: deviceType(pool, userDevice(ctx, user, input.DeviceKey)) };
}
