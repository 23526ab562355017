/** Shared rules of the pool and client administration operations. */
import type { Context } from '../context.js';
import type { SchemaAttribute, UserPool, UserPoolDescription } from '../store/userPools.js';
import { CognitoError, InvalidParameter, ResourceNotFound } from '../protocol/errors.js';

/** The settings a pool has when CreateUserPool (or UpdateUserPool, which resets) leaves them out. */
export const POOL_DEFAULTS = {
  DeletionProtection: 'INACTIVE',
  LambdaConfig: {},
  MfaConfiguration: 'OFF',
  EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
  UserPoolTier: 'ESSENTIALS',
} as const;

/**
 * Threat protection (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED) needs the Plus tier
 * [DOC UserPoolAddOnsType]. Real text for an ESSENTIALS pool [OBS terraform-provider-aws#40734,
 * aws-cdk#33565].
 */
export const threatProtectionUnavailable = (tier: string) => `The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`;
/**
 * UNSURE: a LITE pool is refused threat protection as an ESSENTIALS one is, in the same words naming
 * LITE (the docs make it a Plus feature; no LITE answer was observed, and Email MFA's LITE refusal is
 * worded otherwise: "The following feature is not available for the LITE pricing tier configured: ...").
 */
export const THREAT_PROTECTION_LITE_REFUSAL = threatProtectionUnavailable('LITE');

/** The refusal of threat protection to a pool below the Plus tier. */
export const threatProtectionRefusal = (tier: string) =>
  new CognitoError('FeatureUnavailableInTierException', tier === 'LITE' ? THREAT_PROTECTION_LITE_REFUSAL : threatProtectionUnavailable(tier));

/** A pool's feature plan (ESSENTIALS when it was never set). */
export const tierOf = (description: UserPoolDescription) => String(description.UserPoolTier ?? POOL_DEFAULTS.UserPoolTier);

/** The features a pool's settings turn on must be in its tier (CreateUserPool, UpdateUserPool). */
export function checkTierFeatures(description: UserPoolDescription): void {
  const tier = tierOf(description);
  const mode = (description.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  if (tier === 'PLUS' || (mode !== 'AUDIT' && mode !== 'ENFORCED')) return;
  throw threatProtectionRefusal(tier);
}

export function findPool(ctx: Context, userPoolId: string): UserPool {
  const pool = ctx.store.userPools.get(userPoolId);
  if (!pool) throw ResourceNotFound(`User pool ${userPoolId} does not exist.`);
  return pool;
}

const standard = (Name: string, AttributeDataType = 'String', extra: Partial<SchemaAttribute> = {}): SchemaAttribute => ({
  Name,
  AttributeDataType,
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  ...(AttributeDataType === 'String' ? { StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } } : {}),
  ...extra,
});

/** The standard attributes every pool has, as DescribeUserPool lists them. */
export const STANDARD_SCHEMA: readonly SchemaAttribute[] = [
  standard('sub', 'String', { Mutable: false, Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } }),
  ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'email'].map(
    (name) => standard(name),
  ),
  standard('email_verified', 'Boolean'),
  ...['gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number'].map((name) =>
    name === 'birthdate' ? standard(name, 'String', { StringAttributeConstraints: { MinLength: '10', MaxLength: '10' } }) : standard(name),
  ),
  standard('phone_number_verified', 'Boolean'),
  standard('address'),
  standard('updated_at', 'Number', { NumberAttributeConstraints: { MinValue: '0' } }),
];

/**
 * UNSURE: Cognito's answer to a Schema entry without Name (the model leaves Name optional; the real
 * text was never observed): InvalidParameterException with this message.
 */
export const SCHEMA_ATTRIBUTE_NAME_MISSING = 'Every schema attribute must have a Name.';

/** Real text [OBS boto3#2317, CreateUserPool]: custom attributes cannot be required. */
export const REQUIRED_CUSTOM_ATTRIBUTE = 'Required custom attributes are not supported currently.';
/** Real text [OBS amplify-cli#9960]: a custom attribute without its AttributeDataType. */
export const MISSING_DATA_TYPE = 'Invalid AttributeDataType input, consider using the provided AttributeDataType enum.';
/** UNSURE (moto's text, not seen from AWS): a standard attribute given another type or made developer-only. */
export const standardAttributeChanged = (name: string) =>
  `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`;
