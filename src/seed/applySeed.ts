/**
 * Applies a seed through the API's own operations (validated against the service model as a request
 * would be): CreateUserPool, SetUserPoolMfaConfig, CreateUserPoolClient, CreateGroup, AdminCreateUser,
 * AdminSetUserPassword, AdminAddUserToGroup, AdminSetUserMFAPreference. What no operation does (an
 * UNCONFIRMED user with a chosen password without a code sent, a verified TOTP token with a chosen secret)
 * is written to the user as those operations write it.
 *
 * Idempotent: a pool is found by its Id (or, without one, its PoolName), a client by ClientId (or
 * ClientName), a group by GroupName, a user by Username; what exists is left as it is, so a restart on the same data
 * directory neither duplicates nor fails, and never undoes what the tests changed.
 */
import type { Call, Context, Operation } from '../context.js';
import { operations } from '../operations/index.js';
import { validateInput } from '../protocol/validate.js';
import { CognitoError } from '../protocol/errors.js';
import { DEFAULT_REGION } from '../protocol/awsJson.js';
import { findUser } from '../domain/users.js';
import { findPool } from '../domain/userPools.js';
import { decodeSecretCode } from '../domain/totp.js';
import { SeedError, type Seed, type SeedClient, type SeedGroup, type SeedUser, type SeedUserPool } from './seedFile.js';

/** One API operation, as a request would run it; a refusal names the seed path and the operation. */
async function invoke(ctx: Context, path: string, name: string, input: Record<string, unknown>, call: Call = { region: DEFAULT_REGION }): Promise<any> {
  try {
    const modeled = validateInput(name, input);
    const unknown = Object.keys(input).filter((key) => input[key] !== undefined && !(key in modeled));
    if (unknown.length) throw new CognitoError('InvalidParameterException', `${name} has no member ${unknown.join(', ')}`);
    return await (operations[name] as Operation<unknown>)(modeled, ctx, call);
  } catch (error) {
    if (error instanceof CognitoError) throw new SeedError(`${path}: ${name} refused it: ${error.type}: ${error.message}`);
    throw error;
  }
}

/** Creates what the seed declares and the store lacks. `source` prefixes errors (the file name). */
export async function applySeed(ctx: Context, seed: Seed, source = 'seed'): Promise<void> {
  for (const [i, pool] of seed.UserPools.entries()) {
    await applyPool(ctx, pool, `${source}: UserPools[${i}]`);
  }
}

async function applyPool(ctx: Context, seedPool: SeedUserPool, path: string): Promise<void> {
  const { Id, MfaConfig, Clients = [], Groups = [], Users = [], ...settings } = seedPool;
  let userPoolId = Id ?? (await poolNamed(ctx, seedPool.PoolName, path));
  if (!userPoolId || !ctx.store.userPools.get(userPoolId)) {
    const region = Id ? Id.slice(0, Id.lastIndexOf('_')) : DEFAULT_REGION;
    const created = await invoke(ctx, path, 'CreateUserPool', settings, { region, fixedIds: { UserPoolId: Id } });
    userPoolId = created.UserPool.Id as string;
    if (MfaConfig) await invoke(ctx, `${path}.MfaConfig`, 'SetUserPoolMfaConfig', { ...MfaConfig, UserPoolId: userPoolId });
  }
  for (const [j, client] of Clients.entries()) await applyClient(ctx, userPoolId, client, `${path}.Clients[${j}]`);
  for (const [j, group] of Groups.entries()) await applyGroup(ctx, userPoolId, group, `${path}.Groups[${j}]`);
  for (const [j, user] of Users.entries()) await applyUser(ctx, userPoolId, user, `${path}.Users[${j}]`);
}

