/**
 * User attributes against the pool's schema and the app client's read and write permissions: the
 * rules SignUp, AdminCreateUser, the attribute updates, GetUser and the ID token share.
 */
import type { SchemaAttribute, UserPool } from '../store/userPools.js';
import type { UserPoolClientDescription } from '../store/userPoolClients.js';
import type { VerifiableAttribute } from '../store/users.js';
import { InvalidParameter, NotAuthorized } from '../protocol/errors.js';

export type AttributeType = { Name: string; Value: string };

/** Only these two can be verified, each with its flag. */
export const VERIFIED_FLAG: Record<VerifiableAttribute, 'email_verified' | 'phone_number_verified'> = {
  email: 'email_verified',
  phone_number: 'phone_number_verified',
};
export const isVerifiable = (name: string): name is VerifiableAttribute => name === 'email' || name === 'phone_number';

/** Real text [OBS amazon-cognito-identity-js#397, aws-sdk-js#3603]: a client writing an attribute it may not. */
export const UNAUTHORIZED_WRITE = 'A client attempted to write unauthorized attribute';
/** Real texts [OBS amazon-cognito-identity-js#316 and aws-amplify-auth-starters#5; the email one UNSURE, by analogy]. */
export const INVALID_PHONE = 'Invalid phone number format.';
export const INVALID_EMAIL = 'Invalid email address format.';

/**
 * Why an attribute value is refused, after `<name>: `. The String maximum is a real text [OBS
 * "user.custom:DisplayName: String must be no longer than 10 characters", an app matching Cognito's
 * answer]; UNSURE: the other three are written by analogy.
 */
export const VALUE_REASONS = {
  tooLong: (max: string) => `String must be no longer than ${max} characters`,
  tooShort: (min: string) => `String must be no shorter than ${min} characters`,
  notANumber: 'Number expected',
  tooLarge: (max: string) => `Number must be no greater than ${max}`,
  tooSmall: (min: string) => `Number must be no less than ${min}`,
} as const;

const schemaIndex = new WeakMap<SchemaAttribute[], Map<string, SchemaAttribute>>();

/** The pool's schema attribute of that name (looked up in a map made once per loaded pool). */
export function schemaAttribute(pool: UserPool, name: string): SchemaAttribute | undefined {
  const schema = pool.description.SchemaAttributes;
  let byName = schemaIndex.get(schema);
  if (!byName) {
    byName = new Map(schema.map((attribute) => [attribute.Name, attribute]));
    schemaIndex.set(schema, byName);
  }
  return byName.get(name);
}

// ------------------------------------------------------------------------------------------------
// SignUp and AdminCreateUser: "Attributes did not conform to the schema: ..."

const schemaError = (detail: string) => InvalidParameter(`Attributes did not conform to the schema: ${detail}`);

/**
 * Turns an AttributeType list into a record, refusing what the schema does not have (every such
 * name on its own line, each ending with a newline [OBS amplify-flutter#509]) and values the
 * schema's types and formats refuse.
 */
export function attributesFrom(pool: UserPool, list: AttributeType[] | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  const unknown: string[] = [];
  for (const { Name, Value } of list ?? []) {
    if (Name === 'sub') throw InvalidParameter('Cannot modify the non-mutable attribute sub');
    if (!schemaAttribute(pool, Name)) unknown.push(Name);
    attributes[Name] = Value ?? '';
  }
  if (unknown.length) throw schemaError(unknown.map((name) => `${name}: Attribute does not exist in the schema.\n`).join(''));
  for (const [name, value] of Object.entries(attributes)) {
    const reason = valueProblem(pool, name, value);
    if (reason) throw reason.format ? InvalidParameter(reason.text) : schemaError(`${name}: ${reason.text}`);
  }
  return attributes;
}

/** Every attribute the schema marks Required must be present (sub is ours to set). */
export function checkRequiredAttributes(pool: UserPool, attributes: Record<string, string>): void {
  const missing = missingRequiredAttributes(pool, attributes);
  if (missing.length) throw schemaError(missing.map((name) => `${name}: The attribute is required`).join('\n'));
}

/** The schema's Required attributes (but sub, which is ours) that have no value. */
export function missingRequiredAttributes(pool: UserPool, attributes: Record<string, string>): string[] {
  return pool.description.SchemaAttributes.filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name]).map((a) => a.Name);
}

// ------------------------------------------------------------------------------------------------
// Values

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;
export const looksLikeEmail = (value: string) => EMAIL.test(value);
export const looksLikePhone = (value: string) => PHONE.test(value);

