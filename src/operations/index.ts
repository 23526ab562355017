/** The registry: operation name (as in X-Amz-Target) -> its implementation, one file each. */
import type { Operation } from '../context.js';
import adminConfirmSignUp from './adminConfirmSignUp.js';
import adminCreateUser from './adminCreateUser.js';
import adminDeleteUser from './adminDeleteUser.js';
import adminGetUser from './adminGetUser.js';
import adminInitiateAuth from './adminInitiateAuth.js';
import adminRespondToAuthChallenge from './adminRespondToAuthChallenge.js';
import adminUserGlobalSignOut from './adminUserGlobalSignOut.js';
import confirmSignUp from './confirmSignUp.js';
import createUserPool from './createUserPool.js';
import createUserPoolClient from './createUserPoolClient.js';
import deleteUserPool from './deleteUserPool.js';
import deleteUserPoolClient from './deleteUserPoolClient.js';
import describeUserPool from './describeUserPool.js';
import describeUserPoolClient from './describeUserPoolClient.js';
import getTokensFromRefreshToken from './getTokensFromRefreshToken.js';
import getUser from './getUser.js';
import globalSignOut from './globalSignOut.js';
import initiateAuth from './initiateAuth.js';
import listUserPoolClients from './listUserPoolClients.js';
import listUserPools from './listUserPools.js';
import listUsers from './listUsers.js';
import resendConfirmationCode from './resendConfirmationCode.js';
import revokeToken from './revokeToken.js';
import respondToAuthChallenge from './respondToAuthChallenge.js';
import signUp from './signUp.js';
import updateUserPool from './updateUserPool.js';
import updateUserPoolClient from './updateUserPoolClient.js';
import adminSetUserMFAPreference from './adminSetUserMFAPreference.js';
import associateSoftwareToken from './associateSoftwareToken.js';
import getUserPoolMfaConfig from './getUserPoolMfaConfig.js';
import setUserMFAPreference from './setUserMFAPreference.js';
import setUserPoolMfaConfig from './setUserPoolMfaConfig.js';
import verifySoftwareToken from './verifySoftwareToken.js';
import adminForgetDevice from './adminForgetDevice.js';
import adminGetDevice from './adminGetDevice.js';
import adminListDevices from './adminListDevices.js';
import adminUpdateDeviceStatus from './adminUpdateDeviceStatus.js';
import confirmDevice from './confirmDevice.js';
import forgetDevice from './forgetDevice.js';
import getDevice from './getDevice.js';
import listDevices from './listDevices.js';
import updateDeviceStatus from './updateDeviceStatus.js';

// Each handler declares its own input type; the protocol has validated the input against the model.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any>;

export const operations: Record<string, AnyOperation> = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminGetUser: adminGetUser,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ConfirmSignUp: confirmSignUp,
  CreateUserPool: createUserPool,
  CreateUserPoolClient: createUserPoolClient,
  DeleteUserPool: deleteUserPool,
  DeleteUserPoolClient: deleteUserPoolClient,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  ListUserPoolClients: listUserPoolClients,
  ListUserPools: listUserPools,
  ListUsers: listUsers,
  ResendConfirmationCode: resendConfirmationCode,
  RevokeToken: revokeToken,
  RespondToAuthChallenge: respondToAuthChallenge,
  SignUp: signUp,
  UpdateUserPool: updateUserPool,
  UpdateUserPoolClient: updateUserPoolClient,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  VerifySoftwareToken: verifySoftwareToken,
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