/** Real text [OBS jmaleonard/serverless-cognito-add-custom-attributes#3]: the full name twice. */
export const existingAttribute = (name: string) => `${name}: Existing attribute already has name ${name}.`;
/** "You can add up to 50 custom attributes to your user pool" [DOC user-pool-settings-attributes]. */
export const MAX_CUSTOM_ATTRIBUTES = 50;
/** UNSURE: the text of AddCustomAttributes beyond MAX_CUSTOM_ATTRIBUTES was not found. */
export const TOO_MANY_CUSTOM_ATTRIBUTES = `A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`;

/** UNSURE: a custom attribute whose request leaves Mutable out is mutable (moto does the same). */
export const CUSTOM_ATTRIBUTE_MUTABLE_BY_DEFAULT = true;

const STANDARD_NAMES = new Set(STANDARD_SCHEMA.map((attribute) => attribute.Name));

/**
 * A custom attribute as the pool keeps it. Cognito always prefixes the given name: `custom:<Name>`,
 * or `dev:custom:<Name>` for a developer-only one [OBS cognito-local#393 screenshot of a real pool,
 * terraform-provider-aws#26704] (a Name given as `custom:x` becomes `custom:custom:x` [OBS
 * serverless-cognito-add-custom-attributes#3]; CreateUserPool's Schema is taken to name them the
 * same way, UNSURE).
 */
export function customAttribute(requested: SchemaAttribute): SchemaAttribute {
  if (requested.Name === undefined) throw InvalidParameter(SCHEMA_ATTRIBUTE_NAME_MISSING);
  if (!requested.AttributeDataType) throw InvalidParameter(MISSING_DATA_TYPE);
  if (requested.Required) throw InvalidParameter(REQUIRED_CUSTOM_ATTRIBUTE);
  const developerOnly = requested.DeveloperOnlyAttribute === true;
  return {
    ...requested,
    Name: `${developerOnly ? 'dev:' : ''}custom:${requested.Name}`,
    AttributeDataType: requested.AttributeDataType,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: requested.Mutable ?? CUSTOM_ATTRIBUTE_MUTABLE_BY_DEFAULT,
    Required: false,
    ...(requested.AttributeDataType === 'String' ? { StringAttributeConstraints: requested.StringAttributeConstraints ?? {} } : {}),
  };
}

/** Adds custom attributes to a schema, refusing names it already has and more than MAX_CUSTOM_ATTRIBUTES. */
export function withCustomAttributes(schema: SchemaAttribute[], requested: SchemaAttribute[]): SchemaAttribute[] {
  const result = [...schema];
  for (const attribute of requested.map(customAttribute)) {
    if (result.some((existing) => existing.Name === attribute.Name)) throw InvalidParameter(existingAttribute(attribute.Name));
    result.push(attribute);
  }
  if (result.filter((attribute) => !STANDARD_NAMES.has(attribute.Name)).length > MAX_CUSTOM_ATTRIBUTES) {
    throw InvalidParameter(TOO_MANY_CUSTOM_ATTRIBUTES);
  }
  return result;
}

/** CreateUserPool's Schema: settings for standard attributes, the rest custom attributes. */
export function schemaAttributes(requested: SchemaAttribute[] | undefined): SchemaAttribute[] {
  const schema = STANDARD_SCHEMA.map((attribute) => ({ ...attribute }));
  const custom: SchemaAttribute[] = [];
  for (const attribute of requested ?? []) {
    if (attribute.Name === undefined) throw InvalidParameter(SCHEMA_ATTRIBUTE_NAME_MISSING);
    const existing = schema.find((a) => a.Name === attribute.Name);
    if (!existing) {
      custom.push(attribute);
      continue;
    }
    const otherType = attribute.AttributeDataType !== undefined && attribute.AttributeDataType !== existing.AttributeDataType;
    if (otherType || attribute.DeveloperOnlyAttribute === true) throw InvalidParameter(standardAttributeChanged(attribute.Name));
    Object.assign(existing, attribute);
  }
  return withCustomAttributes(schema, custom);
}
