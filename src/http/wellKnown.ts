/** GET /<userPoolId>/.well-known/jwks.json and /openid-configuration. */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../context.js';
import { CognitoError } from '../protocol/errors.js';
import { sendError } from '../protocol/awsJson.js';
import { issuerFor } from '../domain/tokens.js';

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
      reply.header('content-type', 'application/json');
      return reply.send(
        JSON.stringify({
          id_token_signing_alg_values_supported: ['RS256'],
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          response_types_supported: ['code', 'token'],
          scopes_supported: ['openid', 'email', 'phone', 'profile'],
          subject_types_supported: ['public'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        }),
      );
    });
  };
