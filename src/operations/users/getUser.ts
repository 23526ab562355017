import type { Context } from '../../context.js';
import { clientMayRead } from '../../domain/attributes.js';
import { verifyAccessTokenWithClient } from '../../domain/tokens.js';
import { attributeList, mfaFields } from '../../domain/users.js';

export default async function getUser(input: { AccessToken: string }, ctx: Context) {
  const { user, client } = await verifyAccessTokenWithClient(ctx, input.AccessToken);
  // Only what the app client may read (its ReadAttributes).
  const UserAttributes = attributeList(user).filter((attribute) => clientMayRead(client, attribute.Name));
  return { Username: user.username, UserAttributes, ...mfaFields(user) };
}