async function poolNamed(ctx: Context, name: string, path: string): Promise<string | undefined> {
  let NextToken: string | undefined;
  do {
    const page = await invoke(ctx, path, 'ListUserPools', { MaxResults: 60, NextToken });
    const found = (page.UserPools as { Id: string; Name: string }[]).find((p) => p.Name === name);
    if (found) return found.Id;
    NextToken = page.NextToken;
  } while (NextToken);
  return undefined;
}

async function applyClient(ctx: Context, UserPoolId: string, seedClient: SeedClient, path: string): Promise<void> {
  const { ClientId, ClientSecret, ...settings } = seedClient;
  if (ClientId ? ctx.store.clients.get(ClientId) : await clientNamed(ctx, UserPoolId, seedClient.ClientName, path)) return;
  const input = { ...settings, UserPoolId, ...(ClientSecret ? { GenerateSecret: true } : {}) };
  await invoke(ctx, path, 'CreateUserPoolClient', input, { region: DEFAULT_REGION, fixedIds: { ClientId, ClientSecret } });
}

async function clientNamed(ctx: Context, UserPoolId: string, name: string, path: string): Promise<boolean> {
  let NextToken: string | undefined;
  do {
    const page = await invoke(ctx, path, 'ListUserPoolClients', { UserPoolId, MaxResults: 60, NextToken });
    if ((page.UserPoolClients as { ClientName: string }[]).some((c) => c.ClientName === name)) return true;
    NextToken = page.NextToken;
  } while (NextToken);
  return false;
}

async function applyGroup(ctx: Context, UserPoolId: string, group: SeedGroup, path: string): Promise<void> {
  const exists = await invoke(ctx, path, 'GetGroup', { UserPoolId, GroupName: group.GroupName }).then(
    () => true,
    (error: Error) => {
      if (error.message.includes('ResourceNotFoundException')) return false;
      throw error;
    },
  );
  if (!exists) await invoke(ctx, path, 'CreateGroup', { ...group, UserPoolId });
}

async function applyUser(ctx: Context, UserPoolId: string, seedUser: SeedUser, path: string): Promise<void> {
  const { Username, Password, Status = 'CONFIRMED', Attributes = {}, TotpSecret, Groups = [] } = seedUser;
  if (findUser(ctx.store, findPool(ctx, UserPoolId), Username)) return;
  const UserAttributes = Object.entries(Attributes).map(([Name, Value]) => ({ Name, Value }));
  // A CONFIRMED user's password is set as an administrator sets it (a drawn temporary one first, so a
  // pool's password history does not refuse it); the others' passes the pool's policy as TemporaryPassword.
  const confirmed = Status === 'CONFIRMED';
  await invoke(ctx, path, 'AdminCreateUser', { UserPoolId, Username, UserAttributes, TemporaryPassword: confirmed ? undefined : Password, MessageAction: 'SUPPRESS' });
  if (confirmed) await invoke(ctx, path, 'AdminSetUserPassword', { UserPoolId, Username, Password, Permanent: true });
  const pool = findPool(ctx, UserPoolId);
  const user = findUser(ctx.store, pool, Username)!;
  // No operation makes an UNCONFIRMED user with a chosen password but SignUp (a client, a code sent): as if signed up.
  if (Status === 'UNCONFIRMED') user.status = 'UNCONFIRMED';
  if (TotpSecret) {
    decodeSecretCode(TotpSecret);
    // A verified token, as VerifySoftwareToken leaves it; no step used yet, so the current code works at once.
    user.mfa = { ...user.mfa, softwareToken: { secretCode: TotpSecret.toUpperCase(), verified: true } };
  }
  user.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => ctx.store.users.update(user));
  for (const [k, GroupName] of Groups.entries()) {
    await invoke(ctx, `${path}.Groups[${k}]`, 'AdminAddUserToGroup', { UserPoolId, Username, GroupName });
  }
  if (TotpSecret) {
    await invoke(ctx, `${path}.TotpSecret`, 'AdminSetUserMFAPreference', {
      UserPoolId,
      Username,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  }
}
