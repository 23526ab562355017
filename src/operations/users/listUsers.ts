import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import { decodeToken, encodeToken } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';
import { userType } from '../../domain/users.js';
import { InvalidParameter } from '../../protocol/errors.js';

/** The attributes ListUsers can filter on, and how each reads a user. */
const FILTERABLE: Record<string, (user: User) => string | undefined> = {
  username: (u) => u.username,
  sub: (u) => u.sub,
  'cognito:user_status': (u) => u.status,
  status: (u) => (u.enabled ? 'Enabled' : 'Disabled'),
  ...Object.fromEntries(
    ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username'].map((name) => [name, (u: User) => u.attributes[name]]),
  ),
};

/** Attributes whose filter value matches case-insensitively (documented for cognito:user_status). */
const CASE_INSENSITIVE = new Set(['cognito:user_status']);

/**
 * UNSURE: the model allows Limit 0; we answer it (like an absent Limit) with up to 60 users rather
 * than an empty page.
 */
export const DEFAULT_LIST_USERS_LIMIT = 60;

const FILTER = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/** `name = "value"` (exact) or `name ^= "value"` (prefix), as Cognito's Filter. */
export function parseFilter(filter: string | undefined): ((user: User) => boolean) | undefined {
  if (!filter) return undefined;
  const match = FILTER.exec(filter);
  const read = match && FILTERABLE[match[1]];
  if (!match || !read) throw InvalidParameter('Error while parsing filter.');
  const fold = CASE_INSENSITIVE.has(match[1]) ? (v: string | undefined) => v?.toLowerCase() : (v: string | undefined) => v;
  const value = fold(match[3].replace(/\\(.)/g, '$1'))!;
  return match[2] === '=' ? (user) => fold(read(user)) === value : (user) => fold(read(user))?.startsWith(value) ?? false;
}

export default function listUsers(
  input: { UserPoolId: string; AttributesToGet?: string[]; Limit?: number; PaginationToken?: string; Filter?: string },
  ctx: Context,
) {
  const pool = findPool(ctx, input.UserPoolId);
  const matches = parseFilter(input.Filter);
  const limit = input.Limit || DEFAULT_LIST_USERS_LIMIT;
  let after = decodeToken(input.PaginationToken);
  const found: User[] = [];
  // Scan in creation order, a batch at a time, until a page (and one more, to know there is a next) matches.
  for (;;) {
    const batch = ctx.store.users.list(pool.id, after, 500);
    for (const user of batch) if (!matches || matches(user)) found.push(user);
    if (batch.length < 500 || found.length > limit) break;
    after = batch[batch.length - 1].usernameKey;
  }
  const page = found.slice(0, limit);
  const wanted = input.AttributesToGet && new Set(input.AttributesToGet);
  return {
    Users: page.map((user) => {
      const type = userType(user);
      return wanted ? { ...type, Attributes: type.Attributes.filter((a) => wanted.has(a.Name)) } : type;
    }),
    ...(found.length > limit ? { PaginationToken: encodeToken(page[page.length - 1].usernameKey) } : {}),
  };
}
