/** A user's MFA factors. */
import type { AnyOperation } from '../registry.js';
import adminSetUserMFAPreference from './adminSetUserMFAPreference.js';
import associateSoftwareToken from './associateSoftwareToken.js';
import setUserMFAPreference from './setUserMFAPreference.js';
import verifySoftwareToken from './verifySoftwareToken.js';

export const mfaOperations: Record<string, AnyOperation> = {
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AssociateSoftwareToken: associateSoftwareToken,
  SetUserMFAPreference: setUserMFAPreference,
  VerifySoftwareToken: verifySoftwareToken,
};
