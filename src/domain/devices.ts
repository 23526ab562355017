/** Device tracking (spec srp-and-devices.md part B): which pools track, finding a user's device, DeviceType. */
import type { Context } from '../context.js';
import { positionOf, type Device } from '../store/devices.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { InvalidParameter, ResourceNotFound } from '../protocol/errors.js';
import { decodeToken, invalidPaginationToken, page } from './pagination.js';

export const DEVICE_NOT_FOUND = 'Device does not exist.';

/** "When you provide a value for any property of DeviceConfiguration, you activate the device remembering." */
export function tracksDevices(pool: UserPool): boolean {
  const config = pool.description.DeviceConfiguration;
  return !!config && (config.ChallengeRequiredOnNewDevice !== undefined || config.DeviceOnlyRememberedOnUserPrompt !== undefined);
}

/** A device of this user (unknown, forgotten or someone else's: "Device does not exist."). */
export function userDevice(ctx: Context, user: User, deviceKey: string, { confirmed = true } = {}): Device {
  const device = ctx.store.devices.get(deviceKey);
  if (!device || device.userPoolId !== user.userPoolId || device.username !== user.username || (confirmed && !device.confirmed)) {
    throw ResourceNotFound(DEVICE_NOT_FOUND);
  }
  return device;
}

/**
 * UNSURE (spec B.6, from the aws-sdk-android integration test): the user-facing GetDevice and
 * ListDevices show only remembered devices; the Admin ones every confirmed device.
 */
export const USER_SEES_ONLY_REMEMBERED_DEVICES = true;

/**
 * The page size of ListDevices / AdminListDevices when Limit is absent or 0. Their Limit is the
 * model's QueryLimitType (0..60), whose other use (AdminListUserAuthEvents MaxResults) is documented:
 * "Returns 60 events if you set MaxResults to 0, or if you don't include a MaxResults parameter."
 */
export const DEFAULT_DEVICE_PAGE_SIZE = 60;

/** UNSURE: dev:device_sdk; the AWS CLI example shows "aws-sdk" and kognito cannot tell SDKs apart reliably. */
export const DEVICE_SDK = 'aws-sdk';

/** DeviceType as GetDevice / ListDevices return it; dates in epoch seconds. */
export function deviceType(pool: UserPool, device: Device) {
  const account = pool.description.Arn.split(':')[4];
  const owner = `${device.username}.${pool.id}`;
  const attributes: Record<string, string> = {
    device_status: 'valid',
    ...(device.attributes.device_name !== undefined ? { device_name: device.attributes.device_name } : {}),
    'dev:device_arn': `arn:aws:cognito-idp:${pool.region}:${account}:owner/${owner}/device/${device.deviceKey}`,
    'dev:device_owner': owner,
    ...(device.attributes.last_ip_used !== undefined ? { last_ip_used: device.attributes.last_ip_used } : {}),
    'dev:device_remembered_status': device.remembered ? 'remembered' : 'not_remembered',
    'dev:device_sdk': DEVICE_SDK,
  };
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    DeviceCreateDate: device.createdAt / 1000,
    DeviceLastModifiedDate: device.modifiedAt / 1000,
    ...(device.lastAuthenticatedAt !== null ? { DeviceLastAuthenticatedDate: device.lastAuthenticatedAt / 1000 } : {}),
  };
}

/** ListDevices / AdminListDevices: one page of the user's devices. */
export function listDevices(
  ctx: Context,
  pool: UserPool,
  user: User,
  input: { Limit?: number; PaginationToken?: string },
  rememberedOnly: boolean,
) {
  const limit = input.Limit || DEFAULT_DEVICE_PAGE_SIZE;
  const after = decodeToken(input.PaginationToken);
  if (after !== undefined && !/^\d+:/.test(after)) throw invalidPaginationToken();
  const found = ctx.store.devices.listForUser(pool.id, user.username, after, limit + 1, rememberedOnly);
  const { items, next } = page(found, limit, positionOf);
  return { Devices: items.map((device) => deviceType(pool, device)), ...(next ? { PaginationToken: next } : {}) };
}

/**
 * UNSURE (spec B.6): UpdateDeviceStatus without DeviceRememberedStatus (optional in the model).
 * Refused as AWS refuses a missing required member.
 */
export const MISSING_REMEMBERED_STATUS =
  "1 validation error detected: Value null at 'deviceRememberedStatus' failed to satisfy constraint: Member must not be null";

/** UpdateDeviceStatus / AdminUpdateDeviceStatus: `not_remembered` keeps the device tracked. */
export function setRememberedStatus(ctx: Context, device: Device, status: string | undefined): void {
  if (status === undefined) throw InvalidParameter(MISSING_REMEMBERED_STATUS);
  device.remembered = status === 'remembered';
  device.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => ctx.store.devices.save(device));
}
