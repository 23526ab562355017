/** A user's attributes after creation: updates, deletions, and verifying a new email or phone number. */
import type { AnyOperation } from '../registry.js';
import adminDeleteUserAttributes from './adminDeleteUserAttributes.js';
import adminUpdateUserAttributes from './adminUpdateUserAttributes.js';
import deleteUserAttributes from './deleteUserAttributes.js';
import getUserAttributeVerificationCode from './getUserAttributeVerificationCode.js';
import updateUserAttributes from './updateUserAttributes.js';
import verifyUserAttribute from './verifyUserAttribute.js';

export const attributesOperations: Record<string, AnyOperation> = {
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  DeleteUserAttributes: deleteUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
};
