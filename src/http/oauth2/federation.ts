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
import { findUser, usernameKeyFor } from '../../domain/users.js';
import { formOf, queryOf, redirect, sendPage } from './http.js';
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

  const user = ctx.store.transaction(() => federatedSignIn(ctx, authorization, provider, subject, claims));
  if (!user.enabled) return sendPage(reply, 400, errorPage('invalid_request', 'User is disabled.'));
  return completeSignIn(ctx, request, reply, authorization, user, ctx.clock.nowSeconds(), { newSession: true });
};

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
  const mapped: Record<string, string> = Object.create(null);
  for (const [attribute, claim] of Object.entries(provider.AttributeMapping)) {
    if (attribute !== 'username' && claims[claim] !== undefined) mapped[attribute] = claims[claim];
  }
  const existing = ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, username));
  if (existing) {
    existing.attributes = { ...existing.attributes, ...mapped };
    existing.modifiedAt = now;
    ctx.store.users.update(existing);
    return existing;
  }
  const sub = uuid();
  const user: User = {
    userPoolId: pool.id,
    username,
    usernameKey: usernameKeyFor(pool, username),
    sub,
    status: 'EXTERNAL_PROVIDER',
    enabled: true,
    attributes: { ...mapped },
    passwordSalt: null,
    passwordVerifier: null,
    mfa: {},
    codes: {},
    failedSignIns: 0,
    lockedUntil: 0,
    createdAt: now,
    modifiedAt: now,
  };
  ctx.store.identityProviders.link(pool.id, { providerName: provider.ProviderName, providerUserId: subject, providerAttributeName: 'Cognito_Subject', username, createdAt: now });
  refreshIdentities(ctx, user, provider.ProviderName);
  ctx.store.users.insert(user);
  return user;
}
