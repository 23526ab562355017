/**
 * POST /oauth2/revoke: revokes a refresh token and every access token minted from it (same
 * origin_jti), as the RevokeToken operation does. Errors as the developer guide lists them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { hashToken } from '../../domain/tokens.js';
import { formOf, isForm, sendOAuthError } from './http.js';
import { authenticateClient } from './clientAuthentication.js';

/** UNSURE: a refresh token of another client is left alone and answered 200, like an unknown one. */
export const OTHER_CLIENTS_TOKEN_IGNORED = true;

export const revokeRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const form = formOf(request);
  if (!isForm(request)) return sendOAuthError(reply, 400, 'invalid_request');
  const authenticated = authenticateClient(ctx, request, form);
  if (!authenticated) return sendOAuthError(reply, 401, 'invalid_client');
  const token = form.get('token');
  // "If the token isn't present in the request or if the feature is disabled for the app client ... invalid_request".
  if (!token || authenticated.client.EnableTokenRevocation === false) return sendOAuthError(reply, 400, 'invalid_request');
  const record = ctx.store.refreshTokens.get(hashToken(token));
  if (!record) {
    // Access and ID tokens are JWTs: "isn't a refresh token" -> unsupported_token_type; anything else unknown -> 200.
    if (token.split('.').length === 3) return sendOAuthError(reply, 400, 'unsupported_token_type');
    return reply.code(200).send();
  }
  if (record.clientId === authenticated.client.ClientId || !OTHER_CLIENTS_TOKEN_IGNORED) {
    ctx.store.transaction(() => ctx.store.refreshTokens.revokeOrigin(record.originJti));
  }
  return reply.code(200).send();
};
