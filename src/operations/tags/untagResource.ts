import type { Context } from '../../context.js';
import { poolOfArn, writeTags } from '../../domain/tags.js';

/** Removes these keys (keys the pool does not have are ignored). */
export default function untagResource(input: { ResourceArn: string; TagKeys: string[] }, ctx: Context) {
  const pool = poolOfArn(ctx, input.ResourceArn);
  const tags = { ...(pool.description.UserPoolTags as Record<string, string> | undefined) };
  for (const key of input.TagKeys) delete tags[key];
  writeTags(ctx, pool, tags);
  return {};
}
