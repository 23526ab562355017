import type { Context } from '../../context.js';
import { poolOfArn } from '../../domain/tags.js';

export default function listTagsForResource(input: { ResourceArn: string }, ctx: Context) {
  return { Tags: poolOfArn(ctx, input.ResourceArn).description.UserPoolTags ?? {} };
}
