/**
 * PreTokenGeneration: before the ID and access tokens are signed, the function may add, override and
 * suppress claims, change the groups, and (V2_0, V3_0) customize the access token and its scopes.
 * V1_0 sends `claimsOverrideDetails` (ID token only); V2_0 and V3_0 send
 * `claimsAndScopeOverrideDetails`, and their request adds the access token's `scopes`.
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import {
  eventUserAttributes,
  functionFor,
  invalidLambdaResponse,
  optionalString,
  optionalStringList,
  optionalStringMap,
  runTrigger,
  triggerEvent,
  withClientMetadata,
  type Caller,
} from './trigger.js';

export type TokenGenerationSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | 'TokenGeneration_ClientCredentials';

/** Why tokens are being made, for the trigger. */
export interface TokenGeneration {
  triggerSource: TokenGenerationSource;
  caller: Caller;
  clientMetadata?: Record<string, string>;
}

/** The claims of the two tokens about to be signed (changed in place). */
export interface TokenClaims {
  id: Record<string, unknown>;
  access: Record<string, unknown>;
}

/** The developer guide's list of ID token claims no function may add, override or suppress. */
export const PROTECTED_ID_CLAIMS = new Set([
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'sub', 'token_use',
]);
/**
 * UNSURE: the access token's protected claims: the ID token's list, and what identifies the access
 * token itself (client_id, scope, username, event_id, device_key, version); scopes change only
 * through scopesToAdd / scopesToSuppress.
 */
export const PROTECTED_ACCESS_CLAIMS = new Set([...PROTECTED_ID_CLAIMS, 'client_id', 'scope', 'username', 'event_id', 'device_key', 'version']);
/** Group claims change only through groupOverrideDetails (the developer guide). */
const GROUP_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'cognito:preferred_role']);
/**
 * UNSURE: a function adding, overriding or suppressing a protected claim is not refused; that part
 * of its answer is ignored and the token keeps Cognito's value.
 */
export const PROTECTED_CLAIM_CHANGES_IGNORED = true;

/**
 * The event's `version` per LambdaConfig.PreTokenGenerationConfig.LambdaVersion: V2_0 events say "2"
 * (AWS's own sample in aws-lambda-go). UNSURE: "3" for V3_0, by the same rule.
 */
export const EVENT_VERSION: Record<string, string> = { V1_0: '1', V2_0: '2', V3_0: '3' };
/** UNSURE: the `response` the event is sent with: the override details, null. */
export const V1_RESPONSE = { claimsOverrideDetails: null };
export const V2_RESPONSE = { claimsAndScopeOverrideDetails: null };

/** Runs PreTokenGeneration on the claims, if the pool has it; undefined (no promise) otherwise. */
export function preTokenGeneration(
  ctx: Context,
  pool: UserPool,
  user: User,
  claims: TokenClaims,
  generation: TokenGeneration,
): Promise<void> | undefined {
  if (!functionFor(pool, 'PreTokenGeneration')) return undefined;
  return customizeTokens(ctx, pool, user, claims, generation);
}

async function customizeTokens(ctx: Context, pool: UserPool, user: User, claims: TokenClaims, generation: TokenGeneration): Promise<void> {
  const lambdaVersion = pool.description.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion ?? 'V1_0';
  const v1 = lambdaVersion === 'V1_0';
  const scopes = String(claims.access.scope ?? '').split(' ').filter(Boolean);
  const event = triggerEvent(
    pool,
    generation.triggerSource,
    user.username,
    generation.caller,
    {
      userAttributes: eventUserAttributes(pool, user),
      groupConfiguration: {
        groupsToOverride: (claims.id['cognito:groups'] as string[] | undefined) ?? [],
        iamRolesToOverride: (claims.id['cognito:roles'] as string[] | undefined) ?? [],
        preferredRole: (claims.id['cognito:preferred_role'] as string | undefined) ?? null,
      },
      ...(v1 ? {} : { scopes }),
      ...withClientMetadata(generation.clientMetadata),
    },
    v1 ? { ...V1_RESPONSE } : { ...V2_RESPONSE },
    EVENT_VERSION[lambdaVersion] ?? '1',
  );
  const answer = await runTrigger(ctx, pool, 'PreTokenGeneration', event, (response) =>
    v1 ? readV1(response.claimsOverrideDetails) : readV2(response.claimsAndScopeOverrideDetails),
  );

  apply(claims.id, answer.id, PROTECTED_ID_CLAIMS);
  apply(claims.access, answer.access, PROTECTED_ACCESS_CLAIMS);
  changeScopes(claims.access, scopes, answer.access);
  if (answer.groups) {
    // The new groups replace cognito:groups in both tokens, the roles in the ID token; empty means none.
    const { groupsToOverride, iamRolesToOverride, preferredRole } = answer.groups;
    setOrDelete(claims.id, 'cognito:groups', groupsToOverride?.length ? groupsToOverride : undefined);
    setOrDelete(claims.access, 'cognito:groups', groupsToOverride?.length ? groupsToOverride : undefined);
    setOrDelete(claims.id, 'cognito:roles', iamRolesToOverride?.length ? iamRolesToOverride : undefined);
    setOrDelete(claims.id, 'cognito:preferred_role', preferredRole);
  }
}

