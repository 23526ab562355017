import type { Call, Context } from '../../context.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { clientIdsFor } from '../../domain/fixedIds.js';
import { findPool } from '../../domain/userPools.js';
import { checkClientAttributes } from '../../domain/attributes.js';
import { InvalidParameter } from '../../protocol/errors.js';
import type { Store } from '../../store/store.js';
import { checkOAuthSettings } from '../../domain/oauth/clientSettings.js';
import { clientSecretId } from '../../domain/appClients.js';

export interface UserPoolClientSettings {
  UserPoolId: string;
  ClientName?: string;
  GenerateSecret?: boolean;
  ClientSecret?: string;
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: UserPoolClientDescription['TokenValidityUnits'];
  ExplicitAuthFlows?: string[];
  PreventUserExistenceErrors?: 'LEGACY' | 'ENABLED';
  EnableTokenRevocation?: boolean;
  AuthSessionValidity?: number;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  RefreshTokenRotation?: UserPoolClientDescription['RefreshTokenRotation'];
  [member: string]: unknown;
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Builds the stored client from settings; what the request leaves out takes its default (Create and Update alike). */
export function clientDescription(
  store: Store,
  settings: UserPoolClientSettings,
  identity: { ClientId: string; ClientName: string; ClientSecret?: string; CreationDate: number },
  now: number,
): UserPoolClientDescription {
  const { GenerateSecret, ClientSecret, UserPoolId, ClientName, ...rest } = settings;
  checkExplicitAuthFlows(rest.ExplicitAuthFlows);
  checkRefreshTokenRotation(rest);
  const units = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days', ...rest.TokenValidityUnits };
  checkValidity('AccessToken', rest.AccessTokenValidity, units.AccessToken, 300, 86400);
  checkValidity('IdToken', rest.IdTokenValidity, units.IdToken, 300, 86400);
  checkValidity('RefreshToken', rest.RefreshTokenValidity || undefined, units.RefreshToken, 3600, 315360000);
  checkOAuthSettings(store, settings, identity.ClientSecret !== undefined);
  return {
    UserPoolId,
    ClientName: identity.ClientName,
    ClientId: identity.ClientId,
    ...(identity.ClientSecret ? { ClientSecret: identity.ClientSecret } : {}),
    LastModifiedDate: now / 1000,
    CreationDate: identity.CreationDate,
    AllowedOAuthFlowsUserPoolClient: false,
    PreventUserExistenceErrors: 'LEGACY',
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    ...rest,
    RefreshTokenValidity: rest.RefreshTokenValidity || 30,
    TokenValidityUnits: units,
    AuthSessionValidity: rest.AuthSessionValidity ?? 3,
    RefreshTokenRotation: { Feature: rest.RefreshTokenRotation?.Feature ?? 'DISABLED', RetryGracePeriodSeconds: rest.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0 },
  };
}

/**
 * UNSURE: Cognito's text when rotation is turned on while ExplicitAuthFlows still allows
 * REFRESH_TOKEN_AUTH. The developer guide says the two are incompatible and the flow must be turned
 * off; Terraform users drop ALLOW_REFRESH_TOKEN_AUTH to enable rotation (terraform-provider-aws #47196).
 */
export const ROTATION_WITH_REFRESH_TOKEN_AUTH = 'ALLOW_REFRESH_TOKEN_AUTH cannot be enabled when refresh token rotation is enabled.';

function checkRefreshTokenRotation(settings: Pick<UserPoolClientDescription, 'RefreshTokenRotation' | 'ExplicitAuthFlows'>) {
  if (settings.RefreshTokenRotation?.Feature !== 'ENABLED') return;
  if (settings.ExplicitAuthFlows?.includes('ALLOW_REFRESH_TOKEN_AUTH')) throw InvalidParameter(ROTATION_WITH_REFRESH_TOKEN_AUTH);
}

function checkValidity(name: string, value: number | undefined, unit: string, minSeconds: number, maxSeconds: number) {
  if (value === undefined) return;
  const seconds = value * UNIT_SECONDS[unit];
  if (seconds < minSeconds || seconds > maxSeconds) {
    throw InvalidParameter(`${name} validity must be between ${minSeconds / 60} minutes and ${maxSeconds / 86400} days.`);
  }
}

const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

function checkExplicitAuthFlows(flows: string[] | undefined) {
  if (!flows) return;
  const legacy = flows.filter((f) => LEGACY_FLOWS.has(f));
  if (legacy.length && legacy.length !== flows.length) {
    throw InvalidParameter('The ExplicitAuthFlows cannot contain both legacy and new auth flow values.');
  }
}

/** UNSURE: Cognito's text when both GenerateSecret and ClientSecret are given (the API reference forbids it). */
export const SECRET_GENERATED_AND_GIVEN = 'You cannot specify both GenerateSecret as true and provide a ClientSecret value.';

export default function createUserPoolClient(input: UserPoolClientSettings & { ClientName: string }, ctx: Context, call?: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  checkClientAttributes(pool, input, 'creating');
  if (input.GenerateSecret && input.ClientSecret !== undefined) throw InvalidParameter(SECRET_GENERATED_AND_GIVEN);
  const now = ctx.clock.now();
  const ids = clientIdsFor(ctx, call?.fixedIds, pool, input.ClientName, input.GenerateSecret === true);
  const secret = input.ClientSecret ?? ids.ClientSecret;
  const client = clientDescription(
    ctx.store,
    input,
    { ...ids, ...(secret ? { ClientSecret: secret } : {}), ClientName: input.ClientName, CreationDate: now / 1000 },
    now,
  );
  ctx.store.transaction(() => {
    ctx.store.clients.insert(client, now);
    if (secret) ctx.store.clients.addSecret(client.ClientId, clientSecretId(client.ClientId, now), secret, now);
  });
  return { UserPoolClient: client };
}
