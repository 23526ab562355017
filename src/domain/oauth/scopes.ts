/** OAuth 2.0 scopes of a user pool: the five standard ones and the resource servers' custom ones. */
import type { Store } from '../../store/store.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';

/** The scopes every pool knows (docs: "system-reserved scopes"). */
export const STANDARD_SCOPES: readonly string[] = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];
/** Scopes that name user claims; Cognito grants them only together with `openid`. */
export const OPENID_ONLY_SCOPES: readonly string[] = ['phone', 'email', 'profile'];

/** Splits a space-separated `scope` parameter, dropping repeats and empty parts. */
export const parseScopes = (scope: string | undefined): string[] => [...new Set((scope ?? '').split(' ').filter(Boolean))];

/**
 * The scopes a client may be granted now: its AllowedOAuthScopes, less custom scopes whose resource
 * server or scope was deleted since (docs: such a scope "is ignored and is not included in the
 * access token"; it comes back if the scope is re-added).
 */
export function grantableScopes(store: Store, client: UserPoolClientDescription): string[] {
  const allowed = client.AllowedOAuthScopes ?? [];
  if (allowed.every((scope) => STANDARD_SCOPES.includes(scope))) return allowed;
  const custom = store.resourceServers.customScopes(client.UserPoolId);
  return allowed.filter((scope) => STANDARD_SCOPES.includes(scope) || custom.has(scope));
}

/**
 * The scopes granted for a request: all grantable ones when none is asked for; otherwise the asked
 * ones, or undefined (`invalid_scope`) when one of them is not the client's. Deleted custom scopes
 * the client still lists are dropped silently.
 */
export function grantedScopes(store: Store, client: UserPoolClientDescription, requested: string[]): string[] | undefined {
  const grantable = grantableScopes(store, client);
  if (!requested.length) return grantable;
  const allowed = client.AllowedOAuthScopes ?? [];
  if (requested.some((scope) => !allowed.includes(scope))) return undefined;
  return requested.filter((scope) => grantable.includes(scope));
}

/** The attributes each scope opens (developer guide, app client settings: "The email scope grants access to the email and email_verified claims"). */
const SCOPE_ATTRIBUTES: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};
/**
 * UNSURE: `profile` ("grants access to all user attributes that are readable by the client") and,
 * as for its API, aws.cognito.signin.user.admin open every readable attribute; `openid` alone opens none.
 */
export const ALL_ATTRIBUTE_SCOPES: readonly string[] = ['profile', 'aws.cognito.signin.user.admin'];

/** Whether these granted scopes open this attribute to the userInfo endpoint. */
export function scopesOpen(scopes: readonly string[], attribute: string): boolean {
  return scopes.some((scope) => ALL_ATTRIBUTE_SCOPES.includes(scope) || (SCOPE_ATTRIBUTES[scope] ?? []).includes(attribute));
}
