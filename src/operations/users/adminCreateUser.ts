import type { Call, Context } from '../../context.js';
import type { UserPool } from '../../store/userPools.js';
import type { User } from '../../store/users.js';
import { attributesFrom, checkRequiredAttributes, type AttributeType } from '../../domain/attributes.js';
import { deliverCode } from '../../domain/codes.js';
import { composeMessage, type ComposedMessage } from '../../domain/triggers/messages.js';
import { NO_CLIENT_ID } from '../../domain/triggers/trigger.js';
import { preSignUp } from '../../domain/triggers/signUp.js';
import { newTemporaryPassword, uuid } from '../../domain/ids.js';
import { checkPasswordPolicy, DEFAULT_PASSWORD_POLICY, setPassword } from '../../domain/passwords.js';
import { findPool } from '../../domain/userPools.js';
import { aliasExists, aliasHolder, findUser, newUser, usernameAttributeOf, userType } from '../../domain/users.js';
import { CognitoError, InvalidParameter, UserNotFound, UsernameExists } from '../../protocol/errors.js';

/**
 * UNSURE: AdminCreateUser creates a user without the schema's required attributes; the user supplies
 * them at the first sign-in (NEW_PASSWORD_REQUIRED lists them in requiredAttributes). The API reference:
 * required attributes "either you should supply (in your call to AdminCreateUser) or the user should
 * supply"; amplify-ui#1155 shows such a user created, then "Invalid attributes given, preferred_username
 * is missing" at the new-password step. One 2026 report (amplify-backend#3118) says creation was refused.
 */
export const ADMIN_CREATE_USER_LEAVES_REQUIRED_TO_USER = true;

export interface AdminCreateUserInput {
  UserPoolId: string;
  Username: string;
  UserAttributes?: AttributeType[];
  ValidationData?: AttributeType[];
  TemporaryPassword?: string;
  ForceAliasCreation?: boolean;
  MessageAction?: 'RESEND' | 'SUPPRESS';
  DesiredDeliveryMediums?: ('SMS' | 'EMAIL')[];
  ClientMetadata?: Record<string, string>;
}

/** AWS's text for an explicit EMAIL medium without an email (quoted in rahulpsd18/cognito-backup-restore #25). */
export const NO_EMAIL_FOR_DELIVERY = 'No email provided but desired delivery medium was Email';
/**
 * UNSURE: an explicit SMS medium without a phone_number sends nothing and is no error, as the default
 * medium (SMS) is for a user created with a Username alone, which AWS creates.
 */
export const SMS_WITHOUT_PHONE_IS_SKIPPED = true;
/** UNSURE: the text of UnsupportedUserStateException for RESEND to a user past FORCE_CHANGE_PASSWORD (two emulators agree on it). */
export const resendNotPossible = (username: string) => `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD.`;

interface Delivery {
  medium: 'SMS' | 'EMAIL';
  attributeName: 'email' | 'phone_number';
  address: string;
}

/**
 * Where the invitation goes. DesiredDeliveryMediums given: each one asked for (EMAIL needs an email).
 * Not given ("The default value is SMS"): the phone if the user has one, else the email (an app that
 * gave only an email gets its invitation emailed, reapit/foundations #7052), else nothing: a user with
 * a Username alone is created all the same.
 */
function deliveries(input: AdminCreateUserInput, attributes: Record<string, string>): Delivery[] {
  if (input.MessageAction === 'SUPPRESS') return [];
  const to = (medium: 'SMS' | 'EMAIL'): Delivery | undefined => {
    const attributeName = medium === 'EMAIL' ? 'email' : 'phone_number';
    const address = attributes[attributeName];
    return address ? { medium, attributeName, address } : undefined;
  };
  if (!input.DesiredDeliveryMediums?.length) {
    const first = to('SMS') ?? to('EMAIL');
    return first ? [first] : [];
  }
  const wanted = [...new Set(input.DesiredDeliveryMediums)];
  if (wanted.includes('EMAIL') && !attributes.email) throw InvalidParameter(NO_EMAIL_FOR_DELIVERY);
  if (wanted.includes('SMS') && !attributes.phone_number && !SMS_WITHOUT_PHONE_IS_SKIPPED) {
    throw InvalidParameter('No phone_number provided but desired delivery medium was Sms');
  }
  return wanted.flatMap((medium) => to(medium) ?? []);
}

/**
 * Creates a user in FORCE_CHANGE_PASSWORD with a temporary password (given, or made to the policy) and
 * sends the invitation unless SUPPRESS. RESEND gives an existing FORCE_CHANGE_PASSWORD user a new
 * temporary password and invitation, and a new TemporaryPasswordValidityDays.
 */
