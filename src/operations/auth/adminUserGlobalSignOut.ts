import type { Context } from '../../context.js';
import { findAdminUser } from '../../domain/users.js';
import { signOutEverywhere } from './globalSignOut.js';

export default function adminUserGlobalSignOut(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  signOutEverywhere(ctx, user);
  return {};
}
