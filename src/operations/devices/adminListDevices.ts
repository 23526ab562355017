import type { Context } from '../../context.js';
import { listDevices } from '../../domain/devices.js';
import { findAdminUser } from '../../domain/users.js';

/** AdminListDevices: every confirmed device of the user, remembered or not. */
export default function adminListDevices(
  input: { UserPoolId: string; Username: string; Limit?: number; PaginationToken?: string },
  ctx: Context,
) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  return listDevices(ctx, pool, user, input, false);
}
