/** External identity providers (SAML, OIDC, social) and the external users linked to pool users. */
import type { AnyOperation } from '../registry.js';
import adminDisableProviderForUser from './adminDisableProviderForUser.js';
import adminLinkProviderForUser from './adminLinkProviderForUser.js';
import createIdentityProvider from './createIdentityProvider.js';
import deleteIdentityProvider from './deleteIdentityProvider.js';
import describeIdentityProvider from './describeIdentityProvider.js';
import getIdentityProviderByIdentifier from './getIdentityProviderByIdentifier.js';
import listIdentityProviders from './listIdentityProviders.js';
import updateIdentityProvider from './updateIdentityProvider.js';

export const identityProvidersOperations: Record<string, AnyOperation> = {
  AdminDisableProviderForUser: adminDisableProviderForUser,
  AdminLinkProviderForUser: adminLinkProviderForUser,
  CreateIdentityProvider: createIdentityProvider,
  DeleteIdentityProvider: deleteIdentityProvider,
  DescribeIdentityProvider: describeIdentityProvider,
  GetIdentityProviderByIdentifier: getIdentityProviderByIdentifier,
  ListIdentityProviders: listIdentityProviders,
  UpdateIdentityProvider: updateIdentityProvider,
};
