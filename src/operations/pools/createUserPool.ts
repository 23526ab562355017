import type { Context, Call } from '../../context.js';
import type { UserPoolDescription } from '../../store/userPools.js';
import { DEFAULT_PASSWORD_POLICY } from '../../domain/passwords.js';
import { userPoolIdFor } from '../../domain/fixedIds.js';
import { checkTierFeatures, POOL_DEFAULTS, schemaAttributes } from '../../domain/userPools.js';
import { InvalidParameter } from '../../protocol/errors.js';
import { checkNewPoolMfa } from '../../domain/mfa.js';

/** The account every pool ARN names: kognito has no accounts. */
export const ACCOUNT_ID = '000000000000';

export interface CreateUserPoolInput {
  PoolName: string;
  Policies?: UserPoolDescription['Policies'];
  AutoVerifiedAttributes?: string[];
  AliasAttributes?: string[];
  UsernameAttributes?: string[];
  MfaConfiguration?: UserPoolDescription['MfaConfiguration'];
  DeviceConfiguration?: UserPoolDescription['DeviceConfiguration'];
  UsernameConfiguration?: UserPoolDescription['UsernameConfiguration'];
  AdminCreateUserConfig?: UserPoolDescription['AdminCreateUserConfig'];
  Schema?: UserPoolDescription['SchemaAttributes'];
  UserPoolTags?: Record<string, string>;
  VerificationMessageTemplate?: { EmailMessage?: string; EmailMessageByLink?: string; [k: string]: unknown };
  EmailVerificationMessage?: string;
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate?: string[] };
  [member: string]: unknown;
}

/**
 * Real text [OBS aws-cli#8280, aws-cdk#6811]: a verification email template with both a code message
 * and a link message (EmailMessage, or the older EmailVerificationMessage, with EmailMessageByLink).
 */
export const INVALID_MESSAGE = 'The message is invalid.';
/** Real text [OBS aws-cli#7151]. */
export const VERIFY_BEFORE_UPDATE_NOT_AUTO_VERIFIED = 'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes';

/** Checks that apply to both CreateUserPool and UpdateUserPool. */
export function checkPoolSettings(input: Partial<CreateUserPoolInput>): void {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw InvalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');
  }
  const template = input.VerificationMessageTemplate;
  if (template?.EmailMessageByLink !== undefined && (template.EmailMessage !== undefined || input.EmailVerificationMessage !== undefined)) {
    throw InvalidParameter(INVALID_MESSAGE);
  }
  const beforeUpdate = input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  if (beforeUpdate.some((name) => !input.AutoVerifiedAttributes?.includes(name))) {
    throw InvalidParameter(VERIFY_BEFORE_UPDATE_NOT_AUTO_VERIFIED);
  }
}

export default async function createUserPool(input: CreateUserPoolInput, ctx: Context, call: Call) {
  checkPoolSettings(input);
  checkNewPoolMfa(input);
  const now = ctx.clock.now();
  const { id, region } = userPoolIdFor(ctx, call, input.UserPoolTags);
  const { PoolName, Schema, Policies, ...settings } = input;
  const description: UserPoolDescription = {
    Id: id,
    Name: PoolName,
    Policies: {
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
      ...Policies,
      PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...Policies?.PasswordPolicy },
    },
    ...POOL_DEFAULTS,
    ...settings,
    SchemaAttributes: schemaAttributes(Schema),
    Arn: `arn:aws:cognito-idp:${region}:${ACCOUNT_ID}:userpool/${id}`,
    CreationDate: now / 1000,
    LastModifiedDate: now / 1000,
  };
  if (settings.UserPoolTags) description.UserPoolTags = settings.UserPoolTags;
  checkTierFeatures(description);
  // Keys first (RSA generation is slow), then one transaction for the pool and its keys.
  const keys = await ctx.keys.newSigningKeys();
  ctx.store.transaction(() => {
    ctx.store.userPools.insert({ id, region, description, mfaConfig: {} }, now);
    for (const key of keys) ctx.store.userPools.insertSigningKey(id, key);
  });
  return { UserPool: describe(ctx, description) };
}

/** UserPoolType with the live user estimate and the pool's domain (prefix: Domain, custom: CustomDomain). */
export function describe(ctx: Context, description: UserPoolDescription) {
  const domain = ctx.store.domains.ofPool(description.Id);
  return {
    ...description,
    ...(domain ? { [domain.CustomDomainConfig ? 'CustomDomain' : 'Domain']: domain.Domain } : {}),
    EstimatedNumberOfUsers: ctx.store.userPools.count(description.Id),
  };
}
