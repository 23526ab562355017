import type { Context } from '../../context.js';
import { clientSecretId, findPoolClient } from '../../domain/appClients.js';
import { newClientSecret } from '../../domain/ids.js';
import { CognitoError, InvalidParameter } from '../../protocol/errors.js';

/** A confidential client has at most this many secrets at once (API reference: "up to 2 active secrets"). */
export const MAX_CLIENT_SECRETS = 2;
/** UNSURE: Cognito's texts for a public client and for a third secret. */
export const PUBLIC_CLIENT_HAS_NO_SECRETS = (clientId: string) => `Client ${clientId} is not configured with a client secret.`;
export const TOO_MANY_SECRETS = `An app client can have at most ${MAX_CLIENT_SECRETS} client secrets.`;

/**
 * A second secret for a confidential client, for rotation without downtime: until one is deleted,
 * either secret works for SecretHash, ClientSecret parameters and the token endpoint.
 */
export default function addUserPoolClientSecret(input: { UserPoolId: string; ClientId: string; ClientSecret?: string }, ctx: Context) {
  const client = findPoolClient(ctx, input.UserPoolId, input.ClientId);
  const secrets = ctx.store.clients.secrets(client.ClientId);
  if (!secrets.length) throw InvalidParameter(PUBLIC_CLIENT_HAS_NO_SECRETS(client.ClientId));
  if (secrets.length >= MAX_CLIENT_SECRETS) throw new CognitoError('LimitExceededException', TOO_MANY_SECRETS);
  // Ids carry the creation time in ms; a second secret in the same millisecond takes the next one.
  let createdAt = ctx.clock.now();
  while (secrets.some((secret) => secret.ClientSecretId === clientSecretId(client.ClientId, createdAt))) createdAt += 1;
  const value = input.ClientSecret ?? newClientSecret();
  const id = clientSecretId(client.ClientId, createdAt);
  ctx.store.transaction(() => ctx.store.clients.addSecret(client.ClientId, id, value, createdAt));
  return {
    ClientSecretDescriptor: {
      ClientSecretId: id,
      // Returned only when Cognito made the secret (API reference).
      ...(input.ClientSecret === undefined ? { ClientSecretValue: value } : {}),
      ClientSecretCreateDate: createdAt / 1000,
    },
  };
}
