import type { Statements } from './db.js';

/** A user pool group (GroupType without its pool id). */
export interface Group {
  userPoolId: string;
  groupName: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  modifiedAt: number;
}

/** A group one user belongs to, with when the user joined it. */
export interface Membership extends Group {
  addedAt: number;
}

interface GroupRow {
  user_pool_id: string;
  group_name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  modified_at: number;
  added_at?: number;
}

const fromRow = (row: GroupRow): Membership => ({
  userPoolId: row.user_pool_id,
  groupName: row.group_name,
  description: row.description,
  roleArn: row.role_arn,
  precedence: row.precedence,
  createdAt: row.created_at,
  modifiedAt: row.modified_at,
  addedAt: row.added_at ?? row.created_at,
});

const COLUMNS = 'g.user_pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_at, g.modified_at';

/** Groups and their members. A member is named by its users.username_key. */
export class Groups {
  constructor(private readonly store: Statements) {}

  get(userPoolId: string, groupName: string): Group | undefined {
    const row = this.store.stmt(`SELECT ${COLUMNS} FROM groups g WHERE g.user_pool_id = ? AND g.group_name = ?`).get(userPoolId, groupName) as
      | GroupRow
      | undefined;
    return row && fromRow(row);
  }

  /** Writes the whole group (insert or replace its fields; members are kept). */
  save(group: Group): void {
    this.store
      .stmt(
        `INSERT INTO groups (user_pool_id, group_name, description, role_arn, precedence, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_pool_id, group_name) DO UPDATE SET description = excluded.description, role_arn = excluded.role_arn,
         precedence = excluded.precedence, modified_at = excluded.modified_at`,
      )
      .run(group.userPoolId, group.groupName, group.description, group.roleArn, group.precedence, group.createdAt, group.modifiedAt);
  }

  /** The group and its memberships (by foreign key). */
  delete(userPoolId: string, groupName: string): void {
    this.store.stmt('DELETE FROM groups WHERE user_pool_id = ? AND group_name = ?').run(userPoolId, groupName);
  }

  /** A pool's groups in name order after `after` (exclusive; it may have been deleted since). */
  list(userPoolId: string, after: string | undefined, limit: number): Group[] {
    return (
      this.store
        .stmt(`SELECT ${COLUMNS} FROM groups g WHERE g.user_pool_id = ? AND g.group_name > ? ORDER BY g.group_name LIMIT ?`)
        .all(userPoolId, after ?? '', limit) as GroupRow[]
    ).map(fromRow);
  }

  /** Adds a member; adding one already there changes nothing (not even when they joined). */
  addMember(userPoolId: string, groupName: string, usernameKey: string, now: number): void {
    this.store
      .stmt('INSERT OR IGNORE INTO group_members (user_pool_id, group_name, username_key, added_at) VALUES (?, ?, ?, ?)')
      .run(userPoolId, groupName, usernameKey, now);
  }

  removeMember(userPoolId: string, groupName: string, usernameKey: string): void {
    this.store.stmt('DELETE FROM group_members WHERE user_pool_id = ? AND group_name = ? AND username_key = ?').run(userPoolId, groupName, usernameKey);
  }

  /** Every group the user belongs to, in no particular order (domain/groups.ts orders them). */
  groupsOf(userPoolId: string, usernameKey: string): Membership[] {
    return (
      this.store
        .stmt(
          `SELECT ${COLUMNS}, m.added_at FROM group_members m JOIN groups g ON g.user_pool_id = m.user_pool_id AND g.group_name = m.group_name
           WHERE m.user_pool_id = ? AND m.username_key = ?`,
        )
        .all(userPoolId, usernameKey) as GroupRow[]
    ).map(fromRow);
  }

  /** The username keys of a group's members, in key order after `after` (exclusive). */
  memberKeys(userPoolId: string, groupName: string, after: string | undefined, limit: number): string[] {
    return (
      this.store
        .stmt(
          'SELECT username_key FROM group_members WHERE user_pool_id = ? AND group_name = ? AND username_key > ? ORDER BY username_key LIMIT ?',
        )
        .all(userPoolId, groupName, after ?? '', limit) as { username_key: string }[]
    ).map((row) => row.username_key);
  }
}
