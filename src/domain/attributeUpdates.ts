/**
 * Changing a user's attributes after creation: UpdateUserAttributes and AdminUpdateUserAttributes,
 * DeleteUserAttributes and AdminDeleteUserAttributes, and the verification of a new email or phone
 * number (a code, the pool's AttributesRequireVerificationBeforeUpdate, the one-holder rule of aliases).
 */
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { UserPoolClientDescription } from '../store/userPoolClients.js';
import type { CodePurpose, User, VerifiableAttribute } from '../store/users.js';
import { InvalidParameter, NotAuthorized } from '../protocol/errors.js';
import { checkClientWrites, isVerifiable, missingRequiredAttributes, schemaAttribute, valueProblem, VERIFIED_FLAG, type AttributeType } from './attributes.js';
import { sendCode, type CodeDeliveryDetails } from './codes.js';
import { aliasExists, aliasHolder } from './users.js';
import { codeMessage, messageFor, type ComposedMessage } from './triggers/messages.js';
import type { Caller } from './triggers/trigger.js';

/** Who writes: an app client for the user (access token), or an administrator (IAM). */
export type AttributeWriter = { client: UserPoolClientDescription } | { admin: true };

const FLAGS = new Set<string>(Object.values(VERIFIED_FLAG));

export const VERIFY_PURPOSE: Record<VerifiableAttribute, CodePurpose> = { email: 'VERIFY_EMAIL', phone_number: 'VERIFY_PHONE_NUMBER' };

/**
 * UNSURE: AdminUpdateUserAttributes sends a code to a changed email / phone number the pool
 * auto-verifies, as UpdateUserAttributes does, unless the request also sets its verified flag to
 * true (the API reference: "If you set the email_verified or phone_number_verified value ... to true,
 * Amazon Cognito doesn't send a verification message"). The response has no CodeDeliveryDetails.
 */
export const ADMIN_UPDATE_SENDS_CODE = true;

/**
 * UNSURE: AttributesRequireVerificationBeforeUpdate keeps the original value only when there is one
 * and it is verified ("the original value for sign-in and to receive messages"); a first or unverified
 * value is replaced at once, unverified, as without the setting.
 */
export const PENDING_ONLY_OVER_VERIFIED_VALUE = true;

/**
 * UNSURE: an administrator's `email_verified: "true"` (or phone's) without a new value makes a value
 * waiting for verification the verified one ("You can also call the AdminUpdateUserAttributes API and
 * set email_verified or phone_number_verified to true" to verify an updated one [DOC
 * UserAttributeUpdateSettingsType]). false: it only marks the value in use.
 */
export const ADMIN_VERIFIED_FLAG_PROMOTES_PENDING = true;

/**
 * UNSURE: writing the value an attribute already has changes nothing (it stays verified, no code goes
 * out) and drops a pending new value. false: a new code and unverified, as for any change.
 */
export const SAME_VALUE_KEEPS_VERIFICATION = true;

/**
 * The text for an immutable attribute in an update [OBS amplify-swift#3981, hosted UI in
 * amplify-js#3526]; UNSURE: DeleteUserAttributes of an immutable attribute answers it too, and an
 * attribute both immutable and required (sub) gets this one rather than "Required attribute cannot be deleted.".
 */
export const CANNOT_BE_UPDATED = 'Attribute cannot be updated.';

/** Messages of the schema checks of an update, one line each `user.<name>: ...` ending with a newline [OBS amplify-flutter#1531, amplify-js#3526]. */
const attributeLines = (lines: string[]) => InvalidParameter(lines.map((line) => `user.${line}\n`).join(''));
/** [OBS aws-sdk-ios#4251: an update blanking a required email]. */
export const requiredCannotBeDeleted = (name: string) => `user.${name}: Required attribute cannot be deleted.`;

/** Real text [OBS amplify-js#3652; floci answers so too]. */
export const ONLY_EMAIL_AND_PHONE = 'Invalid attribute name. Only phone_number and email can be verified.';

