/**
 * GET|POST /login: the hosted sign-in page. The password, then whatever the pool's sign-in asks next
 * (NEW_PASSWORD_REQUIRED, SELECT_MFA_TYPE, MFA_SETUP, the MFA codes), all through the one sign-in state
 * machine (domain/signIn) with `hosted` set, so it ends with the browser signed in; then an
 * authorization code goes to the redirect_uri. Errors show Cognito's messages on the page.
 *
 * Steps:  read the authorization request -> check the form's CSRF token -> password or challenge answer
 *         -> the next page, or completeSignIn.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthResponse } from '../../domain/signIn/types.js';
import { passwordSignIn } from '../../domain/signIn/initiate.js';
import { respondToChallenge } from '../../domain/signIn/flow.js';
import { CognitoError } from '../../protocol/errors.js';
import { usernameKeyFor } from '../../domain/users.js';
import { eventOrigin } from '../../domain/authEvents.js';
import associateSoftwareToken from '../../operations/mfa/associateSoftwareToken.js';
import verifySoftwareToken from '../../operations/mfa/verifySoftwareToken.js';
import { callOf, formOf, queryOf, redirect, sendPage } from './http.js';
import { readAuthorizationRequest, type AuthorizationRequest } from './request.js';
import { FORM_NOT_OURS, completeSignIn, csrfToken, isOwnForm } from './browser.js';
import { errorPage, loginPage, mfaEmailSetupPage, mfaPage, mfaSetupPage, newPasswordPage, selectMfaPage, type FormContext } from './pages.js';
import { federationHref } from './federation.js';
import { errorPageLocation } from './error.js';

/** The form field each MFA challenge's code answers in. */
const CODE_RESPONSE: Record<string, string> = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};
/** UNSURE: the hosted page's text when the two new passwords differ (checked by the page, as Cognito's does). */
export const PASSWORDS_DIFFER = 'Password does not match the confirm password.';

/** The authorization request of a hosted page, or the answer that refuses it. */
function authorizationOf(ctx: Context, request: FastifyRequest, reply: FastifyReply): AuthorizationRequest | undefined {
  const read = readAuthorizationRequest(ctx, queryOf(request));
  if ('ok' in read) return read.ok;
  if ('redirectTo' in read) void redirect(reply, read.redirectTo);
  else if (read.page.status === 404) void sendPage(reply, 404, errorPage(read.page.error, read.page.description));
  else void redirect(reply, errorPageLocation(read.page.error, read.page.description, queryOf(request).get('client_id')));
  return undefined;
}

const externalProviders = (ctx: Context, authorization: AuthorizationRequest) =>
  (authorization.client.SupportedIdentityProviders ?? [])
    .filter((name) => name !== 'COGNITO' && ctx.store.identityProviders.get(authorization.pool.id, name))
    .map((name) => ({ name, href: federationHref(authorization.parameters, name) }));

function showLogin(ctx: Context, reply: FastifyReply, authorization: AuthorizationRequest, form: FormContext, error?: string, username?: string) {
  const cognito = (authorization.client.SupportedIdentityProviders ?? []).includes('COGNITO');
  return sendPage(reply, error ? 400 : 200, loginPage({ ...form, error, username, cognito, providers: externalProviders(ctx, authorization) }));
}

export const loginPageRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const authorization = authorizationOf(ctx, request, reply);
  if (!authorization) return reply;
  return showLogin(ctx, reply, authorization, { action: request.url, csrf: csrfToken(request, reply) });
};

export const loginFormRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const authorization = authorizationOf(ctx, request, reply);
  if (!authorization) return reply;
  const form = formOf(request);
  if (!isOwnForm(request, form)) return sendPage(reply, 403, errorPage('invalid_request', FORM_NOT_OURS));
  const page: FormContext = { action: request.url, csrf: csrfToken(request, reply) };
  const challenge = form.get('challenge');
  const username = form.get('username') ?? '';

  if (!challenge) {
    let answer: AuthResponse;
    try {
      const call = callOf(request, authorization.pool);
      const initiate = { ctx, pool: authorization.pool, client: authorization.client, flow: 'HOSTED_UI', parameters: {}, admin: false, call, origin: eventOrigin(call) };
      answer = await passwordSignIn(initiate, username, form.get('password') ?? '', { deviceKey: null, admin: false, hosted: true });
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      return showLogin(ctx, reply, authorization, page, error.message, username);
    }
    return next(ctx, request, reply, authorization, page, answer, username);
  }

  const session = form.get('session') ?? '';
  const reshow = (message: string, sameSession: string) => showChallenge(reply, { ...page, carry: carried(form) }, challenge, sameSession, username, message);
  try {
    if (challenge === 'NEW_PASSWORD_REQUIRED' && form.get('newPassword') !== form.get('confirmNewPassword')) return reshow(PASSWORDS_DIFFER, session);
    let answered: AuthResponse;
    if (challenge === 'MFA_SETUP' && form.get('setup') === 'EMAIL') {
      answered = await answer(ctx, request, authorization, 'MFA_SETUP', session, { USERNAME: username, EMAIL: form.get('email') ?? '' });
    } else if (challenge === 'MFA_SETUP') {
      const verified = await verifySoftwareToken({ Session: session, UserCode: form.get('code') ?? '' }, ctx);
      answered = await answer(ctx, request, authorization, 'MFA_SETUP', verified.Session!, { USERNAME: username });
    } else {
      answered = await answer(ctx, request, authorization, challenge, session, responsesOf(challenge, username, form));
    }
    return next(ctx, request, reply, authorization, page, answered, username);
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    // A mistyped code or a refused new password keeps the step (and its Session); anything else starts over.
    if (error.keepsSession || (challenge === 'MFA_SETUP' && isRetryableSetup(error))) return reshow(error.message, session);
    return showLogin(ctx, reply, authorization, page, error.message, username);
  }
};

