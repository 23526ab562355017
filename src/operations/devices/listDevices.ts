import type { Context } from '../../context.js';
import { listDevices as devicePage, USER_SEES_ONLY_REMEMBERED_DEVICES } from '../../domain/devices.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/** ListDevices: the signed-in user's remembered devices, a page at a time. */
export default async function listDevices(input: { AccessToken: string; Limit?: number; PaginationToken?: string }, ctx: Context) {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
  return devicePage(ctx, pool, user, input, USER_SEES_ONLY_REMEMBERED_DEVICES);
}
