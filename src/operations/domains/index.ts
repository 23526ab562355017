/** User pool domains (prefix and custom). */
import type { AnyOperation } from '../registry.js';
import createUserPoolDomain from './createUserPoolDomain.js';
import deleteUserPoolDomain from './deleteUserPoolDomain.js';
import describeUserPoolDomain from './describeUserPoolDomain.js';
import updateUserPoolDomain from './updateUserPoolDomain.js';

export const domainsOperations: Record<string, AnyOperation> = {
  CreateUserPoolDomain: createUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  DescribeUserPoolDomain: describeUserPoolDomain,
  UpdateUserPoolDomain: updateUserPoolDomain,
};
