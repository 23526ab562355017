/** App clients. */
import type { AnyOperation } from '../registry.js';
import createUserPoolClient from './createUserPoolClient.js';
import deleteUserPoolClient from './deleteUserPoolClient.js';
import describeUserPoolClient from './describeUserPoolClient.js';
import listUserPoolClients from './listUserPoolClients.js';
import updateUserPoolClient from './updateUserPoolClient.js';

export const clientsOperations: Record<string, AnyOperation> = {
  CreateUserPoolClient: createUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  UpdateUserPoolClient: updateUserPoolClient,
};
