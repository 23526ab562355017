/**
 * The pool domain's endpoints, served at kognito's own address for every pool (the pool is found
 * from the client_id): the OAuth 2.0 authorization server and the hosted sign-in pages.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../../context.js';
import { authorizeRoute } from './authorize.js';
import { tokenRoute } from './token.js';
import { userInfoRoute } from './userInfo.js';
import { revokeRoute } from './revoke.js';
import { logoutRoute } from './logout.js';
import { loginFormRoute, loginPageRoute } from './login.js';
import { federationPageRoute, idpResponseRoute } from './federation.js';
import { errorRoute } from './error.js';

export const oauth2Routes =
  (ctx: Context): FastifyPluginAsync =>
  async (app) => {
    app.get('/oauth2/authorize', authorizeRoute(ctx));
    app.post('/oauth2/token', tokenRoute(ctx));
    app.get('/oauth2/userInfo', userInfoRoute(ctx));
    app.post('/oauth2/userInfo', userInfoRoute(ctx));
    app.post('/oauth2/revoke', revokeRoute(ctx));
    app.get('/logout', logoutRoute(ctx));
    app.get('/login', loginPageRoute(ctx));
    app.post('/login', loginFormRoute(ctx));
    app.get('/federation', federationPageRoute(ctx));
    app.post('/oauth2/idpresponse', idpResponseRoute(ctx));
    app.get('/error', errorRoute());
  };
