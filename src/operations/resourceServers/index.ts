/** OAuth 2.0 resource servers and their custom scopes. */
import type { AnyOperation } from '../registry.js';
import createResourceServer from './createResourceServer.js';
import deleteResourceServer from './deleteResourceServer.js';
import describeResourceServer from './describeResourceServer.js';
import listResourceServers from './listResourceServers.js';
import updateResourceServer from './updateResourceServer.js';

export const resourceServersOperations: Record<string, AnyOperation> = {
  CreateResourceServer: createResourceServer,
  DeleteResourceServer: deleteResourceServer,
  DescribeResourceServer: describeResourceServer,
  ListResourceServers: listResourceServers,
  UpdateResourceServer: updateResourceServer,
};
