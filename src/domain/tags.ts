/** Tags of a user pool, the only taggable cognito-idp resource, addressed by its ARN. */
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import { InvalidParameter, ResourceNotFound } from '../protocol/errors.js';

/** API reference: "A user pool can have as many as 50 tags." */
export const MAX_TAGS = 50;
/** UNSURE: Cognito's texts for an ARN naming no pool and for a 51st tag. */
export const resourceNotFound = (arn: string) => `Resource ${arn} does not exist.`;
export const TOO_MANY_TAGS = `A user pool can have at most ${MAX_TAGS} tags.`;

/** `arn:aws:cognito-idp:<region>:<account>:userpool/<id>` -> that pool, or ResourceNotFoundException. */
export function poolOfArn(ctx: Context, arn: string): UserPool {
  const match = /^arn:[\w-]+:cognito-idp:[\w-]*:\d+:userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn);
  const pool = match ? ctx.store.userPools.get(match[1]) : undefined;
  if (!pool || pool.description.Arn !== arn) throw ResourceNotFound(resourceNotFound(arn));
  return pool;
}

export function writeTags(ctx: Context, pool: UserPool, tags: Record<string, string>): void {
  if (Object.keys(tags).length > MAX_TAGS) throw InvalidParameter(TOO_MANY_TAGS);
  ctx.store.transaction(() => ctx.store.userPools.update({ ...pool, description: { ...pool.description, UserPoolTags: tags } }));
}
