/**
 * ListUsers' Filter: `AttributeName = "value"` (exact) or `AttributeName ^= "value"` (starts with),
 * on one of ten attributes, turned into an indexed search of the store.
 */
import type { UserPool } from '../store/userPools.js';
import type { SearchableAttribute, SearchCondition, UserStatus } from '../store/users.js';
import { InvalidParameter } from '../protocol/errors.js';
import { usernameKeyFor } from './users.js';

/** Real text [OBS aws-sdk-php#1088 (2016), aws-aspnet-cognito-identity-provider#235 (2023)]. */
export const FILTER_PARSE_ERROR = 'Error while parsing filter.';
/** UNSURE (moto's text, written when it learned that custom attributes are not searchable): a name ListUsers cannot search. */
export const invalidSearchAttribute = (name: string) => `Invalid search attribute: ${name}`;

/** The user statuses cognito:user_status can match (UserStatusType). */
const USER_STATUSES: readonly UserStatus[] = [
  'UNCONFIRMED', 'CONFIRMED', 'ARCHIVED', 'COMPROMISED', 'UNKNOWN', 'RESET_REQUIRED', 'FORCE_CHANGE_PASSWORD', 'EXTERNAL_PROVIDER',
];
/** status is "Enabled" or "Disabled" (the console's Enabled column), stored as 1 / 0. */
const ENABLED_VALUES: readonly [string, number][] = [['Enabled', 1], ['Disabled', 0]];

/**
 * How each searchable attribute compares [DOC ListUsers: "username (case-sensitive)", "cognito:user_status
 * (case-insensitive)", "status (case-sensitive)"; developer guide: "All searches are case-insensitive"].
 * Case-insensitive values fold as the store's lower() does (ASCII letters only).
 */
const FOLD: Record<SearchableAttribute, 'none' | 'lower'> = {
  username: 'none',
  email: 'lower',
  phone_number: 'none',
  name: 'lower',
  given_name: 'lower',
  family_name: 'lower',
  preferred_username: 'lower',
  sub: 'lower',
  'cognito:user_status': 'none',
  status: 'none',
};

export const isSearchable = (name: string): name is SearchableAttribute => Object.hasOwn(FOLD, name);

export interface UserFilter {
  attribute: SearchableAttribute;
  condition: SearchCondition;
  /** For username: the same condition on the username key (lower-cased in case-insensitive pools). */
  key?: SearchCondition;
}

const asciiLower = (value: string) => value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** The least string greater than every string that starts with `prefix` (its last code point plus one). */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = [...prefix];
  while (codePoints.length) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) return codePoints.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
}

// A quoted string, with \" and \\ (any backslash-escaped character stands for itself).
const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
const FILTER = new RegExp(String.raw`^\s*(?:"([^"]*)"|([^\s"=^]+))\s*(=|\^=)\s*${QUOTED}\s*$`, 's');

/** Parses a Filter; undefined when there is none (an empty Filter lists every user). */
export function parseUserFilter(pool: UserPool, filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const match = FILTER.exec(filter);
  if (!match) throw InvalidParameter(FILTER_PARSE_ERROR);
  const name = match[1] ?? match[2];
  if (!isSearchable(name)) throw InvalidParameter(invalidSearchAttribute(name));
  const prefix = match[3] === '^=';
  const value = match[4].replace(/\\(.)/gs, '$1');
  const condition = conditionFor(name, value, prefix);
  if (name !== 'username') return { attribute: name, condition };
  return { attribute: name, condition, key: conditionFor(name, usernameKeyFor(pool, value), prefix) };
}

function conditionFor(attribute: SearchableAttribute, value: string, prefix: boolean): SearchCondition {
  const matches = (candidate: string, given: string) => (prefix ? candidate.startsWith(given) : candidate === given);
  if (attribute === 'cognito:user_status') {
    return { oneOf: USER_STATUSES.filter((status) => matches(status, value.toUpperCase())) };
  }
  if (attribute === 'status') {
    return { oneOf: ENABLED_VALUES.filter(([label]) => matches(label, value)).map(([, stored]) => stored) };
  }
  const folded = FOLD[attribute] === 'lower' ? asciiLower(value) : value;
  if (!prefix) return { equals: folded };
  return { from: folded, below: prefixUpperBound(folded) };
}
