/** Importing users from a .csv file. */
import type { AnyOperation } from '../registry.js';
import getCSVHeader from './getCSVHeader.js';
import createUserImportJob from './createUserImportJob.js';
import describeUserImportJob from './describeUserImportJob.js';
import listUserImportJobs from './listUserImportJobs.js';
import startUserImportJob from './startUserImportJob.js';
import stopUserImportJob from './stopUserImportJob.js';

export const userImportOperations: Record<string, AnyOperation> = {
  GetCSVHeader: getCSVHeader,
  CreateUserImportJob: createUserImportJob,
  DescribeUserImportJob: describeUserImportJob,
  ListUserImportJobs: listUserImportJobs,
  StartUserImportJob: startUserImportJob,
  StopUserImportJob: stopUserImportJob,
};