/**
 * TokenGeneration_ClientCredentials: an access token for an app client itself (client_credentials),
 * customized by a V3_0 trigger only. The request has the scopes and the token request's
 * aws_client_metadata; only `accessTokenGeneration` applies. Undefined (no promise) otherwise.
 * UNSURE: userName is the app client id (there is no user), and the request has no userAttributes
 * or groupConfiguration.
 */
export function machineTokenGeneration(
  ctx: Context,
  pool: UserPool,
  access: Record<string, unknown>,
  generation: Omit<TokenGeneration, 'triggerSource'>,
): Promise<void> | undefined {
  if (!functionFor(pool, 'PreTokenGeneration') || pool.description.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion !== 'V3_0') return undefined;
  return customizeMachineToken(ctx, pool, access, generation);
}

async function customizeMachineToken(ctx: Context, pool: UserPool, access: Record<string, unknown>, generation: Omit<TokenGeneration, 'triggerSource'>) {
  const scopes = String(access.scope ?? '').split(' ').filter(Boolean);
  const event = triggerEvent(
    pool,
    'TokenGeneration_ClientCredentials',
    generation.caller.clientId,
    generation.caller,
    { scopes, ...withClientMetadata(generation.clientMetadata) },
    { ...V2_RESPONSE },
    EVENT_VERSION.V3_0,
  );
  const answer = await runTrigger(ctx, pool, 'PreTokenGeneration', event, (response) => readV2(response.claimsAndScopeOverrideDetails));
  apply(access, answer.access, PROTECTED_ACCESS_CLAIMS);
  changeScopes(access, scopes, answer.access);
}

/** scopesToAdd, then scopesToSuppress, on the access token's `scope`. */
function changeScopes(access: Record<string, unknown>, scopes: string[], changes: TokenChanges): void {
  if (!changes.scopesToAdd && !changes.scopesToSuppress) return;
  const suppressed = new Set(changes.scopesToSuppress ?? []);
  access.scope = [...new Set([...scopes, ...(changes.scopesToAdd ?? [])])].filter((scope) => !suppressed.has(scope)).join(' ');
}

interface TokenChanges {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
  scopesToAdd?: string[];
  scopesToSuppress?: string[];
}

interface Customization {
  id: TokenChanges;
  access: TokenChanges;
  groups?: { groupsToOverride?: string[]; iamRolesToOverride?: string[]; preferredRole?: string };
}

const objectOrNothing = (value: unknown): Record<string, unknown> | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse();
  return value as Record<string, unknown>;
};

/** V1_0: string claims, ID token only. */
function readV1(value: unknown): Customization {
  const details = objectOrNothing(value) ?? {};
  return {
    id: { claimsToAddOrOverride: optionalStringMap(details.claimsToAddOrOverride), claimsToSuppress: optionalStringList(details.claimsToSuppress) },
    access: {},
    groups: readGroups(details.groupOverrideDetails),
  };
}

/** V2_0 / V3_0: claims of any JSON type, both tokens, and the access token's scopes. */
function readV2(value: unknown): Customization {
  const details = objectOrNothing(value) ?? {};
  const id = objectOrNothing(details.idTokenGeneration) ?? {};
  const access = objectOrNothing(details.accessTokenGeneration) ?? {};
  return {
    id: { claimsToAddOrOverride: objectOrNothing(id.claimsToAddOrOverride), claimsToSuppress: optionalStringList(id.claimsToSuppress) },
    access: {
      claimsToAddOrOverride: objectOrNothing(access.claimsToAddOrOverride),
      claimsToSuppress: optionalStringList(access.claimsToSuppress),
      scopesToAdd: optionalStringList(access.scopesToAdd),
      scopesToSuppress: optionalStringList(access.scopesToSuppress),
    },
    groups: readGroups(details.groupOverrideDetails),
  };
}

/**
 * UNSURE: "If you provide an empty or null object in the response, then Amazon Cognito suppresses
 * the groups": an empty groupOverrideDetails suppresses them; null or absent leaves them as they are
 * (a function that only adds claims keeps the user's groups).
 */
export const NULL_GROUP_OVERRIDE_KEEPS_GROUPS = true;

function readGroups(value: unknown): Customization['groups'] {
  const details = objectOrNothing(value) ?? (NULL_GROUP_OVERRIDE_KEEPS_GROUPS || value === undefined ? undefined : {});
  if (!details) return undefined;
  return {
    groupsToOverride: optionalStringList(details.groupsToOverride),
    iamRolesToOverride: optionalStringList(details.iamRolesToOverride),
    preferredRole: optionalString(details.preferredRole),
  };
}

/** Suppression wins over an override of the same claim (the developer guide). */
function apply(claims: Record<string, unknown>, changes: TokenChanges, protectedClaims: Set<string>): void {
  const allowed = (name: string) => !protectedClaims.has(name) && !GROUP_CLAIMS.has(name);
  for (const [name, value] of Object.entries(changes.claimsToAddOrOverride ?? {})) {
    if (name === '__proto__') continue;
    if (allowed(name) || !PROTECTED_CLAIM_CHANGES_IGNORED) claims[name] = value;
  }
  for (const name of changes.claimsToSuppress ?? []) {
    if (allowed(name) || !PROTECTED_CLAIM_CHANGES_IGNORED) delete claims[name];
  }
}

function setOrDelete(claims: Record<string, unknown>, name: string, value: unknown): void {
  if (value === undefined || value === null) delete claims[name];
  else claims[name] = value;
}
