/**
 * An app client's OAuth settings (CreateUserPoolClient / UpdateUserPoolClient), checked as Cognito
 * checks them. The texts are Cognito's, as measured by deploying bad templates (cdk-preflight's rules).
 */
import type { Store } from '../../store/store.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { CognitoError, InvalidParameter } from '../../protocol/errors.js';
import { STANDARD_SCOPES } from './scopes.js';

/** The members of an app client that its OAuth settings are. */
export type OAuthSettings = Pick<
  UserPoolClientDescription,
  | 'UserPoolId'
  | 'AllowedOAuthFlows'
  | 'AllowedOAuthScopes'
  | 'AllowedOAuthFlowsUserPoolClient'
  | 'CallbackURLs'
  | 'LogoutURLs'
  | 'DefaultRedirectURI'
  | 'SupportedIdentityProviders'
>;

const invalidOAuthFlow = (message: string) => new CognitoError('InvalidOAuthFlowException', message);
const scopeDoesNotExist = (message: string) => new CognitoError('ScopeDoesNotExistException', message);

/** Plain http is allowed only for a browser on the same machine (docs: "except for ... localhost"). */
const LOCAL_HTTP = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?(\/|$)/;

/**
 * UNSURE: Cognito's text for a client_credentials client given a standard scope (openid, email, ...):
 * the docs say "you can only populate custom scopes to the access token with this flow".
 */
export const CLIENT_CREDENTIALS_CUSTOM_SCOPES_ONLY = 'client_credentials flow can only be used with custom scopes.';
/** UNSURE: measured as "The provider X does not exist for User Pool" (whether the pool id follows is unknown). */
export const providerDoesNotExist = (name: string) => `The provider ${name} does not exist for User Pool`;

function checkRedirectUrls(urls: string[] | undefined): void {
  for (const url of urls ?? []) {
    if (url.includes('#')) throw InvalidParameter(`${url} cannot use fragment`);
    if (url.toLowerCase().startsWith('http://') && !LOCAL_HTTP.test(url)) throw InvalidParameter(`${url} cannot use the HTTP protocol.`);
  }
}

/** Throws the error Cognito gives for the first OAuth setting it refuses. */
export function checkOAuthSettings(store: Store, settings: OAuthSettings, hasSecret: boolean): void {
  const flows = settings.AllowedOAuthFlows ?? [];
  const scopes = settings.AllowedOAuthScopes ?? [];
  if (settings.AllowedOAuthFlowsUserPoolClient && (!flows.length || !scopes.length)) {
    throw InvalidParameter('AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.');
  }
  if (flows.includes('client_credentials')) {
    if (flows.includes('code') || flows.includes('implicit')) {
      throw invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    }
    if (!hasSecret) throw invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
    if (scopes.some((scope) => STANDARD_SCOPES.includes(scope))) throw invalidOAuthFlow(CLIENT_CREDENTIALS_CUSTOM_SCOPES_ONLY);
  }
  if (settings.AllowedOAuthFlowsUserPoolClient && (flows.includes('code') || flows.includes('implicit')) && !settings.CallbackURLs?.length) {
    throw InvalidParameter('CallbackUrls can not be empty when code flow or implicit flow is selected');
  }
  checkRedirectUrls(settings.CallbackURLs);
  checkRedirectUrls(settings.LogoutURLs);
  if (settings.DefaultRedirectURI !== undefined && !(settings.CallbackURLs ?? []).includes(settings.DefaultRedirectURI)) {
    throw InvalidParameter(`The default redirect URI ${settings.DefaultRedirectURI} is not in the callback URIs list.`);
  }
  const custom = scopes.some((scope) => !STANDARD_SCOPES.includes(scope)) ? store.resourceServers.customScopes(settings.UserPoolId) : new Set();
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.includes(scope) && !custom.has(scope)) throw scopeDoesNotExist(`Invalid scope requested: ${scope}`);
  }
  for (const name of settings.SupportedIdentityProviders ?? []) {
    if (name !== 'COGNITO' && !store.identityProviders.get(settings.UserPoolId, name)) throw InvalidParameter(providerDoesNotExist(name));
  }
}
