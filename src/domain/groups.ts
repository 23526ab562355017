/**
 * User pool groups: finding one, GroupType as the API shows it, and the claims a user's groups put
 * in tokens (cognito:groups in both, cognito:roles and cognito:preferred_role in the ID token).
 */
import type { Context } from '../context.js';
import type { Group, Membership } from '../store/groups.js';
import type { Store } from '../store/store.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { CognitoError, ResourceNotFound } from '../protocol/errors.js';

export const GROUP_NOT_FOUND = 'Group not found.';
/**
 * UNSURE: CreateGroup with a name the pool already has. GroupExistsException is the modeled error;
 * the text is moto's (no real response was found).
 */
export const GROUP_EXISTS = 'A group with the name already exists';
/**
 * UNSURE: the page size of ListGroups, AdminListGroupsForUser and ListUsersInGroup when Limit is
 * absent or 0 (the model's maximum, as ListUsers and ListDevices do here).
 */
export const DEFAULT_GROUP_PAGE_SIZE = 60;
/**
 * UNSURE: the order of cognito:groups (and of AdminListGroupsForUser). The issue and the docs rank
 * groups by Precedence (0 first; "groups with lower Precedence values take precedence over groups
 * with higher or null Precedence values"), so groups without one come last. No order is documented
 * for equal precedences: they keep the order the user joined them, as one real token suggests (an
 * identity provider's automatic group, joined first, listed before a group with Precedence 0).
 */
export const TIES_IN_JOINING_ORDER = true;
/** UNSURE: ListGroups lists a pool's groups by GroupName (moto keeps creation order; AWS documents none). */
export const LIST_GROUPS_BY_NAME = true;

export function findGroup(ctx: Context, pool: UserPool, groupName: string): Group {
  const group = ctx.store.groups.get(pool.id, groupName);
  if (!group) throw ResourceNotFound(GROUP_NOT_FOUND);
  return group;
}

export const groupExists = () => new CognitoError('GroupExistsException', GROUP_EXISTS);

/** GroupType; dates in epoch seconds, unset members left out. */
export function groupType(group: Group) {
  return {
    GroupName: group.groupName,
    UserPoolId: group.userPoolId,
    ...(group.description !== null ? { Description: group.description } : {}),
    ...(group.roleArn !== null ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== null ? { Precedence: group.precedence } : {}),
    LastModifiedDate: group.modifiedAt / 1000,
    CreationDate: group.createdAt / 1000,
  };
}

const rank = (group: Group) => group.precedence ?? Number.POSITIVE_INFINITY;

/** The sort position of a membership, as a string that orders like the memberships (a page token). */
export const membershipPosition = (group: Membership) =>
  `${String(group.precedence ?? 2 ** 31).padStart(10, '0')}:${String(TIES_IN_JOINING_ORDER ? group.addedAt : 0).padStart(15, '0')}:${group.groupName}`;

/** The user's groups, best precedence first (see TIES_IN_JOINING_ORDER). */
export function groupsOf(store: Store, user: User): Membership[] {
  return store.groups
    .groupsOf(user.userPoolId, user.usernameKey)
    .map((group) => ({ group, position: membershipPosition(group) }))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
    .map(({ group }) => group);
}

export interface GroupClaims {
  'cognito:groups'?: string[];
  'cognito:roles'?: string[];
  'cognito:preferred_role'?: string;
}

/**
 * What the user's groups put in tokens (docs, "Assigning precedence values to groups"):
 * cognito:groups lists every group; cognito:roles every role ARN of them; cognito:preferred_role the
 * role of the best-ranked group that has one, unless groups tied at that rank name different roles.
 * Claims with nothing to say are left out.
 */
export function groupClaims(groups: Membership[]): GroupClaims {
  if (!groups.length) return {};
  const withRoles = groups.filter((group) => group.roleArn !== null);
  const roles = [...new Set(withRoles.map((group) => group.roleArn!))];
  const best = Math.min(...withRoles.map(rank));
  const preferred = new Set(withRoles.filter((group) => rank(group) === best).map((group) => group.roleArn!));
  return {
    'cognito:groups': groups.map((group) => group.groupName),
    ...(roles.length ? { 'cognito:roles': roles } : {}),
    ...(preferred.size === 1 ? { 'cognito:preferred_role': [...preferred][0] } : {}),
  };
}
