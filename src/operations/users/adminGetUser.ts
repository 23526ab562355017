import type { Context } from '../../context.js';
import { attributeList, findAdminUser, mfaFields } from '../../domain/users.js';

export default function adminGetUser(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaFields(user),
  };
}