/** VerifySoftwareToken keeps the MFA_SETUP Session for a mistyped code (a few times). */
const isRetryableSetup = (error: CognitoError) => error.type === 'CodeMismatchException' || error.type === 'EnableSoftwareTokenMFAException';

function responsesOf(challenge: string, username: string, form: URLSearchParams): Record<string, string> {
  const responses: Record<string, string> = { USERNAME: username };
  if (CODE_RESPONSE[challenge]) responses[CODE_RESPONSE[challenge]] = form.get('code') ?? '';
  if (challenge === 'SELECT_MFA_TYPE') responses.ANSWER = form.get('answer') ?? '';
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    responses.NEW_PASSWORD = form.get('newPassword') ?? '';
    for (const [name, value] of form) if (name.startsWith('userAttributes.')) responses[name] = value;
  }
  return responses;
}

const answer = (ctx: Context, request: FastifyRequest, authorization: AuthorizationRequest, challengeName: string, session: string, responses: Record<string, string>) =>
  respondToChallenge({
    ctx,
    pool: authorization.pool,
    client: authorization.client,
    challengeName,
    session,
    responses,
    admin: false,
    hosted: true,
    call: callOf(request, authorization.pool),
  });

/** After a step: the browser signed in (then the code goes to the redirect_uri), or the next challenge's page. */
async function next(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  authorization: AuthorizationRequest,
  page: FormContext,
  answered: AuthResponse,
  typedUsername: string,
) {
  if (answered.SignedIn) {
    const user = ctx.store.users.byUsernameKey(authorization.pool.id, usernameKeyFor(authorization.pool, answered.SignedIn.username));
    return completeSignIn(ctx, request, reply, authorization, user!, answered.SignedIn.authTime, { newSession: true });
  }
  const challenge = answered.ChallengeName!;
  const parameters = answered.ChallengeParameters;
  const username = parameters.USER_ID_FOR_SRP ?? typedUsername;
  if (challenge === 'MFA_SETUP') {
    // An authenticator app when the pool offers one, else an email address (MFA_SETUP answered with EMAIL).
    const offered = JSON.parse(parameters.MFAS_CAN_SETUP ?? '["SOFTWARE_TOKEN_MFA"]') as string[];
    if (!offered.includes('SOFTWARE_TOKEN_MFA') && offered.includes('EMAIL_OTP')) {
      return sendPage(reply, 200, mfaEmailSetupPage({ ...page, carry: { setup: 'EMAIL' }, session: answered.Session!, username }));
    }
    const associated = await associateSoftwareToken({ Session: answered.Session }, ctx);
    return showMfaSetup(reply, page, associated.Session!, username, associated.SecretCode, authorization.pool.description.Name);
  }
  const carry: Record<string, string> = {};
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    const required = (JSON.parse(parameters.requiredAttributes ?? '[]') as string[]).map((name) => name.replace(/^userAttributes\./, ''));
    carry.required = required.join(',');
  }
  if (challenge === 'SELECT_MFA_TYPE') carry.options = (JSON.parse(parameters.MFAS_CAN_CHOOSE ?? '[]') as string[]).join(',');
  if (parameters.CODE_DELIVERY_DESTINATION) carry.destination = parameters.CODE_DELIVERY_DESTINATION;
  return showChallenge(reply, { ...page, carry }, challenge, answered.Session!, username);
}

/** The carried fields of a posted step, to show it again. */
const carried = (form: URLSearchParams): Record<string, string> =>
  Object.fromEntries(['required', 'options', 'destination', 'secretCode', 'poolName', 'setup'].flatMap((name) => (form.has(name) ? [[name, form.get(name)!]] : [])));

/** A challenge's page; what it needs again on a retry (required attributes, choices, secret) rides in the form. */
function showChallenge(reply: FastifyReply, page: FormContext, challenge: string, session: string, username: string, error?: string) {
  const status = error ? 400 : 200;
  const carry = page.carry ?? {};
  switch (challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return sendPage(reply, status, newPasswordPage({ ...page, session, username, requiredAttributes: (carry.required ?? '').split(',').filter(Boolean), error }));
    case 'SELECT_MFA_TYPE':
      return sendPage(reply, status, selectMfaPage({ ...page, session, username, options: (carry.options ?? '').split(',').filter(Boolean) }));
    case 'MFA_SETUP':
      if (carry.setup === 'EMAIL') return sendPage(reply, status, mfaEmailSetupPage({ ...page, session, username, error }));
      return showMfaSetup(reply, page, session, username, carry.secretCode ?? '', carry.poolName ?? '', error);
    default:
      return sendPage(reply, status, mfaPage({ ...page, session, challenge, username, error, destination: carry.destination }));
  }
}

function showMfaSetup(reply: FastifyReply, page: FormContext, session: string, username: string, secretCode: string, poolName: string, error?: string) {
  const otpauthUri = `otpauth://totp/${encodeURIComponent(poolName)}:${encodeURIComponent(username)}?secret=${secretCode}&issuer=${encodeURIComponent(poolName)}`;
  const carry = { ...page.carry, secretCode, poolName };
  return sendPage(reply, error ? 400 : 200, mfaSetupPage({ ...page, carry, session, username, secretCode, otpauthUri, error }));
}
