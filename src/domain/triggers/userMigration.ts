/**
 * UserMigration: a sign-in with a password (UserMigration_Authentication) or a ForgotPassword
 * (UserMigration_ForgotPassword) names a user the pool does not have; the function looks them up in
 * the old directory and answers their attributes, and Cognito creates them as it would with
 * AdminCreateUser (finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation).
 */
import type { Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { AliasAttribute, User } from '../../store/users.js';
import { AliasExists, UsernameExists } from '../../protocol/errors.js';
import { uuid } from '../ids.js';
import { newUser, usernameAttributeOf, usernameKeyFor, verifiedAliasHolder } from '../users.js';
import { looksLikeEmail, looksLikePhone } from '../attributes.js';
import { templateMessage } from './messages.js';
import {
  functionFor,
  invalidLambdaResponse,
  optionalBoolean,
  optionalString,
  optionalStringList,
  optionalStringMap,
  runTrigger,
  triggerEvent,
  withClientMetadata,
  type Caller,
} from './trigger.js';

export type UserMigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

export interface MigrationRequest {
  source: UserMigrationSource;
  /** The name the user signed in with. */
  userName: string;
  /** The password they signed in with (never for ForgotPassword). */
  password?: string;
  caller: Caller;
  /** InitiateAuth's ClientMetadata. */
  validationData?: Record<string, string>;
  /** ForgotPassword's (and AdminRespondToAuthChallenge's) ClientMetadata. */
  clientMetadata?: Record<string, string>;
}

/**
 * UNSURE: the welcome message of a migrated user (messageAction not SUPPRESS) is the pool's
 * invitation message (AdminCreateUser's) with the username filled in and no temporary password (the
 * user keeps their own); the developer guide names it only "the welcome message".
 */
export const WELCOME_MESSAGE_KIND = 'WELCOME';
/**
 * UNSURE: the request: `validationData` is InitiateAuth's ClientMetadata, {} without it (as in real
 * PreAuthentication events); the `response` members are sent null.
 */
export const NO_VALIDATION_DATA: Record<string, string> = {};
export const MIGRATION_RESPONSE = { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null };
/** UNSURE: a verified alias another user holds, without forceAliasCreation: AdminCreateUser's error. */
export const migratedAliasTaken = (alias: string) => AliasExists(`An account with the given ${alias} already exists.`);

/**
 * Runs the pool's UserMigration for a name it does not know and creates the user from the answer.
 * Undefined when the pool has no UserMigration trigger. The function refuses by throwing (the caller
 * gets UserLambdaValidationException); an answer without userAttributes is unusable.
 */
export async function migrateUser(ctx: Context, pool: UserPool, request: MigrationRequest): Promise<User | undefined> {
  if (!functionFor(pool, 'UserMigration')) return undefined;
  const event = triggerEvent(
    pool,
    request.source,
    request.userName,
    request.caller,
    {
      ...(request.password !== undefined ? { password: request.password } : {}),
      validationData: request.validationData ?? NO_VALIDATION_DATA,
      ...withClientMetadata(request.clientMetadata),
    },
    { ...MIGRATION_RESPONSE },
  );
  const answer = await runTrigger(ctx, pool, 'UserMigration', event, (response) => {
    const userAttributes = optionalStringMap(response.userAttributes);
    // "This field is required."
    if (!userAttributes || !Object.keys(userAttributes).length) throw invalidLambdaResponse();
    const finalUserStatus = optionalString(response.finalUserStatus);
    const messageAction = optionalString(response.messageAction);
    const desiredDeliveryMediums = optionalStringList(response.desiredDeliveryMediums);
    if (finalUserStatus !== undefined && !['CONFIRMED', 'RESET_REQUIRED'].includes(finalUserStatus)) throw invalidLambdaResponse();
    if (messageAction !== undefined && !['SUPPRESS', 'RESEND'].includes(messageAction)) throw invalidLambdaResponse();
    if (desiredDeliveryMediums?.some((medium) => medium !== 'EMAIL' && medium !== 'SMS')) throw invalidLambdaResponse();
    return {
      userAttributes,
      // "If you don't set this attribute to CONFIRMED, it's set to RESET_REQUIRED."
      finalUserStatus: finalUserStatus === 'CONFIRMED' ? ('CONFIRMED' as const) : ('RESET_REQUIRED' as const),
      suppress: messageAction === 'SUPPRESS',
      desiredDeliveryMediums: (desiredDeliveryMediums ?? ['SMS']) as ('EMAIL' | 'SMS')[],
      forceAliasCreation: optionalBoolean(response.forceAliasCreation) ?? false,
      enableSMSMFA: optionalBoolean(response.enableSMSMFA) ?? false,
    };
  });

  // The attributes the schema knows (sub is Cognito's); an email or phone number used as username becomes the attribute.
  const known = new Set(pool.description.SchemaAttributes.map((a) => a.Name));
  const attributes = Object.fromEntries(Object.entries(answer.userAttributes).filter(([name]) => known.has(name) && name !== 'sub'));
  const sub = uuid();
  let username = request.userName;
  if (pool.description.UsernameAttributes?.length && (looksLikeEmail(username) || looksLikePhone(username))) {
    const attribute = usernameAttributeOf(ctx.store, pool, username)!;
    attributes[attribute] ??= username;
    username = sub;
  }
  const user = newUser(pool, { username, sub, status: answer.finalUserStatus, attributes, password: request.password ?? '' }, ctx.clock.now());
  // Migrated by ForgotPassword, the user has no password until ConfirmForgotPassword sets one.
  if (request.password === undefined) {
    user.passwordSalt = null;
    user.passwordVerifier = null;
  }
  // The password policy is not enforced on a migrated password (the developer guide).
  if (answer.enableSMSMFA && attributes.phone_number) user.mfa = { enabled: ['SMS_MFA'] };

  ctx.store.transaction(() => {
    if (ctx.store.users.byUsernameKey(pool.id, usernameKeyFor(pool, username))) throw UsernameExists('User account already exists');
    for (const alias of ['email', 'phone_number'] as const) {
      if (attributes[`${alias}_verified`] !== 'true' || !pool.description.AliasAttributes?.includes(alias)) continue;
      const holder = verifiedAliasHolder(ctx.store, pool, alias as AliasAttribute, attributes[alias]);
      if (!holder) continue;
      if (!answer.forceAliasCreation) throw migratedAliasTaken(alias);
      holder.attributes[`${alias}_verified`] = 'false';
      holder.modifiedAt = ctx.clock.now();
      ctx.store.users.update(holder);
    }
    ctx.store.users.insert(user);
    if (answer.suppress) return;
    for (const medium of answer.desiredDeliveryMediums) {
      const destination = attributes[medium === 'EMAIL' ? 'email' : 'phone_number'];
      if (!destination) continue;
      const welcome = templateMessage(pool, user, 'ADMIN_CREATE_USER', medium, '');
      ctx.store.outbox.add(
        { userPoolId: pool.id, username: user.username, kind: WELCOME_MESSAGE_KIND, deliveryMedium: medium, destination, code: '', subject: welcome.subject, message: welcome.message },
        ctx.clock.now(),
      );
    }
  });
  return user;
}
