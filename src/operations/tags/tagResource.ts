import type { Context } from '../../context.js';
import { poolOfArn, writeTags } from '../../domain/tags.js';

/** Adds tags to the pool (a key given again takes the new value); DescribeUserPool shows them as UserPoolTags. */
export default function tagResource(input: { ResourceArn: string; Tags: Record<string, string> }, ctx: Context) {
  const pool = poolOfArn(ctx, input.ResourceArn);
  writeTags(ctx, pool, { ...(pool.description.UserPoolTags as Record<string, string> | undefined), ...input.Tags });
  return {};
}
