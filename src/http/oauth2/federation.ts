/**
 * Sign-in through an external identity provider, without the provider: kognito never calls Google,
 * a SAML IdP or an OIDC issuer. /oauth2/authorize with identity_provider (or idp_identifier, or the
 * provider's button on /login) opens a stand-in page, GET /federation, where the test or developer
 * chooses the external user (its subject and the claims the provider's AttributeMapping reads). The
 * page posts to POST /oauth2/idpresponse, Cognito's own return path from providers, which signs in:
 *
 *   the external identity linked to a pool user (AdminLinkProviderForUser) -> that user;
 *   otherwise the federated user `<ProviderName>_<subject>` (EXTERNAL_PROVIDER), made on first sign-in,
 *   its mapped attributes refreshed from the claims on every sign-in (as Cognito does).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import type { IdentityProvider } from '../../store/identityProviders.js';
import { refreshIdentities } from '../../domain/identityProviders.js';
import { uuid } from '../../domain/ids.js';
import { findUser, newUser, usernameKeyFor } from '../../domain/users.js';
import { callOf, formOf, queryOf, redirect, sendPage, withParameters } from './http.js';
import { CognitoError } from '../../protocol/errors.js';
import { preventsUserExistenceErrors } from '../../domain/appClients.js';
import { preAuthentication, postAuthentication } from '../../domain/triggers/authentication.js';
import { postConfirmation, preSignUp } from '../../domain/triggers/signUp.js';
import { readAuthorizationRequest, type AuthorizationRequest } from './request.js';
import { FORM_NOT_OURS, completeSignIn, csrfToken, isOwnForm } from './browser.js';
import { errorPageLocation } from './error.js';
import { errorPage, federationPage } from './pages.js';

/** The stand-in page of one provider, for this authorization request. */
export function federationHref(parameters: URLSearchParams, providerName: string): string {
  const carried = new URLSearchParams(parameters);
  carried.delete('idp_identifier');
  carried.set('identity_provider', providerName);
  return `/federation?${carried}`;
}

/** The federated user's name in the pool: `<ProviderName>_<subject>`, as Cognito names them. */
export const federatedUsername = (provider: IdentityProvider, subject: string) => `${provider.ProviderName}_${subject}`;

function providerRequest(ctx: Context, request: FastifyRequest, reply: FastifyReply): AuthorizationRequest | undefined {
  const query = queryOf(request);
  const read = readAuthorizationRequest(ctx, query);
  if ('ok' in read && read.ok.provider) return read.ok;
  if ('redirectTo' in read) void redirect(reply, read.redirectTo);
  else if ('page' in read && read.page.status === 404) void sendPage(reply, 404, errorPage(read.page.error, read.page.description));
  else if ('page' in read) void redirect(reply, errorPageLocation(read.page.error, read.page.description, query.get('client_id')));
  else void redirect(reply, errorPageLocation('invalid_request', 'identity_provider is required', query.get('client_id')));
  return undefined;
}

/** The claims the stand-in page asks for: those the provider's AttributeMapping reads, but the subject. */
const mappedClaims = (provider: IdentityProvider) =>
  [...new Set(Object.entries(provider.AttributeMapping).filter(([attribute]) => attribute !== 'username').map(([, claim]) => claim))];

export const federationPageRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const authorization = providerRequest(ctx, request, reply);
  if (!authorization) return reply;
  const provider = authorization.provider!;
  return sendPage(
    reply,
    200,
    federationPage({
      action: `/oauth2/idpresponse?${authorization.parameters}`,
      csrf: csrfToken(request, reply),
      provider: provider.ProviderName,
      providerType: provider.ProviderType,
      claims: mappedClaims(provider),
    }),
  );
};

