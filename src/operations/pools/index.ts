/** User pools and their MFA configuration. */
import type { AnyOperation } from '../registry.js';
import addCustomAttributes from './addCustomAttributes.js';
import createUserPool from './createUserPool.js';
import deleteUserPool from './deleteUserPool.js';
import describeUserPool from './describeUserPool.js';
import getSigningCertificate from './getSigningCertificate.js';
import getUserPoolMfaConfig from './getUserPoolMfaConfig.js';
import listUserPools from './listUserPools.js';
import setUserPoolMfaConfig from './setUserPoolMfaConfig.js';
import updateUserPool from './updateUserPool.js';

export const poolsOperations: Record<string, AnyOperation> = {
  AddCustomAttributes: addCustomAttributes,
  CreateUserPool: createUserPool,
  DeleteUserPool: deleteUserPool,
  DescribeUserPool: describeUserPool,
  GetSigningCertificate: getSigningCertificate,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  ListUserPools: listUserPools,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  UpdateUserPool: updateUserPool,
};
