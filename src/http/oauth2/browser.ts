/**
 * The browser's side of the hosted pages: its signed-in session with the pool (a cookie, so the next
 * /oauth2/authorize signs it in without a form), the CSRF token of the forms, and the end of every
 * sign-in: an authorization code (or, for the implicit grant, tokens) sent to the redirect_uri.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { hashToken, issueTokens } from '../../domain/tokens.js';
import { randomToken, uuid } from '../../domain/ids.js';
import { sameSecret } from '../../domain/secrets.js';
import { usernameKeyFor } from '../../domain/users.js';
import { callOf, cookiesOf, redirect, setCookie, withParameters } from './http.js';
import type { AuthorizationRequest } from './request.js';

/** Developer guide: "Amazon Cognito HostedUI uses cookies that are valid for an hour". */
export const HOSTED_SESSION_SECONDS = 3600;
/** Developer guide (authorize endpoint): "a one time use code that is valid for five minutes". */
export const AUTHORIZATION_CODE_SECONDS = 300;
/** The forms' CSRF token lives in this cookie and in a hidden `_csrf` field (double submit). */
export const CSRF_COOKIE = 'XSRF-TOKEN';
/**
 * UNSURE (Cognito names it `cognito`, on the pool's own domain): one kognito serves many pools at one
 * address, so each pool's session cookie carries the pool id.
 */
export const sessionCookieName = (userPoolId: string) => `cognito_${userPoolId}`;
/** Developer guide's implicit-grant examples show `token_type=bearer` in the fragment. */
export const IMPLICIT_TOKEN_TYPE = 'bearer';

/** The pool user this browser is signed in as, if its session is live and the user still usable. */
export function signedInUser(ctx: Context, request: FastifyRequest, pool: UserPool): { user: User; authTime: number } | undefined {
  const cookie = cookiesOf(request)[sessionCookieName(pool.id)];
  const session = cookie ? ctx.store.hostedSessions.get(hashToken(cookie)) : undefined;
  if (!session || session.userPoolId !== pool.id || session.expiresAt <= ctx.clock.now()) return undefined;
  const user = ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, session.username));
  if (!user || !user.enabled) return undefined;
  return { user, authTime: session.authTime };
}

/** Forgets this browser's session with the pool (its cookie is cleared too). */
export function signOut(ctx: Context, request: FastifyRequest, reply: FastifyReply, pool: UserPool): void {
  const cookie = cookiesOf(request)[sessionCookieName(pool.id)];
  if (cookie) ctx.store.transaction(() => ctx.store.hostedSessions.delete(hashToken(cookie)));
  setCookie(request, reply, sessionCookieName(pool.id), '', 0);
}

/** The CSRF token for a form: the browser's own if it has one, else a new one set as its cookie. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = cookiesOf(request)[CSRF_COOKIE];
  if (existing && /^[\w-]{32,}$/.test(existing)) return existing;
  const token = randomToken(24);
  setCookie(request, reply, CSRF_COOKIE, token, HOSTED_SESSION_SECONDS);
  return token;
}

export const FORM_NOT_OURS = 'The form was not sent by this sign-in page (its CSRF token is missing or wrong). Open the sign-in page again.';

/** A form post is the hosted page's own when its `_csrf` field matches the browser's CSRF cookie. */
export function isOwnForm(request: FastifyRequest, form: URLSearchParams): boolean {
  const cookie = cookiesOf(request)[CSRF_COOKIE];
  const field = form.get('_csrf');
  return Boolean(cookie && field && sameSecret(cookie, field));
}

/**
 * The end of a sign-in through the hosted pages: the browser is signed in to the pool (a new session
 * unless it reused its own), then sent to the redirect_uri with a single-use authorization code, or,
 * for the implicit grant, the tokens themselves in the fragment.
 */
export async function completeSignIn(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  user: User,
  authTime: number,
  options: { newSession: boolean },
) {
  const { pool, client, redirectUri, state } = authorization;
  const now = ctx.clock.now();
  if (options.newSession) {
    const cookie = randomToken(32);
    ctx.store.transaction(() =>
      ctx.store.hostedSessions.put(hashToken(cookie), { userPoolId: pool.id, username: user.username, authTime, expiresAt: now + HOSTED_SESSION_SECONDS * 1000 }, now),
    );
    setCookie(request, reply, sessionCookieName(pool.id), cookie, HOSTED_SESSION_SECONDS);
  }
  if (authorization.responseType === 'code') {
    const code = uuid();
    ctx.store.transaction(() =>
      ctx.store.authorizationCodes.put(
        hashToken(code),
        {
          userPoolId: pool.id,
          clientId: client.ClientId,
          grant: {
            username: user.username,
            redirectUri,
            scopes: authorization.scopes,
            codeChallenge: authorization.codeChallenge ?? null,
            codeChallengeMethod: authorization.codeChallengeMethod ?? null,
            nonce: authorization.nonce ?? null,
            authTime,
          },
          expiresAt: now + AUTHORIZATION_CODE_SECONDS * 1000,
        },
        now,
      ),
    );
    return redirect(reply, withParameters(redirectUri, { code, state }));
  }
  // Implicit grant: no refresh token (developer guide).
  const tokens = await issueTokens(
    ctx,
    pool,
    client,
    user,
    { originJti: uuid(), authTime, deviceKey: null, scopes: authorization.scopes },
    { withRefreshToken: false, nonce: authorization.nonce, generation: { triggerSource: 'TokenGeneration_HostedAuth', caller: { clientId: client.ClientId, call: callOf(request, pool) } } },
  );
  const fragment = {
    id_token: tokens.IdToken,
    access_token: tokens.AccessToken,
    token_type: IMPLICIT_TOKEN_TYPE,
    expires_in: String(tokens.ExpiresIn),
    state,
  };
  return redirect(reply, withParameters(redirectUri, fragment, true));
}
