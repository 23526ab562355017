/** NextToken/PaginationToken: the opaque position after the last item returned. */
import { InvalidParameter } from '../protocol/errors.js';

/** The answer to a token kognito did not give (or that names another position's form). */
export const invalidPaginationToken = () => InvalidParameter('Invalid pagination token.');

export const encodeToken = (position: string) => Buffer.from(position).toString('base64url');

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const position = Buffer.from(token, 'base64url').toString();
  if (!position || encodeToken(position) !== token) throw invalidPaginationToken();
  return position;
}

/** Fetches limit+1 to know whether a next page exists. */
export function page<T>(items: T[], limit: number, positionOf: (item: T) => string): { items: T[]; next?: string } {
  if (items.length <= limit) return { items };
  const kept = items.slice(0, limit);
  return { items: kept, next: encodeToken(positionOf(kept[kept.length - 1])) };
}
