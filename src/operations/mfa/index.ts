/** A user's MFA factors, and the sign-in factors they have. */
import type { AnyOperation } from '../registry.js';
import adminSetUserMFAPreference from './adminSetUserMFAPreference.js';
import adminSetUserSettings from './adminSetUserSettings.js';
import associateSoftwareToken from './associateSoftwareToken.js';
import getUserAuthFactors from './getUserAuthFactors.js';
import setUserMFAPreference from './setUserMFAPreference.js';
import setUserSettings from './setUserSettings.js';
import verifySoftwareToken from './verifySoftwareToken.js';

export const mfaOperations: Record<string, AnyOperation> = {
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserSettings: adminSetUserSettings,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserAuthFactors: getUserAuthFactors,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserSettings: setUserSettings,
  VerifySoftwareToken: verifySoftwareToken,
};