/** GetUserAttributeVerificationCode and VerifyUserAttribute name email or phone_number. */
export function verifiableAttributeNamed(name: string): VerifiableAttribute {
  if (!isVerifiable(name)) throw InvalidParameter(ONLY_EMAIL_AND_PHONE);
  return name;
}


/**
 * Checks a write of attributes (a blank value deletes) in the order Cognito answers: the client's
 * permission, the schema (unknown and immutable names, all listed), required attributes being
 * deleted, then the values.
 */
export function checkAttributeWrite(pool: UserPool, writer: AttributeWriter, changes: Map<string, string>): void {
  if ('client' in writer) checkClientWrites(writer.client, pool, changes.keys());
  checkSchemaNames(pool, changes.keys(), true);
  for (const [name, value] of changes) {
    if (value === '' && schemaAttribute(pool, name)!.Required) throw InvalidParameter(requiredCannotBeDeleted(name));
  }
  checkValues(pool, changes);
}

/** Names the schema lacks (and, for an update, immutable ones), all listed in one answer. */
function checkSchemaNames(pool: UserPool, names: Iterable<string>, refuseImmutable: boolean): void {
  const lines: string[] = [];
  for (const name of names) {
    const attribute = schemaAttribute(pool, name);
    if (!attribute) lines.push(`${name}: Attribute does not exist in the schema.`);
    else if (refuseImmutable && attribute.Mutable === false) lines.push(`${name}: ${CANNOT_BE_UPDATED}`);
  }
  if (lines.length) throw attributeLines(lines);
}

/** The values (non-blank) against their formats and the schema's constraints. */
function checkValues(pool: UserPool, changes: Map<string, string>): void {
  for (const [name, value] of changes) {
    const problem = valueProblem(pool, name, value);
    if (problem) throw InvalidParameter(problem.format ? problem.text : `user.${name}: ${problem.text}`);
  }
}

// ------------------------------------------------------------------------------------------------
// NEW_PASSWORD_REQUIRED: the attributes a user gives with their first password (`userAttributes.<name>`)

/** Real texts of NEW_PASSWORD_REQUIRED answers: a verified flag [OBS aws-sdk-ios#2203, aws-sdk-android#1452]. */
export const cannotModifyNonMutable = (name: string) => `Cannot modify the non-mutable attribute ${name}`;
/** An immutable attribute that has a value (NotAuthorizedException) [OBS aws-samples/aws-saas-factory-bootcamp#67]. */
export const alreadyProvided = (name: string) => `Cannot modify an already provided ${name}`;
/** A required attribute without a value [OBS aws-cognito-angular-quickstart#116, thedistance/ra-cognito#5]. */
export const requiredMissing = (name: string) => `Invalid attributes given, ${name} is missing`;

/**
 * UNSURE: with several required attributes missing, Cognito names the first (in schema order) and the
 * user learns of the next one at the next answer (a report quotes "adress is missing" for a user missing
 * name and address [OBS pmill/aws-cognito#25]). false: all of them, joined by ", ".
 */
export const NAME_FIRST_MISSING_ATTRIBUTE_ONLY = true;

const COGNITO_OWNED = new Set(['sub', ...FLAGS]);
const ALIASES = ['email', 'phone_number', 'preferred_username'];

/**
 * The attributes of a NEW_PASSWORD_REQUIRED answer, checked as the app client's write (its
 * WriteAttributes, the schema, the values, the one-holder rule of aliases): an immutable attribute may
 * be given only while the user has no value of it, and every required attribute must then have one. A
 * changed email or phone number is no longer verified. Returns the user's attributes after the write;
 * nothing is written.
 */
