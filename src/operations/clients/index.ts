/** App clients and their secrets. */
import type { AnyOperation } from '../registry.js';
import addUserPoolClientSecret from './addUserPoolClientSecret.js';
import createUserPoolClient from './createUserPoolClient.js';
import deleteUserPoolClient from './deleteUserPoolClient.js';
import deleteUserPoolClientSecret from './deleteUserPoolClientSecret.js';
import describeUserPoolClient from './describeUserPoolClient.js';
import listUserPoolClients from './listUserPoolClients.js';
import listUserPoolClientSecrets from './listUserPoolClientSecrets.js';
import updateUserPoolClient from './updateUserPoolClient.js';

export const clientsOperations: Record<string, AnyOperation> = {
  AddUserPoolClientSecret: addUserPoolClientSecret,
  CreateUserPoolClient: createUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  DeleteUserPoolClientSecret: deleteUserPoolClientSecret,
  DescribeUserPoolClient: describeUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  ListUserPoolClientSecrets: listUserPoolClientSecrets,
  UpdateUserPoolClient: updateUserPoolClient,
};
