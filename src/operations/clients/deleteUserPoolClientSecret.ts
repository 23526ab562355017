import type { Context } from '../../context.js';
import { findPoolClient } from '../../domain/appClients.js';
import { InvalidParameter, ResourceNotFound } from '../../protocol/errors.js';

/** UNSURE: Cognito's texts for an unknown secret id and for the last secret. */
export const secretNotFound = (secretId: string) => `Client secret ${secretId} does not exist.`;
export const LAST_SECRET = 'You cannot delete the last remaining client secret of an app client.';

/** Retires one secret; DescribeUserPoolClient then shows the oldest one left. */
export default function deleteUserPoolClientSecret(input: { UserPoolId: string; ClientId: string; ClientSecretId: string }, ctx: Context) {
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  const secrets = ctx.store.clients.secrets(client.ClientId);
  if (!secrets.some((secret) => secret.ClientSecretId === input.ClientSecretId)) throw ResourceNotFound(secretNotFound(input.ClientSecretId));
  if (secrets.length === 1) throw InvalidParameter(LAST_SECRET);
  const remaining = secrets.find((secret) => secret.ClientSecretId !== input.ClientSecretId)!;
  ctx.store.transaction(() => {
    ctx.store.clients.deleteSecret(input.ClientSecretId);
    ctx.store.clients.update({ ...client, ClientSecret: remaining.ClientSecretValue });
  });
  return {};
}
