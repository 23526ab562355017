import type { Context } from '../../context.js';
import { deleteAttributes } from '../../domain/attributeUpdates.js';
import { verifyAccessTokenWithClient } from '../../domain/tokens.js';
import { currentUser } from '../../domain/users.js';

/** The signed-in user deletes attributes the app client may write; required and immutable ones stay. */
export default async function deleteUserAttributes(input: { UserAttributeNames: string[]; AccessToken: string }, ctx: Context) {
  const { pool, user, client } = await verifyAccessTokenWithClient(ctx, input.AccessToken);
  deleteAttributes(ctx, pool, currentUser(ctx, user), input.UserAttributeNames, { client });
  return {};
}
