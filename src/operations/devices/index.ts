/** Remembered devices. */
import type { AnyOperation } from '../registry.js';
import adminForgetDevice from './adminForgetDevice.js';
import adminGetDevice from './adminGetDevice.js';
import adminListDevices from './adminListDevices.js';
import adminUpdateDeviceStatus from './adminUpdateDeviceStatus.js';
import confirmDevice from './confirmDevice.js';
import forgetDevice from './forgetDevice.js';
import getDevice from './getDevice.js';
import listDevices from './listDevices.js';
import updateDeviceStatus from './updateDeviceStatus.js';

export const devicesOperations: Record<string, AnyOperation> = {
  AdminForgetDevice: adminForgetDevice,
  AdminGetDevice: adminGetDevice,
  AdminListDevices: adminListDevices,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  ConfirmDevice: confirmDevice,
  ForgetDevice: forgetDevice,
  GetDevice: getDevice,
  ListDevices: listDevices,
  UpdateDeviceStatus: updateDeviceStatus,
};
