/** GET /<userPoolId>/.well-known/jwks.json and /openid-configuration. */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../context.js';
import { CognitoError } from '../protocol/errors.js';
import { sendError } from '../protocol/awsJson.js';
import { issuerFor } from '../domain/tokens.js';
import { browserBaseUrl, requestBaseUrl } from './oauth2/http.js';

/**
 * UNSURE: Cognito's discovery document lists authorization, token and userinfo endpoints only (the
 * developer guide's example; OIDC libraries are told the logout and revoke URLs by hand). True adds
 * end_session_endpoint (/logout) and revocation_endpoint (/oauth2/revoke).
 */
export const LISTS_REVOCATION_AND_END_SESSION = false;

export const wellKnownRoutes =
  (ctx: Context): FastifyPluginAsync =>
  async (app) => {
    const poolOr404 = (userPoolId: string) => ctx.store.userPools.get(userPoolId);
    const missing = (userPoolId: string) =>
      new CognitoError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`, 404);

    app.get<{ Params: { userPoolId: string } }>('/:userPoolId/.well-known/jwks.json', async (request, reply) => {
      const { userPoolId } = request.params;
      if (!poolOr404(userPoolId)) return sendError(reply, missing(userPoolId));
      reply.header('content-type', 'application/json');
      return reply.send(JSON.stringify(await ctx.keys.jwks(userPoolId)));
    });

    app.get<{ Params: { userPoolId: string } }>('/:userPoolId/.well-known/openid-configuration', async (request, reply) => {
      const { userPoolId } = request.params;
      if (!poolOr404(userPoolId)) return sendError(reply, missing(userPoolId));
      const issuer = issuerFor(userPoolId, ctx.issuer);
      // The pool's endpoints exist once it has a domain: the browser's at the address browsers use, the
      // others where this request came from (the app's server, in docker-compose a service name).
      const domain = ctx.store.domains.ofPool(userPoolId);
      const browser = browserBaseUrl(request, ctx);
      const server = requestBaseUrl(request);
      reply.header('content-type', 'application/json');
      return reply.send(
        JSON.stringify({
          ...(domain ? { authorization_endpoint: `${browser}/oauth2/authorize` } : {}),
          ...(domain && LISTS_REVOCATION_AND_END_SESSION ? { end_session_endpoint: `${browser}/logout` } : {}),
          id_token_signing_alg_values_supported: ['RS256'],
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          response_types_supported: ['code', 'token'],
          ...(domain && LISTS_REVOCATION_AND_END_SESSION ? { revocation_endpoint: `${server}/oauth2/revoke` } : {}),
          scopes_supported: ['openid', 'email', 'phone', 'profile'],
          subject_types_supported: ['public'],
          ...(domain ? { token_endpoint: `${server}/oauth2/token` } : {}),
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          ...(domain ? { userinfo_endpoint: `${server}/oauth2/userInfo` } : {}),
        }),
      );
    });
  };
