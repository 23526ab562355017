/** User pool groups and their members. */
import type { AnyOperation } from '../registry.js';
import adminAddUserToGroup from './adminAddUserToGroup.js';
import adminListGroupsForUser from './adminListGroupsForUser.js';
import adminRemoveUserFromGroup from './adminRemoveUserFromGroup.js';
import createGroup from './createGroup.js';
import deleteGroup from './deleteGroup.js';
import getGroup from './getGroup.js';
import listGroups from './listGroups.js';
import listUsersInGroup from './listUsersInGroup.js';
import updateGroup from './updateGroup.js';

export const groupsOperations: Record<string, AnyOperation> = {
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  ListUsersInGroup: listUsersInGroup,
  UpdateGroup: updateGroup,
};