export default async function adminCreateUser(input: AdminCreateUserInput, ctx: Context, call: Call) {
  const pool = findPool(ctx, input.UserPoolId);
  const existing = findUser(ctx.store, pool, input.Username);
  if (input.MessageAction === 'RESEND') {
    if (!existing) throw UserNotFound('User does not exist.');
    if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', resendNotPossible(existing.username));
    const temporaryPassword = newTemporaryPasswordOf(pool, input);
    setPassword(pool, existing, temporaryPassword);
    return invite(ctx, call, pool, input, existing, temporaryPassword, false);
  }
  if (existing) throw UsernameExists('User account already exists');

  const attributes = attributesFrom(pool, input.UserAttributes);
  const sub = uuid();
  let username = input.Username;
  const usernameAttribute = usernameAttributeOf(ctx.store, pool, input.Username);
  if (usernameAttribute) {
    attributes[usernameAttribute] = input.Username;
    username = sub;
  }
  if (!ADMIN_CREATE_USER_LEAVES_REQUIRED_TO_USER) checkRequiredAttributes(pool, attributes);
  const temporaryPassword = newTemporaryPasswordOf(pool, input);
  // PreSignUp may refuse the user (its answer is otherwise ignored); nothing is written before it answers.
  const validationData = input.ValidationData && Object.fromEntries(input.ValidationData.map(({ Name, Value }) => [Name, Value ?? '']));
  await preSignUp(ctx, pool, 'PreSignUp_AdminCreateUser', username, { ...attributes }, { clientId: NO_CLIENT_ID, call }, validationData, input.ClientMetadata);
  const user = newUser(pool, { username, sub, status: 'FORCE_CHANGE_PASSWORD', attributes, password: temporaryPassword }, ctx.clock.now());
  return invite(ctx, call, pool, input, user, temporaryPassword, true);
}

/** TemporaryPassword, checked against the pool's policy, or one made to it. */
function newTemporaryPasswordOf(pool: UserPool, input: AdminCreateUserInput): string {
  if (input.TemporaryPassword === undefined) {
    return newTemporaryPassword({ ...DEFAULT_PASSWORD_POLICY, ...pool.description.Policies?.PasswordPolicy }.MinimumLength);
  }
  checkPasswordPolicy(pool, input.TemporaryPassword);
  return input.TemporaryPassword;
}

/**
 * Writes the (new or re-invited) user and sends the invitation with the temporary password, each
 * message composed first (the pool's invitation template, CustomMessage_AdminCreateUser, or a custom
 * sender).
 */
async function invite(ctx: Context, call: Call, pool: UserPool, input: AdminCreateUserInput, user: User, temporaryPassword: string, isNew: boolean) {
  const sends = deliveries(input, user.attributes);
  const messages: ComposedMessage[] = [];
  for (const send of sends) {
    messages.push(
      await composeMessage(ctx, pool, user, { kind: 'ADMIN_CREATE_USER', medium: send.medium, code: temporaryPassword, caller: { clientId: NO_CLIENT_ID, call }, clientMetadata: input.ClientMetadata }),
    );
  }
  user.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => {
    // As the store is now (the triggers may have taken a while).
    const current = ctx.store.users.byUsernameKey(pool.id, user.usernameKey);
    if (isNew) {
      if (current) throw UsernameExists('User account already exists');
      moveVerifiedAliases(ctx, pool, user, input.ForceAliasCreation === true);
      ctx.store.users.insert(user);
    } else {
      if (!current || current.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', resendNotPossible(user.username));
      ctx.store.users.update(user);
    }
    sends.forEach((send, i) => deliverCode(ctx, pool, user, 'ADMIN_CREATE_USER', send, messages[i]));
  });
  return { User: userType(user) };
}

/**
 * An email or phone created as verified becomes an active alias: if another user holds it,
 * AliasExistsException, unless ForceAliasCreation moves it to the new user (API reference).
 */
function moveVerifiedAliases(ctx: Context, pool: UserPool, user: User, force: boolean): void {
  for (const attribute of ['email', 'phone_number'] as const) {
    const value = user.attributes[attribute];
    if (!value || user.attributes[`${attribute}_verified`] !== 'true') continue;
    const holder = aliasHolder(ctx, pool, user, attribute, value, true);
    if (!holder) continue;
    if (!force) throw aliasExists(attribute);
    holder.attributes[`${attribute}_verified`] = 'false';
    holder.modifiedAt = ctx.clock.now();
    ctx.store.users.update(holder);
  }
}
