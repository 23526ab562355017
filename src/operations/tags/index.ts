/** Tags (of user pools, the taggable resource). */
import type { AnyOperation } from '../registry.js';
import listTagsForResource from './listTagsForResource.js';
import tagResource from './tagResource.js';
import untagResource from './untagResource.js';

export const tagsOperations: Record<string, AnyOperation> = {
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
};
