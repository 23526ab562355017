import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { attributeList, mfaFields } from '../../domain/users.js';

export default async function getUser(input: { AccessToken: string }, ctx: Context) {
  const { user } = await verifyAccessToken(ctx, input.AccessToken);
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaFields(user) };
}
