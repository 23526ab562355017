/** Importing users from a .csv file. */
import type { AnyOperation } from '../registry.js';
import getCSVHeader from './getCSVHeader.js';

export const userImportOperations: Record<string, AnyOperation> = {
  GetCSVHeader: getCSVHeader,
};
