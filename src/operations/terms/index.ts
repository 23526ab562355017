/** Managed login terms documents: the terms of use and privacy policy an app client's sign-up page links to. */
import type { AnyOperation } from '../registry.js';
import createTerms from './createTerms.js';
import deleteTerms from './deleteTerms.js';
import describeTerms from './describeTerms.js';
import listTerms from './listTerms.js';
import updateTerms from './updateTerms.js';

export const termsOperations: Record<string, AnyOperation> = {
  CreateTerms: createTerms,
  DeleteTerms: deleteTerms,
  DescribeTerms: describeTerms,
  ListTerms: listTerms,
  UpdateTerms: updateTerms,
};