export const idpResponseRoute = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const authorization = providerRequest(ctx, request, reply);
  if (!authorization) return reply;
  const form = formOf(request);
  if (!isOwnForm(request, form)) return sendPage(reply, 403, errorPage('invalid_request', FORM_NOT_OURS));
  const provider = authorization.provider!;
  const subject = form.get('sub');
  if (!subject || form.get('provider') !== provider.ProviderName) return sendPage(reply, 400, errorPage('invalid_request', 'The external user id is required.'));
  const claims: Record<string, string> = Object.create(null);
  for (const [name, value] of form) if (name.startsWith('claim.') && value !== '') claims[name.slice('claim.'.length)] = value;

  // The triggers of a federated sign-in: the sign-up ones the first time, the authentication ones after.
  const { pool, client } = authorization;
  const caller = { clientId: client.ClientId, call: callOf(request, pool) };
  const known = knownUser(ctx, authorization, provider, subject);
  const autoVerified: ('email' | 'phone_number')[] = [];
  try {
    if (!known) {
      const decided = await preSignUp(ctx, pool, 'PreSignUp_ExternalProvider', federatedUsername(provider, subject), mappedAttributes(provider, claims), caller, undefined, undefined);
      if (decided?.autoVerifyEmail) autoVerified.push('email');
      if (decided?.autoVerifyPhone) autoVerified.push('phone_number');
    } else {
      await preAuthentication(ctx, pool, known, known.username, caller, preventsUserExistenceErrors(client), undefined);
    }
  } catch (error) {
    if (error instanceof CognitoError) return redirect(reply, triggerErrorLocation(authorization, error));
    throw error;
  }
  const user = ctx.store.transaction(() => {
    const signedIn = federatedSignIn(ctx, authorization, provider, subject, claims);
    if (!autoVerified.length) return signedIn;
    for (const attribute of autoVerified) signedIn.attributes[`${attribute}_verified`] = 'true';
    ctx.store.users.update(signedIn);
    return signedIn;
  });
  if (!user.enabled) return sendPage(reply, 400, errorPage('invalid_request', 'User is disabled.'));
  try {
    if (!known) await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', caller, undefined);
    else await postAuthentication(ctx, pool, user, caller, false, undefined);
  } catch (error) {
    if (error instanceof CognitoError) return redirect(reply, triggerErrorLocation(authorization, error));
    throw error;
  }
  return completeSignIn(ctx, request, reply, authorization, user, ctx.clock.nowSeconds(), { newSession: true });
};

/**
 * UNSURE: a federated user's first sign-in runs PreSignUp_ExternalProvider and
 * PostConfirmation_ConfirmSignUp, the later ones PreAuthentication and PostAuthentication (each
 * then PreTokenGeneration TokenGeneration_HostedAuth at the token endpoint), as the developer guide's
 * table of federated trigger sources reads.
 */
export const FEDERATED_FIRST_SIGN_IN_RUNS_SIGN_UP_TRIGGERS = true;

/**
 * A trigger's error ends a hosted sign-in at the app's callback URL, as Cognito does ("they can see
 * errors that Lambda triggers generate in query parameters that Amazon Cognito adds to the callback URL").
 */
function triggerErrorLocation(authorization: AuthorizationRequest, error: CognitoError): string {
  return withParameters(
    authorization.redirectUri,
    { error_description: error.message, error: 'invalid_request', state: authorization.state },
    authorization.responseType === 'token',
  );
}

/** The pool user an external user already is (linked, or made by an earlier sign-in), if any. */
function knownUser(ctx: Context, authorization: AuthorizationRequest, provider: IdentityProvider, subject: string): User | undefined {
  const { pool } = authorization;
  const linked = ctx.store.identityProviders.linked(pool.id, provider.ProviderName, subject);
  const user = linked && findUser(ctx.store, pool, linked.username);
  if (user || !FEDERATED_FIRST_SIGN_IN_RUNS_SIGN_UP_TRIGGERS) return user || undefined;
  return ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, federatedUsername(provider, subject)));
}

/** The pool attributes the provider's claims give, by its AttributeMapping. */
function mappedAttributes(provider: IdentityProvider, claims: Record<string, string>): Record<string, string> {
  const mapped: Record<string, string> = Object.create(null);
  for (const [attribute, claim] of Object.entries(provider.AttributeMapping)) {
    if (attribute !== 'username' && claims[claim] !== undefined) mapped[attribute] = claims[claim];
  }
  return mapped;
}

/** The pool user an external user signs in as, made or refreshed from the provider's claims. */
function federatedSignIn(ctx: Context, authorization: AuthorizationRequest, provider: IdentityProvider, subject: string, claims: Record<string, string>): User {
  const { pool } = authorization;
  const linked = ctx.store.identityProviders.linked(pool.id, provider.ProviderName, subject);
  if (linked) {
    const user = findUser(ctx.store, pool, linked.username);
    if (user) return user;
  }
  const now = ctx.clock.now();
  const username = federatedUsername(provider, subject);
  const mapped = mappedAttributes(provider, claims);
  const existing = ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, username));
  if (existing) {
    existing.attributes = { ...existing.attributes, ...mapped };
    existing.modifiedAt = now;
    ctx.store.users.update(existing);
    return existing;
  }
  const user = newUser(pool, { username, sub: uuid(), status: 'EXTERNAL_PROVIDER', attributes: { ...mapped } }, now);

  ctx.store.identityProviders.link(pool.id, { providerName: provider.ProviderName, providerUserId: subject, providerAttributeName: 'Cognito_Subject', username, createdAt: now });
  refreshIdentities(ctx, user, provider.ProviderName);
  ctx.store.users.insert(user);
  return user;
}