export function firstSignInAttributes(ctx: Context, pool: UserPool, client: UserPoolClientDescription, user: User, changes: Map<string, string>): Record<string, string> {
  for (const name of changes.keys()) if (COGNITO_OWNED.has(name)) throw InvalidParameter(cannotModifyNonMutable(name));
  checkClientWrites(client, pool, changes.keys());
  checkSchemaNames(pool, changes.keys(), false);
  for (const name of changes.keys()) {
    if (schemaAttribute(pool, name)!.Mutable === false && user.attributes[name]) throw NotAuthorized(alreadyProvided(name));
  }
  checkValues(pool, changes);
  const attributes = { ...user.attributes };
  for (const [name, value] of changes) {
    if (value === user.attributes[name]) continue;
    if (value === '') delete attributes[name];
    else attributes[name] = value;
    if (isVerifiable(name)) {
      if (value === '') delete attributes[VERIFIED_FLAG[name]];
      else attributes[VERIFIED_FLAG[name]] = 'false';
    }
  }
  for (const name of ALIASES) {
    const value = attributes[name];
    const verified = isVerifiable(name) && attributes[VERIFIED_FLAG[name]] === 'true';
    if (value && value !== user.attributes[name] && aliasHolder(ctx, pool, user, name, value, verified)) throw aliasExists(name);
  }
  const missing = missingRequiredAttributes(pool, attributes);
  if (missing.length) throw InvalidParameter(requiredMissing(NAME_FIRST_MISSING_ATTRIBUTE_ONLY ? missing[0]! : missing.join(', ')));
  return attributes;
}

/** UpdateUserAttributes' CodeDeliveryDetailsList; AdminUpdateUserAttributes answers nothing. */
export type UpdateOutcome = CodeDeliveryDetails[];

/** Who asks, and their ClientMetadata: for the message triggers (CustomMessage_UpdateUserAttribute, custom senders). */
export interface UpdateMessaging {
  caller: Caller;
  clientMetadata?: Record<string, string>;
}

/**
 * Applies UpdateUserAttributes / AdminUpdateUserAttributes to the user, all checks first (nothing
 * changes when one fails), then one transaction that writes the user and the codes it sends. When
 * the pool has a message trigger, the messages are asked of it before that transaction (the only
 * case in which this waits, and answers a promise).
 */
