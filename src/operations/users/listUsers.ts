import type { Context } from '../../context.js';
import type { SearchPosition, User } from '../../store/users.js';
import { decodeToken, encodeToken, invalidPaginationToken } from '../../domain/pagination.js';
import { isSearchable, parseUserFilter } from '../../domain/userFilter.js';
import { findPool } from '../../domain/userPools.js';
import { userType } from '../../domain/users.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface ListUsersInput {
  UserPoolId: string;
  AttributesToGet?: string[];
  Limit?: number;
  PaginationToken?: string;
  Filter?: string;
}

/**
 * UNSURE: the model allows Limit 0; we answer it (like an absent Limit) with up to 60 users rather
 * than an empty page.
 */
export const DEFAULT_LIST_USERS_LIMIT = 60;

/**
 * Real text [OBS aws-sdk-js#2570, #3091]: AttributesToGet names an attribute a user of the page has
 * no value for. Only for attributes ListUsers cannot search by: "Attributes that you can't filter on,
 * including custom attributes, must have a value set in every user profile" [DOC ListUsers].
 * UNSURE: sub may be asked for (every user has it); a 2026 report blames an InvalidParameterException
 * "Input fails to satisfy the constraints." on asking for sub, without showing it was the cause.
 */
export const MISSING_REQUESTED_ATTRIBUTE = 'One or more requested attributes do not exist.';


/**
 * The pool's users a page at a time, all of them or those one Filter matches: a page is one walk of
 * an index (usernames, or the filtered attribute's), or for status filters of a bounded window of
 * the pool (a page may then hold fewer users than Limit and still have a PaginationToken, which the
 * API allows), whatever the pool's size.
 */
export default function listUsers(input: ListUsersInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const filter = parseUserFilter(pool, input.Filter);
  const limit = input.Limit || DEFAULT_LIST_USERS_LIMIT;
  const position = decodeToken(input.PaginationToken);

  let users: User[];
  let next: string | undefined;
  if (filter) {
    const after = position === undefined ? undefined : searchPosition(position);
    const page = ctx.store.users.search(pool.id, filter.attribute, filter.condition, filter.key, after, limit);
    users = page.users;
    if (page.next) next = encodeToken(JSON.stringify(page.next));
  } else {
    users = ctx.store.users.list(pool.id, position, limit + 1);
    if (users.length > limit) next = encodeToken(users[limit - 1].usernameKey);
    users = users.slice(0, limit);
  }

  const wanted = input.AttributesToGet;
  if (wanted?.some((name) => !isSearchable(name) && name !== 'sub' && users.some((user) => user.attributes[name] === undefined))) {
    throw InvalidParameter(MISSING_REQUESTED_ATTRIBUTE);
  }
  return {
    Users: users.map((user) => {
      const type = userType(user);
      return wanted ? { ...type, Attributes: type.Attributes.filter((a) => wanted.includes(a.Name)) } : type;
    }),
    ...(next ? { PaginationToken: next } : {}),
  };
}

function searchPosition(token: string): SearchPosition {
  try {
    const position = JSON.parse(token) as unknown;
    if (Array.isArray(position) && position.length === 2 && ['string', 'number'].includes(typeof position[0]) && typeof position[1] === 'string') {
      return position as SearchPosition;
    }
  } catch {
    // not JSON: refused below
  }
  throw invalidPaginationToken();
}
