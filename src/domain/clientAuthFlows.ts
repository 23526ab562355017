/** Which sign-in flows an app client allows (ExplicitAuthFlows, legacy names included). */
import type { UserPoolClientDescription } from '../store/userPoolClients.js';
import { InvalidParameter } from '../protocol/errors.js';

/** Cognito's default when ExplicitAuthFlows is not set. */
export const DEFAULT_AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

const LEGACY_EQUIVALENT: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
};

/**
 * Refresh token rotation (RefreshTokenRotation.Feature ENABLED): every refresh hands out a new refresh
 * token and retires the one presented, which REFRESH_TOKEN_AUTH cannot do, so the docs have the client
 * turn that flow off; GetTokensFromRefreshToken and the token endpoint refresh instead.
 */
export const rotatesRefreshTokens = (client: UserPoolClientDescription) => client.RefreshTokenRotation?.Feature === 'ENABLED';

/** Whether a refresh token may be exchanged at all: the flow allowed, or rotation (which needs no flag). */
export const allowsRefresh = (client: UserPoolClientDescription) => rotatesRefreshTokens(client) || allowsAuthFlow(client, 'REFRESH_TOKEN_AUTH');

export function allowsAuthFlow(client: UserPoolClientDescription, flow: string): boolean {
  // With rotation on, the default flows leave REFRESH_TOKEN_AUTH out (it cannot rotate).
  if (flow === 'REFRESH_TOKEN_AUTH' && rotatesRefreshTokens(client)) return false;
  const configured = client.ExplicitAuthFlows?.length ? client.ExplicitAuthFlows : DEFAULT_AUTH_FLOWS;
  const allowed = new Set(configured.map((f) => LEGACY_EQUIVALENT[f] ?? f));
  // Legacy clients always allowed SRP and refresh.
  if (configured.some((f) => f in LEGACY_EQUIVALENT)) {
    allowed.add('ALLOW_USER_SRP_AUTH');
    allowed.add('ALLOW_REFRESH_TOKEN_AUTH');
  }
  return allowed.has(`ALLOW_${flow}`);
}

/** The client must allow the flow (ExplicitAuthFlows). */
export function checkFlowAllowed(client: UserPoolClientDescription, flow: string): void {
  const allowFlag = flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow;
  if (!allowsAuthFlow(client, allowFlag)) {
    throw InvalidParameter(flow.startsWith('ADMIN') ? 'Auth flow not enabled for this client' : `${flow} flow not enabled for this client`);
  }
}
