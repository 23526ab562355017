import type { Context } from '../../context.js';
import type { SchemaAttribute } from '../../store/userPools.js';
import { findPool, withCustomAttributes } from '../../domain/userPools.js';

/**
 * Adds custom attributes to the pool's schema (`custom:<Name>`, or `dev:custom:<Name>` developer-only):
 * never required, never a name the schema has, at most 50 in all. DescribeUserPool shows them at once.
 */
export default function addCustomAttributes(input: { UserPoolId: string; CustomAttributes: SchemaAttribute[] }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const SchemaAttributes = withCustomAttributes(pool.description.SchemaAttributes, input.CustomAttributes);
  const description = { ...pool.description, SchemaAttributes, LastModifiedDate: ctx.clock.now() / 1000 };
  ctx.store.transaction(() => ctx.store.userPools.update({ ...pool, description }));
  return {};
}
