/**
 * POST /oauth2/token: tokens for an authorization code (with PKCE), a refresh token, or the client's
 * own credentials (client_credentials, custom scopes). Tokens come from domain/tokens.ts, as the
 * API's do. Errors are Cognito's: `{"error": "..."}` and 400 (developer guide, token endpoint).
 *
 * Steps:  form body -> client authentication -> grant_type -> the grant's checks -> tokens.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import type { AuthenticationResult } from '../../domain/tokens.js';
import { hashToken, issueClientCredentialsToken, issueTokens } from '../../domain/tokens.js';
import { claimOnce, keepWrites } from '../../domain/singleUse.js';
import { refresh } from '../../domain/signIn/refresh.js';
import { allowsRefresh } from '../../domain/clientAuthFlows.js';
import { grantedScopes, parseScopes } from '../../domain/oauth/scopes.js';
import { usernameKeyFor } from '../../domain/users.js';
import { uuid } from '../../domain/ids.js';
import { CognitoError } from '../../protocol/errors.js';
import { callOf, formOf, isForm, sendJson, sendOAuthError } from './http.js';
import { authenticateClient } from './clientAuthentication.js';

/** An OAuth error of the token endpoint, thrown by a grant and answered as JSON (a CognitoError, so claims can keep their writes). */
export class OAuthError extends CognitoError {
  constructor(
    readonly error: string,
    readonly reason: string,
    status = 400,
  ) {
    super('OAuthError', reason, status);
  }
}

/** UNSURE: Cognito's status for `invalid_client` at the token endpoint (its examples show 400; RFC 6749 allows 401). */
export const INVALID_CLIENT_STATUS = 400;
/**
 * UNSURE: Cognito's token errors carry only `error` (its examples); kognito logs the reason at info
 * instead of sending an error_description.
 */
export const TOKEN_ERRORS_DESCRIBED = false;
/** Reported: a client_credentials request to a client whose AllowedOAuthFlowsUserPoolClient is false answers invalid_grant. */
export const OAUTH_DISABLED_ERROR = 'invalid_grant';

type Grant = (ctx: Context, form: URLSearchParams, client: UserPoolClientDescription, pool: UserPool, call: Call) => Promise<Record<string, unknown>>;

const GRANTS: Record<string, Grant> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
};

export const tokenRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  try {
    if (!isForm(request)) throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    const form = formOf(request);
    const grantType = form.get('grant_type');
    const authenticated = authenticateClient(ctx, request, form);
    if (!authenticated) throw new OAuthError('invalid_client', 'client authentication failed', INVALID_CLIENT_STATUS);
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
    const grant = GRANTS[grantType];
    if (!grant) throw new OAuthError('unsupported_grant_type', `${grantType} is not a grant type of the token endpoint`);
    return sendJson(reply, await grant(ctx, form, authenticated.client, authenticated.pool, callOf(request, authenticated.pool)));
  } catch (caught) {
    // A trigger's failure is told with Cognito's message (the function's own words).
    const fromTrigger = caught instanceof CognitoError && TRIGGER_ERRORS.has(caught.type);
    const error = fromTrigger ? new OAuthError(TRIGGER_FAILURE_ERROR, caught.message) : caught;
    if (!(error instanceof OAuthError)) throw error;
    ctx.log.info({ endpoint: '/oauth2/token', error: error.error, reason: error.reason }, 'token request refused');
    return sendOAuthError(reply, error.status, error.error, TOKEN_ERRORS_DESCRIBED || fromTrigger ? error.reason : undefined);
  }
};

const TRIGGER_ERRORS = new Set(['UserLambdaValidationException', 'InvalidLambdaResponseException', 'UnexpectedLambdaException']);
/**
 * UNSURE: a PreTokenGeneration trigger failing at the token endpoint answers this OAuth error, its
 * error_description Cognito's message ("PreTokenGeneration failed with error ...").
 */
export const TRIGGER_FAILURE_ERROR = 'invalid_request';

/** The token response, members in the order of Cognito's examples. */
function tokenResponse(tokens: AuthenticationResult) {
  return {
    access_token: tokens.AccessToken,
    ...(tokens.IdToken ? { id_token: tokens.IdToken } : {}),
    ...(tokens.RefreshToken ? { refresh_token: tokens.RefreshToken } : {}),
    token_type: 'Bearer',
    expires_in: tokens.ExpiresIn,
  };
}

const required = (form: URLSearchParams, name: string) => {
  const value = form.get(name);
  if (!value) throw new OAuthError('invalid_request', `${name} is required`);
  return value;
};

/** PKCE (RFC 7636): the verifier must hash (S256) or equal (plain) to the challenge of the code. */
function pkceHolds(method: string, challenge: string, verifier: string): boolean {
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === challenge;
}

