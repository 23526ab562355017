/**
 * External identity providers: the details each type requires (Cognito's measured texts), what
 * Cognito adds to them, and the `identities` attribute of users linked to them.
 */
import type { Context } from '../context.js';
import type { IdentityProvider } from '../store/identityProviders.js';
import type { User } from '../store/users.js';
import { CognitoError, InvalidParameter, ResourceNotFound } from '../protocol/errors.js';

export const SOCIAL_PROVIDERS = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'];

/** UNSURE: Cognito's texts for an unknown provider, a taken name and a taken identifier. */
export const providerNotFound = (name: string) => `Identity provider ${name} does not exist.`;
export const providerExists = (name: string) => `A provider with the name ${name} already exists in this user pool.`;
export const identifierInUse = (identifier: string) => `The identifier ${identifier} is already in use by another provider.`;
export const identifierNotFound = (identifier: string) => `Identity provider with identifier ${identifier} does not exist.`;

/** UNSURE: the Graph API version Cognito uses for Facebook when ProviderDetails names none. */
export const DEFAULT_FACEBOOK_API_VERSION = 'v17.0';

const REQUIRED: Record<string, { keys: string[]; message: string }> = {
  Google: { keys: ['client_id', 'client_secret', 'authorize_scopes'], message: 'clientId, clientSecret and authorizeScopes are all required idp details.' },
  Facebook: { keys: ['client_id', 'client_secret', 'authorize_scopes'], message: 'clientId, clientSecret and authorizeScopes are all required idp details.' },
  LoginWithAmazon: { keys: ['client_id', 'client_secret', 'authorize_scopes'], message: 'clientId, clientSecret and authorizeScopes are all required idp details.' },
  SignInWithApple: { keys: ['client_id', 'private_key', 'team_id', 'key_id'], message: 'clientId, privateKey, teamId, and keyId are all required idp details.' },
  OIDC: {
    keys: ['client_id', 'authorize_scopes', 'oidc_issuer', 'attributes_request_method'],
    message: 'clientId, authorizeScopes, oidcIssuer and attributesRequestMethod are all required idp details.',
  },
};

/** Checks a provider's name against its type and its details as Cognito does. */
export function checkProviderDetails(name: string, type: string, details: Record<string, string>): void {
  if (SOCIAL_PROVIDERS.includes(type) && name !== type) throw InvalidParameter(`Provider ${name} cannot be of type ${type}.`);
  const required = REQUIRED[type];
  if (required && required.keys.some((key) => !details[key])) throw InvalidParameter(required.message);
  if (type === 'OIDC' && !details.oidc_issuer.startsWith('https://')) throw InvalidParameter('OIDC endpoint must start with https://');
  if (type === 'SAML') {
    const url = details.MetadataURL !== undefined;
    const file = details.MetadataFile !== undefined;
    if (!url && !file) throw InvalidParameter('At least one of the MetadataURL or MetadataFile should be provided.');
    if (url && file) throw InvalidParameter('Only one of the MetadataURL or MetadataFile should be provided.');
  }
}

/** The details DescribeIdentityProvider shows: what was given plus the endpoints Cognito knows for social providers. */
export function describedDetails(type: string, details: Record<string, string>): Record<string, string> {
  const { private_key: _privateKey, ...shown } = details; // Apple's private key is never shown again
  switch (type) {
    case 'Google':
      return {
        attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
        attributes_url_add_attributes: 'true',
        authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
        oidc_issuer: 'https://accounts.google.com',
        token_request_method: 'POST',
        token_url: 'https://www.googleapis.com/oauth2/v4/token',
        ...shown,
      };
    case 'Facebook': {
      const version = details.api_version ?? DEFAULT_FACEBOOK_API_VERSION;
      return {
        api_version: version,
        attributes_url: `https://graph.facebook.com/${version}/me?fields=`,
        attributes_url_add_attributes: 'true',
        authorize_url: `https://www.facebook.com/${version}/dialog/oauth`,
        token_request_method: 'GET',
        token_url: `https://graph.facebook.com/${version}/oauth/access_token`,
        ...shown,
      };
    }
    case 'LoginWithAmazon':
      return {
        attributes_url: 'https://api.amazon.com/user/profile',
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://www.amazon.com/ap/oa',
        token_request_method: 'POST',
        token_url: 'https://api.amazon.com/auth/o2/token',
        ...shown,
      };
    case 'SignInWithApple':
      return {
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://appleid.apple.com/auth/authorize',
        oidc_issuer: 'https://appleid.apple.com',
        token_request_method: 'POST',
        token_url: 'https://appleid.apple.com/auth/token',
        ...shown,
      };
    case 'OIDC':
      return { attributes_url_add_attributes: 'false', ...shown };
    default:
      return shown;
  }
}

/**
 * UNSURE: the username mapping Cognito adds to AttributeMapping (the claim that identifies the
 * external user: Facebook's `id`, Amazon's `user_id`, `sub` otherwise).
 */
export const USERNAME_CLAIM: Record<string, string> = {
  Google: 'sub',
  Facebook: 'id',
  LoginWithAmazon: 'user_id',
  SignInWithApple: 'sub',
  OIDC: 'sub',
};

export function findProvider(ctx: Context, userPoolId: string, name: string): IdentityProvider {
  const provider = ctx.store.identityProviders.get(userPoolId, name);
  if (!provider) throw ResourceNotFound(providerNotFound(name));
  return provider;
}

/** IdpIdentifiers are unique across a pool's providers. */
export function checkIdentifiersFree(ctx: Context, userPoolId: string, providerName: string, identifiers: string[]): void {
  for (const other of ctx.store.identityProviders.list(userPoolId, undefined, -1)) {
    if (other.ProviderName === providerName) continue;
    const taken = identifiers.find((identifier) => other.IdpIdentifiers.includes(identifier));
    if (taken) throw new CognitoError('DuplicateProviderException', identifierInUse(taken));
  }
}

/**
 * The `identities` attribute of a user with external identities: a JSON array, each entry as Cognito
 * writes it (strings for `primary` and `dateCreated`; `primary` marks the identity the user was
 * created by). Rewritten whenever a link is made or removed; gone when none is left.
 */
export function refreshIdentities(ctx: Context, user: User, primaryProvider?: string): void {
  const links = ctx.store.identityProviders.linksOf(user.userPoolId, user.username);
  if (!links.length) {
    delete user.attributes.identities;
    return;
  }
  user.attributes.identities = JSON.stringify(
    links.map((link) => ({
      userId: link.providerUserId,
      providerName: link.providerName,
      providerType: ctx.store.identityProviders.get(user.userPoolId, link.providerName)?.ProviderType ?? link.providerName,
      issuer: null,
      primary: String(link.providerName === primaryProvider),
      dateCreated: String(link.createdAt),
    })),
  );
}
