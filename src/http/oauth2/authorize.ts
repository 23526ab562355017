/**
 * GET /oauth2/authorize: where an app sends the browser to sign in.
 *
 * Steps:  read and check the authorization request (error page, or `?error=` to the redirect_uri)
 *         -> an external provider asked for: its sign-in (kognito's stand-in page)
 *         -> the browser already signed in to the pool: straight back with a code
 *         -> otherwise the hosted sign-in page (/login, same parameters).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { queryOf, redirect, sendPage } from './http.js';
import { readAuthorizationRequest } from './request.js';
import { completeSignIn, signedInUser } from './browser.js';
import { errorPageLocation } from './error.js';
import { errorPage } from './pages.js';
import { federationHref } from './federation.js';

export const authorizeRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const query = queryOf(request);
  const read = readAuthorizationRequest(ctx, query);
  if ('redirectTo' in read) return redirect(reply, read.redirectTo);
  if ('page' in read) {
    if (read.page.status === 404) return sendPage(reply, 404, errorPage(read.page.error, read.page.description));
    return redirect(reply, errorPageLocation(read.page.error, read.page.description, query.get('client_id')));
  }
  const authorization = read.ok;
  if (authorization.provider) return redirect(reply, federationHref(query, authorization.provider.ProviderName));
  const signedIn = signedInUser(ctx, request, authorization.pool);
  if (signedIn) return completeSignIn(ctx, request, reply, authorization, signedIn.user, signedIn.authTime, { newSession: false });
  return redirect(reply, `/login?${query}`);
};
