/** Resolving a Username to a user, and presenting users as Cognito does. */
import type { Context } from '../context.js';
import type { Store } from '../store/store.js';
import type { UserPool } from '../store/userPools.js';
import type { AliasAttribute, User, UserStatus } from '../store/users.js';
import { setPassword } from './passwords.js';
import { isVerifiable, looksLikeEmail, looksLikePhone, type AttributeType } from './attributes.js';
import { AliasExists, CognitoError, InvalidParameter, NotAuthorized, UserNotFound, UsernameExists } from '../protocol/errors.js';
import { findPool } from './userPools.js';
import { enabledFactors } from './mfa.js';

export const USER_DISABLED = 'User is disabled.';
/** Signing in, refreshing or using a token while RESET_REQUIRED (AdminResetUserPassword, or imported). */
export const passwordResetRequired = () => new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');

/** The key a username is stored under: lower-cased when the pool is case-insensitive. */
export function usernameKeyFor(pool: UserPool, username: string): string {
  return pool.description.UsernameConfiguration?.CaseSensitive === false ? username.toLowerCase() : username;
}

/**
 * Pools with UsernameAttributes take an email or phone number as the username (spec C.4): it must be
 * one, not held by another user, and it becomes that attribute (the user's real username is then the
 * sub). Returns the attribute it fills, or undefined for an ordinary pool.
 */
export function usernameAttributeOf(store: Store, pool: UserPool, username: string): 'email' | 'phone_number' | undefined {
  const allowed = pool.description.UsernameAttributes ?? [];
  if (!allowed.length) return undefined;
  const attributeName =
    allowed.includes('email') && looksLikeEmail(username) ? 'email'
    : allowed.includes('phone_number') && looksLikePhone(username) ? 'phone_number'
    : undefined;
  if (!attributeName) {
    throw InvalidParameter(
      allowed.length === 2
        ? 'Username should be either an email or a phone number.'
        : allowed[0] === 'email'
          ? 'Username should be an email.'
          : 'Username should be a phone number.',
    );
  }
  if (store.users.byAttribute(pool.id, attributeName, username).length) {
    throw UsernameExists(`An account with the given ${attributeName} already exists.`);
  }
  return attributeName;
}

/** A new user of the pool, with the password kept only as its SRP verifier. */
export function newUser(
  pool: UserPool,
  /** No password: the user has none until they set one (an imported user resets it). */
  fields: { username: string; sub: string; status: UserStatus; attributes: Record<string, string>; password?: string },
  now: number,
): User {
  const user: User = {
    userPoolId: pool.id,
    username: fields.username,
    usernameKey: usernameKeyFor(pool, fields.username),
    sub: fields.sub,
    status: fields.status,
    enabled: true,
    attributes: fields.attributes,
    pendingAttributes: {},
    passwordSalt: null,
    passwordVerifier: null,
    mfa: {},
    codes: {},
    failedSignIns: 0,
    lockedUntil: 0,
    createdAt: now,
    modifiedAt: now,
  };
  if (fields.password !== undefined) setPassword(pool, user, fields.password);
  return user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds the user a request's Username means (spec C.4): the username itself, then the sub, then an
 * email/phone given as username (UsernameAttributes pools, verified or not), then a verified alias
 * (AliasAttributes pools).
 */
export function findUser(store: Store, pool: UserPool, username: string): User | undefined {
  const byName = store.users.byUsernameKey(pool.id, usernameKeyFor(pool, username));
  if (byName) return byName;
  if (UUID.test(username)) {
    const bySub = store.users.bySub(pool.id, username.toLowerCase());
    if (bySub) return bySub;
  }
  for (const attribute of pool.description.UsernameAttributes ?? []) {
    const [user] = store.users.byAttribute(pool.id, attribute as AliasAttribute, username);
    if (user) return user;
  }
  for (const attribute of pool.description.AliasAttributes ?? []) {
    const holder = verifiedAliasHolder(store, pool, attribute as AliasAttribute, username);
    if (holder) return holder;
  }
  return undefined;
}

/** The user for whom `value` is an active alias: email/phone only once verified. */
export function verifiedAliasHolder(store: Store, pool: UserPool, attribute: AliasAttribute, value: string): User | undefined {
  return store.users
    .byAttribute(pool.id, attribute, value)
    .find((user) => attribute === 'preferred_username' || user.attributes[`${attribute}_verified`] === 'true');
}

/**
 * The user who keeps `user` from holding `value` as a sign-in alias, if any: in UsernameAttributes
 * pools any other user with that email / phone number; in AliasAttributes pools another user with it
 * verified (only once `user`'s own value is verified: an unverified value is no alias), or with that
 * preferred_username.
 */
export function aliasHolder(ctx: Context, pool: UserPool, user: User, attribute: string, value: string, verified: boolean): User | undefined {
  const { UsernameAttributes = [], AliasAttributes = [] } = pool.description;
  if (isVerifiable(attribute) && UsernameAttributes.includes(attribute)) {
    return ctx.store.users.byAttribute(pool.id, attribute, value).find((other) => other.sub !== user.sub);
  }
  if (!AliasAttributes.includes(attribute) || (isVerifiable(attribute) && !verified)) return undefined;
  const holder = verifiedAliasHolder(ctx.store, pool, attribute as AliasAttribute, value);
  return holder && holder.sub !== user.sub ? holder : undefined;
}

/** The one-holder rule's answer (spec C.6 step 7: ConfirmSignUp's text, also used for updates and verification). */
export const aliasExists = (attribute: string) => AliasExists(`An account with the given ${attribute} already exists.`);

/** Attributes as the API lists them: sub first, then the rest in stored order. */
export function attributeList(user: User): AttributeType[] {
  return [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))];
}

const seconds = (ms: number) => ms / 1000;

/** UserType (ListUsers, AdminCreateUser). */
export function userType(user: User) {
  return {
    Username: user.username,
    Attributes: attributeList(user),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaOptions(user),
  };
}

/**
 * The legacy MFAOptions: SMS MFA, however it was turned on (SetUserSettings or SetUserMFAPreference:
 * amplify-js #1343 shows it after the latter), as AWS lists it.
 */
export function mfaOptions(user: User) {
  return enabledFactors(user).includes('SMS_MFA') ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {};
}

/**
 * MFA fields of GetUser / AdminGetUser. UserMFASettingList and PreferredMfaSetting show only what
 * SetUserMFAPreference set (SMS turned on by SetUserSettings shows in MFAOptions alone, aws-sdk-java-v2 #4869).
 */
export function mfaFields(user: User) {
  const enabled = user.mfa.enabled ?? [];
  return {
    ...mfaOptions(user),
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(enabled.length ? { UserMFASettingList: enabled } : {}),
  };
}

/**
 * The user as the store holds it now: an operation that awaited (an access token check) reads the
 * user again before changing it, so a concurrent change is not overwritten. Gone since: the token's
 * user no longer exists ("Access Token has been revoked", as for a deleted user's token).
 */
export function currentUser(ctx: Context, user: User): User {
  const current = ctx.store.users.byUsernameKey(user.userPoolId, user.usernameKey);
  if (!current) throw NotAuthorized('Access Token has been revoked');
  return current;
}

/** Admin operations name a pool and a user; a missing user is "User does not exist.". */
export function findAdminUser(ctx: Context, userPoolId: string, username: string): { pool: UserPool; user: User } {
  const pool = findPool(ctx, userPoolId);
  const user = findUser(ctx.store, pool, username);
  if (!user) throw UserNotFound('User does not exist.');
  return { pool, user };
}
