import type { Call, Context } from '../../context.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { clientIdsFor } from '../../domain/fixedIds.js';
import { findPool } from '../../domain/userPools.js';
import { checkClientAttributes } from '../../domain/attributes.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface UserPoolClientSettings {
  UserPoolId: string;
  ClientName?: string;
  GenerateSecret?: boolean;
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
  [member: string]: unknown;
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Builds the stored client from settings; what the request leaves out takes its default (Create and Update alike). */
export function clientDescription(
  settings: UserPoolClientSettings,
  identity: { ClientId: string; ClientName: string; ClientSecret?: string; CreationDate: number },
  now: number,
): UserPoolClientDescription {
  const { GenerateSecret, UserPoolId, ClientName, ...rest } = settings;
  checkExplicitAuthFlows(rest.ExplicitAuthFlows);
  const units = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days', ...rest.TokenValidityUnits };
  checkValidity('AccessToken', rest.AccessTokenValidity, units.AccessToken, 300, 86400);
  checkValidity('IdToken', rest.IdTokenValidity, units.IdToken, 300, 86400);
  checkValidity('RefreshToken', rest.RefreshTokenValidity || undefined, units.RefreshToken, 3600, 315360000);
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
  };
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

export default function createUserPoolClient(input: UserPoolClientSettings & { ClientName: string }, ctx: Context, call?: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  checkClientAttributes(pool, input, 'creating');
  const now = ctx.clock.now();
  const client = clientDescription(
    input,
    { ...clientIdsFor(ctx, call?.fixedIds, pool, input.ClientName, input.GenerateSecret === true), ClientName: input.ClientName, CreationDate: now / 1000 },
    now,
  );
  ctx.store.transaction(() => ctx.store.clients.insert(client, now));
  return { UserPoolClient: client };
}
