/**
 * GET|POST /oauth2/userInfo: the user's claims for an access token with the `openid` scope, as the
 * scopes allow (email: email and email_verified, phone: phone_number and phone_number_verified,
 * profile: every attribute the client may read). Errors as Cognito's, with WWW-Authenticate.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { CognitoError } from '../../protocol/errors.js';
import { sendJson } from './http.js';
import { scopesOpen } from '../../domain/oauth/scopes.js';
import { clientMayRead } from '../../domain/attributes.js';

export const BAD_REQUEST = 'Bad OAuth2 request at UserInfo Endpoint';
export const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

/**
 * UNSURE: the developer guide prints `WWW-Authenticate: error="invalid_token", ...` without a scheme;
 * kognito sends RFC 6750's `Bearer error=...`, which OAuth clients (openid-client) parse as a challenge.
 */
export const CHALLENGE_SCHEME = 'Bearer ';

function refuse(reply: FastifyReply, status: number, error: string, description: string) {
  reply.header('www-authenticate', `${CHALLENGE_SCHEME}error="${error}", error_description="${description}"`);
  reply.code(status).header('content-type', 'application/json;charset=UTF-8');
  return reply.send(JSON.stringify({ error, error_description: description }));
}

export const userInfoRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return refuse(reply, 400, 'invalid_request', BAD_REQUEST);
  let verified;
  try {
    verified = await verifyAccessToken(ctx, match[1], 'openid');
  } catch (error) {
    if (error instanceof CognitoError) return refuse(reply, 401, 'invalid_token', INVALID_TOKEN);
    throw error;
  }
  const { user, claims } = verified;
  const client = ctx.store.clients.get(claims.client_id);
  const scopes = String((claims as unknown as { scope?: string }).scope ?? '').split(' ');
  const info: Record<string, unknown> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name.startsWith('dev:') || (client && !clientMayRead(client, name))) continue;
    // identities is a JSON array here too; the verified flags stay strings ("true"), as Cognito sends them.
    if (scopesOpen(scopes, name)) info[name] = name === 'identities' ? JSON.parse(value) : value;
  }
  info.username = user.username;
  return sendJson(reply, info);
};
