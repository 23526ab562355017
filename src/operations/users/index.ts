/** Users, as administrators and users themselves see them. */
import type { AnyOperation } from '../registry.js';
import adminCreateUser from './adminCreateUser.js';
import adminDeleteUser from './adminDeleteUser.js';
import adminGetUser from './adminGetUser.js';
import getUser from './getUser.js';
import listUsers from './listUsers.js';

export const usersOperations: Record<string, AnyOperation> = {
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminGetUser: adminGetUser,
  GetUser: getUser,
  ListUsers: listUsers,
};
