import type { Context } from '../../context.js';
import { ALL_CLIENTS } from '../../store/uiCustomizations.js';
import { findPool } from '../../domain/userPools.js';
import { findPoolClient } from '../../domain/appClients.js';

/**
 * The branding a client's hosted pages show: its own, else the pool's default (ClientId ALL), else an
 * empty object [DOC GetUICustomization: "Returns an empty object if you haven't applied hosted UI branding
 * to either the client or the user pool"; Terraform's reader relies on it].
 */
export default function getUICustomization(input: { UserPoolId: string; ClientId?: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const clientId = input.ClientId ?? ALL_CLIENTS;
  if (clientId !== ALL_CLIENTS) findPoolClient(ctx, pool.id, clientId);
  const own = clientId === ALL_CLIENTS ? undefined : ctx.store.uiCustomizations.get(pool.id, clientId);
  return { UICustomization: own ?? ctx.store.uiCustomizations.get(pool.id, ALL_CLIENTS) ?? {} };
}
