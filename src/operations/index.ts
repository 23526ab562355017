/**
 * The registry: operation name (as in X-Amz-Target) -> its implementation. Operations live one file each,
 * in folders named after the areas of the AWS API reference; each folder's index lists its own.
 */
import { poolsOperations } from './pools/index.js';
import { clientsOperations } from './clients/index.js';
import { signUpOperations } from './signUp/index.js';
import { usersOperations } from './users/index.js';
import { authOperations } from './auth/index.js';
import { mfaOperations } from './mfa/index.js';
import { devicesOperations } from './devices/index.js';
import { groupsOperations } from './groups/index.js';
import { attributesOperations } from './attributes/index.js';
import { passwordsOperations } from './passwords/index.js';
import { domainsOperations } from './domains/index.js';
import { resourceServersOperations } from './resourceServers/index.js';
import { identityProvidersOperations } from './identityProviders/index.js';
import { tagsOperations } from './tags/index.js';
import { userImportOperations } from './userImport/index.js';
import { brandingOperations } from './branding/index.js';
import { threatProtectionOperations } from './threatProtection/index.js';
import { logDeliveryOperations } from './logDelivery/index.js';
import { termsOperations } from './terms/index.js';
import { webAuthnOperations } from './webAuthn/index.js';
import type { AnyOperation } from './registry.js';

export const operations: Readonly<Record<string, AnyOperation>> = {
  ...poolsOperations,
  ...clientsOperations,
  ...signUpOperations,
  ...usersOperations,
  ...authOperations,
  ...mfaOperations,
  ...devicesOperations,
  ...groupsOperations,
  ...attributesOperations,
  ...passwordsOperations,
  ...domainsOperations,
  ...resourceServersOperations,
  ...identityProvidersOperations,
  ...tagsOperations,
  ...userImportOperations,
  ...brandingOperations,
  ...threatProtectionOperations,
  ...logDeliveryOperations,
  ...termsOperations,
  ...webAuthnOperations,
};
