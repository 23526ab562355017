/**
 * Ids a developer fixes instead of kognito drawing them, so tests and config can hard-code them.
 * The seed file passes them directly (Call.fixedIds); tools that create pools through the API
 * (Terraform, CDK, CloudFormation, scripts) put them in the pool's tags, which those tools already set
 * at CreateUserPool, and which AWS keeps as ordinary tags:
 *   kognito:id                      -> the pool's Id (its region prefix becomes the pool's region)
 *   kognito:client-id:<ClientName>  -> the ClientId of the pool's client of that name
 *   kognito:client-secret:<ClientName> -> its ClientSecret, when the client has one (GenerateSecret)
 */
import type { Call, Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import { InvalidParameter } from '../protocol/errors.js';
import { newClientId, newClientSecret, newUserPoolId } from './ids.js';

export const POOL_ID_TAG = 'kognito:id';
export const clientIdTag = (clientName: string) => `kognito:client-id:${clientName}`;
export const clientSecretTag = (clientName: string) => `kognito:client-secret:${clientName}`;

// The model's patterns and lengths for these ids (UserPoolIdType, ClientIdType, ClientSecretType).
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const CLIENT_SECRET = /^[\w+]{24,64}$/;

/** The new pool's id and region: fixed (seed, then tag) or drawn in the caller's region. */
export function userPoolIdFor(ctx: Context, call: Call, tags: Record<string, string> | undefined): { id: string; region: string } {
  const fixed = call.fixedIds?.UserPoolId ?? tags?.[POOL_ID_TAG];
  if (fixed === undefined) return { id: newUserPoolId(call.region), region: call.region };
  if (!USER_POOL_ID.test(fixed) || fixed.length > 55) {
    throw InvalidParameter(`${POOL_ID_TAG} '${fixed}' is not a user pool id like us-east-1_Example1 (at most 55 characters).`);
  }
  if (ctx.store.userPools.get(fixed)) throw InvalidParameter(`${POOL_ID_TAG}: a user pool with id ${fixed} already exists.`);
  return { id: fixed, region: fixed.slice(0, fixed.lastIndexOf('_')) };
}

/** The new client's id and secret (when it has one): fixed (seed, then the pool's tags) or drawn. */
export function clientIdsFor(ctx: Context, fixedIds: Call['fixedIds'], pool: UserPool, clientName: string, generateSecret: boolean): { ClientId: string; ClientSecret?: string } {
  const tags = (pool.description.UserPoolTags ?? {}) as Record<string, string>;
  const ClientId = fixedIds?.ClientId ?? tags[clientIdTag(clientName)] ?? newClientId();
  if (!CLIENT_ID.test(ClientId)) throw InvalidParameter(`${clientIdTag(clientName)} '${ClientId}' is not a client id (1-128 letters, digits, _ or +).`);
  if (ctx.store.clients.get(ClientId)) throw InvalidParameter(`${clientIdTag(clientName)}: a client with id ${ClientId} already exists.`);
  const fixedSecret = fixedIds?.ClientSecret ?? tags[clientSecretTag(clientName)];
  if (!generateSecret && fixedSecret === undefined) return { ClientId };
  const ClientSecret = fixedSecret ?? newClientSecret();
  if (!CLIENT_SECRET.test(ClientSecret)) {
    throw InvalidParameter(`${clientSecretTag(clientName)}: a client secret is 24-64 letters, digits, _ or +.`);
  }
  return { ClientId, ClientSecret };
}
