/**
 * GET /logout: signs the browser out of the pool, then either sends it to one of the client's
 * LogoutURLs (logout_uri) or back to the sign-in page for a new authorization request (redirect_uri
 * and response_type, as /oauth2/authorize takes them).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { queryOf, redirect, sendPage } from './http.js';
import { signOut } from './browser.js';
import { readAuthorizationRequest } from './request.js';
import { errorPageLocation } from './error.js';
import { errorPage } from './pages.js';

export const logoutRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const query = queryOf(request);
  const clientId = query.get('client_id');
  const client = clientId ? ctx.store.clients.get(clientId) : undefined;
  const pool = client && ctx.store.userPools.get(client.UserPoolId);
  if (!client || !pool) return redirect(reply, errorPageLocation('invalid_request', clientId ? `Client ${clientId} does not exist.` : 'Required String parameter client_id is not present', clientId));
  const logoutUri = query.get('logout_uri');
  if (logoutUri) {
    if (!(client.LogoutURLs ?? []).includes(logoutUri)) return redirect(reply, errorPageLocation('redirect_mismatch', `${logoutUri} is not a sign-out URL of client ${client.ClientId}.`, clientId));
    signOut(ctx, request, reply, pool);
    return redirect(reply, logoutUri);
  }
  if (!query.get('redirect_uri')) return redirect(reply, errorPageLocation('invalid_request', 'Required String parameter logout_uri or redirect_uri is not present', clientId));
  const read = readAuthorizationRequest(ctx, query);
  if ('redirectTo' in read) return redirect(reply, read.redirectTo);
  if ('page' in read) {
    if (read.page.status === 404) return sendPage(reply, 404, errorPage(read.page.error, read.page.description));
    return redirect(reply, errorPageLocation(read.page.error, read.page.description, clientId));
  }
  signOut(ctx, request, reply, pool);
  return redirect(reply, `/login?${query}`);
};
