import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';

/**
 * The signed-in user deletes themselves, with everything of theirs (devices, tokens, sign-ins in
 * progress, password history, events). Their access token then answers "User does not exist.".
 */
export default async function deleteUser(input: { AccessToken: string }, ctx: Context) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  ctx.store.transaction(() => ctx.store.users.delete(user));
  return {};
}
