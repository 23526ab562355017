/** Users, as administrators and users themselves see them: their account state and auth-event history. */
import type { AnyOperation } from '../registry.js';
import adminCreateUser from './adminCreateUser.js';
import adminDisableUser from './adminDisableUser.js';
import adminEnableUser from './adminEnableUser.js';
import adminListUserAuthEvents from './adminListUserAuthEvents.js';
import adminUpdateAuthEventFeedback from './adminUpdateAuthEventFeedback.js';
import deleteUser from './deleteUser.js';
import updateAuthEventFeedback from './updateAuthEventFeedback.js';
import adminDeleteUser from './adminDeleteUser.js';
import adminGetUser from './adminGetUser.js';
import getUser from './getUser.js';
import listUsers from './listUsers.js';

export const usersOperations: Record<string, AnyOperation> = {
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminListUserAuthEvents: adminListUserAuthEvents,
  AdminUpdateAuthEventFeedback: adminUpdateAuthEventFeedback,
  DeleteUser: deleteUser,
  GetUser: getUser,
  ListUsers: listUsers,
  UpdateAuthEventFeedback: updateAuthEventFeedback,
};
