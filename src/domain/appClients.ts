/** Finding the app client (and its pool) a client-side request names, and checking its SecretHash. */
import { createHmac } from 'node:crypto';
import { sameSecret } from './secrets.js';
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import { CLIENT_SECRETS, type UserPoolClientDescription } from '../store/userPoolClients.js';
import { CognitoError, NotAuthorized, ResourceNotFound } from '../protocol/errors.js';
import { findPool } from './userPools.js';

export interface ClientAndPool {
  client: UserPoolClientDescription;
  pool: UserPool;
}

/** Client ids are unique across regions, so an unsigned request finds its pool from ClientId alone. */
export function findClient(ctx: Context, clientId: string): ClientAndPool {
  const client = ctx.store.clients.get(clientId);
  if (!client) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  const pool = ctx.store.userPools.get(client.UserPoolId);
  if (!pool) throw ResourceNotFound(`User pool ${client.UserPoolId} does not exist.`);
  return { client, pool };
}

/** Base64(HMAC-SHA256(key = client secret, message = username + clientId)), as the SDKs compute it. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/** Every secret that authenticates the client now (two during a rotation), oldest first. */
export function secretsOf(client: UserPoolClientDescription): readonly string[] {
  return client[CLIENT_SECRETS] ?? (client.ClientSecret ? [client.ClientSecret] : []);
}

/** Whether `given` is one of the client's secrets (constant-time per secret). */
export function isClientSecret(client: UserPoolClientDescription, given: string): boolean {
  let found = false;
  for (const secret of secretsOf(client)) found = sameSecret(given, secret) || found;
  return found;
}

/** Whether `given` is the SecretHash of `username` under any of the client's secrets. */
export function isSecretHashOf(client: UserPoolClientDescription, username: string, given: string): boolean {
  let found = false;
  for (const secret of secretsOf(client)) found = sameSecret(given, secretHash(secret, username, client.ClientId)) || found;
  return found;
}

/**
 * A SecretHash sent to a client without a secret: InvalidParameterException "App client <id> is not
 * configured for secret but secret hash was received", observed for InitiateAuth (pmill/aws-cognito #23)
 * and SignUp (an aws-sdk-android error quoted in keivanK1/Cognito-Android-Studio #1). UNSURE for the
 * other operations; we refuse it the same way everywhere.
 */
export const REFUSE_SECRET_HASH_WITHOUT_SECRET = true;

/** SignUp, ConfirmSignUp, ResendConfirmationCode...: SecretHash is required when the client has a secret. */
export function checkSecretHash(client: UserPoolClientDescription, username: string, given: string | undefined): void {
  if (!client.ClientSecret) {
    if (given !== undefined && REFUSE_SECRET_HASH_WITHOUT_SECRET) {
      throw new CognitoError(
        'InvalidParameterException',
        `App client ${client.ClientId} is not configured for secret but secret hash was received`,
      );
    }
    return;
  }
  if (!isSecretHashOf(client, username, given ?? '')) {
    throw NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }
}

/** InitiateAuth / RespondToAuthChallenge carry SECRET_HASH in their parameters, with other texts. */
export function checkAuthSecretHash(client: UserPoolClientDescription, username: string, given: string | undefined): void {
  if (client.ClientSecret && given === undefined) {
    throw NotAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  }
  checkSecretHash(client, username, given);
}

export const preventsUserExistenceErrors = (client: UserPoolClientDescription) => client.PreventUserExistenceErrors === 'ENABLED';

/** The client of that pool, or ResourceNotFoundException. */
export function findPoolClient(ctx: Context, userPoolId: string, clientId: string): UserPoolClientDescription {
  findPool(ctx, userPoolId);
  const client = ctx.store.clients.get(clientId);
  if (!client || client.UserPoolId !== userPoolId) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/** ClientSecretId: `<client-id>--<epoch-create-time>` (API reference); the time in ms (UNSURE: ms or s). */
export const clientSecretId = (clientId: string, createdAtMs: number) => `${clientId}--${createdAtMs}`;
