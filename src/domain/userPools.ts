/** Shared rules of the pool and client administration operations. */
import type { Context } from '../context.js';
import type { SchemaAttribute, UserPool } from '../store/userPools.js';
import { InvalidParameter, ResourceNotFound } from '../protocol/errors.js';

/** The settings a pool has when CreateUserPool (or UpdateUserPool, which resets) leaves them out. */
export const POOL_DEFAULTS = {
  DeletionProtection: 'INACTIVE',
  LambdaConfig: {},
  MfaConfiguration: 'OFF',
  EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
  UserPoolTier: 'ESSENTIALS',
} as const;

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

/** Merges a request's Schema into the standard one (custom attributes get the `custom:` prefix). */
export function schemaAttributes(requested: SchemaAttribute[] | undefined): SchemaAttribute[] {
  const schema = STANDARD_SCHEMA.map((attribute) => ({ ...attribute }));
  for (const attribute of requested ?? []) {
    if (attribute.Name === undefined) throw InvalidParameter(SCHEMA_ATTRIBUTE_NAME_MISSING);
    const existing = schema.find((a) => a.Name === attribute.Name);
    if (existing) {
      Object.assign(existing, attribute);
    } else {
      schema.push({
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        ...attribute,
        Name: attribute.Name.startsWith('custom:') ? attribute.Name : `custom:${attribute.Name}`,
      });
    }
  }
  return schema;
}
