import type { Statements } from './db.js';

/** A device tracked for a user: created at sign-in, confirmed with an SRP verifier by ConfirmDevice. */
export interface Device {
  deviceKey: string;
  userPoolId: string;
  username: string;
  deviceGroupKey: string;
  confirmed: boolean;
  remembered: boolean;
  salt: string | null;
  verifier: string | null;
  attributes: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number | null;
}

interface DeviceRow {
  device_key: string;
  user_pool_id: string;
  username: string;
  device_group_key: string;
  confirmed: number;
  remembered: number;
  salt: string | null;
  verifier: string | null;
  attributes: string;
  created_at: number;
  modified_at: number;
  last_authenticated_at: number | null;
}

const fromRow = (row: DeviceRow): Device => ({
  deviceKey: row.device_key,
  userPoolId: row.user_pool_id,
  username: row.username,
  deviceGroupKey: row.device_group_key,
  confirmed: row.confirmed === 1,
  remembered: row.remembered === 1,
  salt: row.salt,
  verifier: row.verifier,
  attributes: JSON.parse(row.attributes),
  createdAt: row.created_at,
  modifiedAt: row.modified_at,
  lastAuthenticatedAt: row.last_authenticated_at,
});

/** A device's place in a user's list: creation time, then key. */
export const positionOf = (device: Device) => `${device.createdAt}:${device.deviceKey}`;

export class Devices {
  constructor(private readonly store: Statements) {}

  get(deviceKey: string): Device | undefined {
    const row = this.store.stmt('SELECT * FROM devices WHERE device_key = ?').get(deviceKey) as DeviceRow | undefined;
    return row && fromRow(row);
  }

  /** Writes the whole device (insert or replace). */
  save(device: Device): void {
    this.store
      .stmt(
        `INSERT OR REPLACE INTO devices (device_key, user_pool_id, username, device_group_key, confirmed, remembered, salt, verifier,
         attributes, created_at, modified_at, last_authenticated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        device.deviceKey,
        device.userPoolId,
        device.username,
        device.deviceGroupKey,
        device.confirmed ? 1 : 0,
        device.remembered ? 1 : 0,
        device.salt,
        device.verifier,
        JSON.stringify(device.attributes),
        device.createdAt,
        device.modifiedAt,
        device.lastAuthenticatedAt,
      );
  }

  delete(deviceKey: string): void {
    this.store.stmt('DELETE FROM devices WHERE device_key = ?').run(deviceKey);
  }

  /**
   * A user's confirmed devices (only the remembered ones if asked) in creation order, after the
   * position `after` (see positionOf; the device there need not exist any more).
   */
  listForUser(userPoolId: string, username: string, after: string | undefined, limit: number, rememberedOnly = false): Device[] {
    const [createdAt, deviceKey] = after ? [Number(after.slice(0, after.indexOf(':'))), after.slice(after.indexOf(':') + 1)] : [-1, ''];
    return (
      this.store
        .stmt(
          `SELECT * FROM devices WHERE user_pool_id = ? AND username = ? AND confirmed = 1 AND remembered >= ?
           AND (created_at, device_key) > (?, ?) ORDER BY created_at, device_key LIMIT ?`,
        )
        .all(userPoolId, username, rememberedOnly ? 1 : 0, createdAt, deviceKey, limit) as DeviceRow[]
    ).map(fromRow);
  }

  /** The DeviceGroupKey the user's devices share, if they have any device yet. */
  groupKeyOf(userPoolId: string, username: string): string | undefined {
    const row = this.store
      .stmt('SELECT device_group_key FROM devices WHERE user_pool_id = ? AND username = ? LIMIT 1')
      .get(userPoolId, username) as { device_group_key: string } | undefined;
    return row?.device_group_key;
  }
}
