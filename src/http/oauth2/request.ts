/**
 * The authorization request (client_id, redirect_uri, response_type, scope, state, nonce, PKCE,
 * identity_provider) that /oauth2/authorize receives and the hosted pages carry along, checked in the
 * order Cognito checks it: what makes the redirect_uri untrustworthy answers with the error page,
 * everything after that is sent back to the redirect_uri as `?error=`.
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import type { IdentityProvider } from '../../store/identityProviders.js';
import { OPENID_ONLY_SCOPES, grantedScopes, parseScopes } from '../../domain/oauth/scopes.js';
import { withParameters } from './http.js';

export interface AuthorizationRequest {
  pool: UserPool;
  client: UserPoolClientDescription;
  redirectUri: string;
  responseType: 'code' | 'token';
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  /** The external provider asked for (identity_provider or idp_identifier), if not the pool itself. */
  provider?: IdentityProvider;
  /** The request's parameters as received, carried from page to page. */
  parameters: URLSearchParams;
}

/** Errors shown on kognito's error page (the redirect_uri cannot be trusted), or sent to the redirect_uri. */
export type Refusal = { page: { status: number; error: string; description: string } } | { redirectTo: string };

/**
 * Cognito supports only S256 (developer guide: "supports only S256"; a `code_challenge_method` other
 * than S256 is its example of invalid_request). Set to true to accept RFC 7636 `plain` as well.
 */
export const PKCE_PLAIN_ACCEPTED = false;
/**
 * kognito serves every pool's endpoints at its own address, but only for pools with a domain
 * (CreateUserPoolDomain), as in Cognito, where a pool without one has no endpoints to call.
 */
export const ENDPOINTS_NEED_A_DOMAIN = true;
/** UNSURE: the error page's code for an unknown client_id (Cognito's page text is not documented). */
export const UNKNOWN_CLIENT_ERROR = 'invalid_request';
/** UNSURE: error redirects carry `state` when the request had one (RFC 6749 4.1.2.1; the Cognito examples omit it). */
export const ERROR_REDIRECT_CARRIES_STATE = true;

export const noDomainDescription = (userPoolId: string) =>
  `User pool ${userPoolId} has no domain: create one with CreateUserPoolDomain to use its OAuth 2.0 endpoints.`;

/** Reads and checks an authorization request; `ok` when the hosted pages may go on with it. */
export function readAuthorizationRequest(ctx: Context, parameters: URLSearchParams): { ok: AuthorizationRequest } | Refusal {
  const page = (status: number, error: string, description: string) => ({ page: { status, error, description } });
  const clientId = parameters.get('client_id');
  if (!clientId) return page(400, 'invalid_request', 'Required String parameter client_id is not present');
  const client = ctx.store.clients.get(clientId);
  const pool = client && ctx.store.userPools.get(client.UserPoolId);
  if (!client || !pool) return page(400, UNKNOWN_CLIENT_ERROR, `Client ${clientId} does not exist.`);
  if (ENDPOINTS_NEED_A_DOMAIN && !ctx.store.domains.ofPool(pool.id)) return page(404, 'invalid_request', noDomainDescription(pool.id));

  const redirectUri = parameters.get('redirect_uri');
  if (!redirectUri) return page(400, 'invalid_request', 'Required String parameter redirect_uri is not present');
  if (!(client.CallbackURLs ?? []).includes(redirectUri)) return page(400, 'redirect_mismatch', `${redirectUri} is not a callback URL of client ${clientId}.`);

  const state = parameters.get('state') ?? undefined;
  const refuse = (error: string, description?: string) => ({
    redirectTo: withParameters(redirectUri, { error, error_description: description, state: ERROR_REDIRECT_CARRIES_STATE ? state : undefined }),
  });
  if (!client.AllowedOAuthFlowsUserPoolClient) return refuse('unauthorized_client');
  const responseType = parameters.get('response_type');
  if (!responseType) return refuse('invalid_request');
  if (responseType !== 'code' && responseType !== 'token') return refuse('unsupported_response_type');
  if (!(client.AllowedOAuthFlows ?? []).includes(responseType === 'code' ? 'code' : 'implicit')) return refuse('unauthorized_client');

  const codeChallenge = parameters.get('code_challenge') ?? undefined;
  const codeChallengeMethod = parameters.get('code_challenge_method') ?? undefined;
  if ((codeChallenge === undefined) !== (codeChallengeMethod === undefined)) return refuse('invalid_request');
  if (codeChallengeMethod !== undefined && codeChallengeMethod !== 'S256' && !(PKCE_PLAIN_ACCEPTED && codeChallengeMethod === 'plain')) {
    return refuse('invalid_request');
  }

  const requested = parseScopes(parameters.get('scope') ?? undefined);
  const granted = grantedScopes(ctx.store, client, requested);
  if (!granted) return refuse('invalid_scope');
  // phone, email and profile come only with openid (developer guide: "can only be requested if openid scope is also requested").
  const scopes = granted.includes('openid') ? granted : granted.filter((scope) => !OPENID_ONLY_SCOPES.includes(scope));

  let provider: IdentityProvider | undefined;
  const providerName = parameters.get('identity_provider');
  const idpIdentifier = parameters.get('idp_identifier');
  if (providerName && providerName !== 'COGNITO') {
    provider = ctx.store.identityProviders.get(pool.id, providerName);
    if (!provider || !(client.SupportedIdentityProviders ?? []).includes(providerName)) return refuse('invalid_request', `${providerName} is not a supported identity provider of this client`);
  } else if (!providerName && idpIdentifier) {
    provider = ctx.store.identityProviders.list(pool.id, undefined, -1).find((p) => p.IdpIdentifiers.includes(idpIdentifier));
    if (!provider || !(client.SupportedIdentityProviders ?? []).includes(provider.ProviderName)) return refuse('invalid_request', `No identity provider of this client has the identifier ${idpIdentifier}`);
  } else if (providerName === 'COGNITO' && !(client.SupportedIdentityProviders ?? []).includes('COGNITO')) {
    return refuse('invalid_request', 'COGNITO is not a supported identity provider of this client');
  }

  return {
    ok: {
      pool,
      client,
      redirectUri,
      responseType,
      scopes,
      state,
      nonce: parameters.get('nonce') ?? undefined,
      codeChallenge,
      codeChallengeMethod,
      provider,
      parameters,
    },
  };
}