/**
 * What is wrong with a (non-empty) value, if anything: the email and phone formats (answered with
 * their own texts), then the schema's String lengths and Number bounds.
 */
export function valueProblem(pool: UserPool, name: string, value: string): { text: string; format?: true } | undefined {
  if (value === '') return undefined;
  if (name === 'email' && !looksLikeEmail(value)) return { text: INVALID_EMAIL, format: true };
  if (name === 'phone_number' && !looksLikePhone(value)) return { text: INVALID_PHONE, format: true };
  const attribute = schemaAttribute(pool, name);
  if (!attribute) return undefined;
  if (attribute.AttributeDataType === 'String') {
    const { MinLength, MaxLength } = (attribute.StringAttributeConstraints ?? {}) as { MinLength?: string; MaxLength?: string };
    const length = [...value].length;
    if (MaxLength !== undefined && length > Number(MaxLength)) return { text: VALUE_REASONS.tooLong(MaxLength) };
    if (MinLength !== undefined && length < Number(MinLength)) return { text: VALUE_REASONS.tooShort(MinLength) };
  }
  if (attribute.AttributeDataType === 'Number') {
    const { MinValue, MaxValue } = (attribute.NumberAttributeConstraints ?? {}) as { MinValue?: string; MaxValue?: string };
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) return { text: VALUE_REASONS.notANumber };
    if (MaxValue !== undefined && number > Number(MaxValue)) return { text: VALUE_REASONS.tooLarge(MaxValue) };
    if (MinValue !== undefined && number < Number(MinValue)) return { text: VALUE_REASONS.tooSmall(MinValue) };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// The app client's permissions

/**
 * UNSURE: an app client created without WriteAttributes / ReadAttributes writes / reads custom
 * attributes too (the API reference names only the standard ones; apps and CDK's documented default
 * "all standard and custom attributes" show custom ones read and written). false: standard ones only.
 */
export const UNSET_PERMISSIONS_COVER_CUSTOM_ATTRIBUTES = true;

const isCustom = (name: string) => name.startsWith('custom:');

/**
 * Whether the client may write the attribute. A client with WriteAttributes may write those; one
 * without may write the attributes of the schema but the verified flags (Cognito sets them [OBS
 * aws-sdk-js#3603: SignUp with email_verified]) and developer-only ones (administrators only) [DOC
 * CreateUserPoolClient WriteAttributes, SchemaAttributeType].
 */
export function clientMayWrite(client: UserPoolClientDescription, name: string): boolean {
  if (name.startsWith('dev:')) return false;
  if (client.WriteAttributes?.length) return client.WriteAttributes.includes(name);
  if (isCustom(name)) return UNSET_PERMISSIONS_COVER_CUSTOM_ATTRIBUTES;
  return name !== 'email_verified' && name !== 'phone_number_verified';
}

/**
 * A client's writes are refused as a whole when one attribute is not its to write [OBS
 * amplify-js#5345: an unknown name answers so too when the client lists its WriteAttributes].
 */
export function checkClientWrites(client: UserPoolClientDescription, pool: UserPool, names: Iterable<string>): void {
  for (const name of names) {
    const listed = client.WriteAttributes?.length ? client.WriteAttributes.includes(name) : true;
    if (!listed || (schemaAttribute(pool, name) && !clientMayWrite(client, name))) throw NotAuthorized(UNAUTHORIZED_WRITE);
  }
}

/**
 * Whether the client may read the attribute: its ReadAttributes, or when it lists none every
 * attribute (custom ones as UNSET_PERMISSIONS_COVER_CUSTOM_ATTRIBUTES says). sub is always readable.
 */
export function clientMayRead(client: UserPoolClientDescription, name: string): boolean {
  if (name === 'sub') return true;
  if (client.ReadAttributes?.length) return client.ReadAttributes.includes(name);
  return !isCustom(name) || UNSET_PERMISSIONS_COVER_CUSTOM_ATTRIBUTES;
}

/** Read/WriteAttributes of a client must name attributes of the pool [OBS aws-sdk-java#1395, aws-cdk#34379]. */
export function checkClientAttributes(
  pool: UserPool,
  settings: { ReadAttributes?: string[]; WriteAttributes?: string[] },
  action: 'creating' | 'updating',
): void {
  for (const kind of ['read', 'write'] as const) {
    const names = kind === 'read' ? settings.ReadAttributes : settings.WriteAttributes;
    if (names?.some((name) => !schemaAttribute(pool, name))) {
      throw InvalidParameter(`Invalid ${kind} attributes specified while ${action} a client`);
    }
  }
}
