import type { Context } from '../../context.js';
import type { UserPoolDescription } from '../../store/userPools.js';
import { DEFAULT_PASSWORD_POLICY } from '../../domain/passwords.js';
import { checkTierFeatures, findPool, POOL_DEFAULTS } from '../../domain/userPools.js';
import { checkPoolSettings, type CreateUserPoolInput } from './createUserPool.js';

/** Settings UpdateUserPool cannot change: they stay as created. */
const IMMUTABLE = ['Id', 'Name', 'Arn', 'CreationDate', 'SchemaAttributes', 'UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration'] as const;

/** UNSURE: UpdateUserPool without UserPoolTags keeps the pool's tags (rather than clearing them). */
export const KEEP_TAGS_WHEN_OMITTED = true;

/**
 * As in Cognito, settings left out of the request go back to their defaults; only the immutable ones
 * (name, schema, sign-in attributes) and the tier are kept.
 */
export default function updateUserPool(input: CreateUserPoolInput & { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  checkPoolSettings(input);
  const { UserPoolId, Policies, ...settings } = input;
  const kept: Record<string, unknown> = Object.fromEntries(IMMUTABLE.filter((k) => k in pool.description).map((k) => [k, pool.description[k]]));
  // Tags belong to the resource (TagResource manages them too): a request without UserPoolTags keeps them.
  // "With the exception of UserPoolTier" a setting left out goes back to its default [DOC UpdateUserPool].
  if (settings.UserPoolTier === undefined && pool.description.UserPoolTier !== undefined) kept.UserPoolTier = pool.description.UserPoolTier;
  if (KEEP_TAGS_WHEN_OMITTED && settings.UserPoolTags === undefined && pool.description.UserPoolTags !== undefined) {
    kept.UserPoolTags = pool.description.UserPoolTags;
  }
  const description: UserPoolDescription = {
    ...POOL_DEFAULTS,
    ...settings,
    ...kept,
    Policies: {
      ...pool.description.Policies,
      ...Policies,
      PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...Policies?.PasswordPolicy },
    },
    LastModifiedDate: ctx.clock.now() / 1000,
  } as unknown as UserPoolDescription;
  checkTierFeatures(description);
  ctx.store.transaction(() => ctx.store.userPools.update({ ...pool, description }));
  return {};
}