/**
 * authorization_code: the code is claimed (taken from the store) before anything else can see it:
 * it is good once. A code of another client stays for that client; a code spent on a wrong
 * redirect_uri or PKCE verifier is gone.
 */
async function authorizationCodeGrant(ctx: Context, form: URLSearchParams, client: UserPoolClientDescription, pool: UserPool, call: Call) {
  const code = required(form, 'code');
  const redirectUri = required(form, 'redirect_uri');
  const verifier = form.get('code_verifier');
  const grant = claimOnce(ctx, () => {
    const stored = ctx.store.authorizationCodes.claim(hashToken(code));
    if (!stored) throw new OAuthError('invalid_grant', 'unknown or already used authorization code');
    if (stored.clientId !== client.ClientId) throw new OAuthError('invalid_grant', 'authorization code of another client');
    if (stored.expiresAt <= ctx.clock.now()) throw keepWrites(new OAuthError('invalid_grant', 'expired authorization code'));
    if (stored.grant.redirectUri !== redirectUri) throw keepWrites(new OAuthError('invalid_grant', 'redirect_uri differs from the authorization request'));
    const { codeChallenge, codeChallengeMethod } = stored.grant;
    if (codeChallenge && codeChallengeMethod) {
      if (!verifier) throw keepWrites(new OAuthError('invalid_grant', 'code_verifier is required (the code was requested with PKCE)'));
      if (!pkceHolds(codeChallengeMethod, codeChallenge, verifier)) throw keepWrites(new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge'));
    }
    return stored.grant;
  });
  const user = ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, grant.username));
  if (!user || !user.enabled) throw new OAuthError('invalid_grant', 'the user is gone or disabled');
  const tokens = await issueTokens(
    ctx,
    pool,
    client,
    user,
    { originJti: uuid(), authTime: grant.authTime, deviceKey: null, scopes: grant.scopes },
    { withRefreshToken: true, nonce: grant.nonce, generation: { triggerSource: 'TokenGeneration_HostedAuth', caller: { clientId: client.ClientId, call } } },
  );
  return tokenResponse(tokens);
}

/** refresh_token: new ID and access tokens with the scopes of the original sign-in (and a new refresh token when the client rotates them). */
async function refreshTokenGrant(ctx: Context, form: URLSearchParams, client: UserPoolClientDescription, pool: UserPool, call: Call) {
  const refreshToken = required(form, 'refresh_token');
  if (!allowsRefresh(client)) throw new OAuthError('unauthorized_client', 'the client may not refresh tokens');
  try {
    // The client proved itself above; a refresh token bound to a device needs its DEVICE_KEY, which this endpoint cannot take.
    return tokenResponse(await refresh({ ctx, pool, client, refreshToken, deviceKey: undefined, checkClientSecret: () => {}, call }));
  } catch (error) {
    if (error instanceof CognitoError && !(error instanceof OAuthError)) throw new OAuthError('invalid_grant', error.message);
    throw error;
  }
}

/** client_credentials: an access token for the client itself, with custom scopes only. */
async function clientCredentialsGrant(ctx: Context, form: URLSearchParams, client: UserPoolClientDescription, pool: UserPool, call: Call) {
  if (!client.AllowedOAuthFlowsUserPoolClient) throw new OAuthError(OAUTH_DISABLED_ERROR, 'AllowedOAuthFlowsUserPoolClient is false');
  if (!(client.AllowedOAuthFlows ?? []).includes('client_credentials')) throw new OAuthError('unauthorized_client', 'client_credentials is not an allowed flow of the client');
  const scopes = grantedScopes(ctx.store, client, parseScopes(form.get('scope') ?? undefined));
  if (!scopes || !scopes.length) throw new OAuthError('invalid_scope', 'a requested scope is not allowed for the client, or none is left');
  const clientMetadata = clientMetadataOf(form);
  const { accessToken, expiresIn } = await issueClientCredentialsToken(ctx, pool, client, scopes, { caller: { clientId: client.ClientId, call }, clientMetadata });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
}

/**
 * aws_client_metadata: URL-encoded JSON of strings, for a V3_0 PreTokenGeneration trigger
 * (TokenGeneration_ClientCredentials). UNSURE: anything else is invalid_request.
 */
function clientMetadataOf(form: URLSearchParams): Record<string, string> | undefined {
  const text = form.get('aws_client_metadata');
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((value) => typeof value !== 'string')) {
    throw new OAuthError('invalid_request', 'aws_client_metadata must be a JSON object of strings');
  }
  return Object.fromEntries(Object.entries(parsed as Record<string, string>));
}