export function updateAttributes(
  ctx: Context,
  pool: UserPool,
  user: User,
  list: AttributeType[],
  writer: AttributeWriter,
  messaging: UpdateMessaging,
): UpdateOutcome | Promise<UpdateOutcome> {
  const changes = new Map(list.map(({ Name, Value }) => [Name, Value ?? '']));
  checkAttributeWrite(pool, writer, changes);
  const admin = 'admin' in writer;
  const pending = { ...user.pendingAttributes };
  const attributes = { ...user.attributes };
  const sends: { attribute: VerifiableAttribute; address: string }[] = [];
  const forgetCode = new Set<VerifiableAttribute>();

  for (const [name, value] of changes) {
    if (isVerifiable(name) || FLAGS.has(name)) continue;
    if (value === '') delete attributes[name];
    else attributes[name] = value;
    if (value !== '' && name === 'preferred_username' && aliasHolder(ctx, pool, user, name, value, true)) throw aliasExists(name);
  }

  for (const attribute of ['email', 'phone_number'] as const) {
    const flag = VERIFIED_FLAG[attribute];
    const newValue = changes.get(attribute);
    const flagValue = changes.get(flag);
    const markVerified = flagValue === 'true';
    if (newValue === undefined) {
      if (flagValue === undefined) continue;
      // An administrator verifying: a pending new value is what becomes verified.
      if (markVerified && pending[attribute] !== undefined && ADMIN_VERIFIED_FLAG_PROMOTES_PENDING) {
        attributes[attribute] = pending[attribute]!;
        delete pending[attribute];
        forgetCode.add(attribute);
      }
      if (flagValue === '') delete attributes[flag];
      else attributes[flag] = flagValue;
    } else if (newValue === '') {
      delete attributes[attribute];
      delete attributes[flag];
      delete pending[attribute];
      forgetCode.add(attribute);
    } else if (newValue === user.attributes[attribute] && SAME_VALUE_KEEPS_VERIFICATION) {
      // The value in use again: a pending change is dropped.
      if (pending[attribute] !== undefined) forgetCode.add(attribute);
      delete pending[attribute];
      if (flagValue !== undefined) attributes[flag] = flagValue;
    } else if (!markVerified && keepsOriginal(pool, user, attribute)) {
      pending[attribute] = newValue;
      sends.push({ attribute, address: newValue });
    } else {
      attributes[attribute] = newValue;
      attributes[flag] = markVerified ? 'true' : 'false';
      delete pending[attribute];
      forgetCode.add(attribute);
      const autoVerified = pool.description.AutoVerifiedAttributes?.includes(attribute);
      if (!markVerified && autoVerified && (!admin || ADMIN_UPDATE_SENDS_CODE)) sends.push({ attribute, address: newValue });
    }
    // The one-holder rule, for a new pending value and for an active value that changed or became verified.
    const newPending = pending[attribute] !== undefined && pending[attribute] !== user.pendingAttributes?.[attribute] ? pending[attribute] : undefined;
    if (newPending && aliasHolder(ctx, pool, user, attribute, newPending, false)) throw aliasExists(attribute);
    const active = attributes[attribute];
    const verified = attributes[flag] === 'true';
    const activeChanged = active !== user.attributes[attribute] || (verified && user.attributes[flag] !== 'true');
    if (active && activeChanged && aliasHolder(ctx, pool, user, attribute, active, verified)) throw aliasExists(attribute);
  }

  user.attributes = attributes;
  user.pendingAttributes = pending;
  user.modifiedAt = ctx.clock.now();
  const write = (messages: ComposedMessage[]) =>
    ctx.store.transaction(() => {
      for (const attribute of forgetCode) delete user.codes[VERIFY_PURPOSE[attribute]];
      const delivered = sends.map(({ attribute, address }, i) =>
        sendCode(ctx, pool, user, VERIFY_PURPOSE[attribute], 'UPDATE_USER_ATTRIBUTE', { attributeName: attribute, address }, undefined, messages[i]),
      );
      ctx.store.users.update(user);
      return delivered;
    });
  const messages = sends.map(({ attribute }) =>
    messageFor(ctx, pool, user, codeMessage(ctx, 'UPDATE_USER_ATTRIBUTE', attribute, messaging.caller, messaging.clientMetadata)),
  );
  if (messages.some((message) => message instanceof Promise)) return Promise.all(messages).then(write);
  return write(messages as ComposedMessage[]);
}

/** Whether a new value waits for verification while the original stays in use. */
function keepsOriginal(pool: UserPool, user: User, attribute: VerifiableAttribute): boolean {
  const required = (pool.description.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)
    ?.AttributesRequireVerificationBeforeUpdate;
  if (!required?.includes(attribute)) return false;
  return !PENDING_ONLY_OVER_VERIFIED_VALUE || (!!user.attributes[attribute] && user.attributes[VERIFIED_FLAG[attribute]] === 'true');
}

/**
 * DeleteUserAttributes / AdminDeleteUserAttributes: the same checks as an update that blanks them.
 * Deleting email or phone_number deletes its verified flag, a pending new value and its code.
 */
export function deleteAttributes(ctx: Context, pool: UserPool, user: User, names: string[], writer: AttributeWriter): void {
  checkAttributeWrite(pool, writer, new Map(names.map((name) => [name, ''])));
  const pending = { ...user.pendingAttributes };
  for (const name of names) {
    delete user.attributes[name];
    if (isVerifiable(name)) {
      delete user.attributes[VERIFIED_FLAG[name]];
      delete pending[name];
      delete user.codes[VERIFY_PURPOSE[name]];
    }
  }
  user.pendingAttributes = pending;
  user.modifiedAt = ctx.clock.now();
  ctx.store.transaction(() => ctx.store.users.update(user));
}
