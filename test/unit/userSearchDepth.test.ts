/**
 * ListUsers' searches (src/store/users.ts `search`) cost the same on any page: a page after a
 * PaginationToken starts its index walk at the token's position, not at the Filter's start. The
 * cost is compared between the first page and a page in the middle of a large pool (a walk from the
 * Filter's start made the middle page of this in-memory pool about 13 times dearer than the first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import type { SearchCondition, SearchPosition, SearchableAttribute, User } from '../../src/store/users.js';

const POOL = 'us-east-1_search';
const USERS = 100_000;
const PAGE = 60;

let store: Store;

beforeAll(() => {
  store = new Store(':memory:');
  store.db.prepare("INSERT INTO user_pools (id, region, description, created_at) VALUES (?, 'us-east-1', '{}', 0)").run(POOL);
  store.transaction(() => {
    for (let i = 0; i < USERS; i++) {
      const username = `user-${String(i).padStart(6, '0')}`;
      const user: User = {
        userPoolId: POOL,
        username,
        usernameKey: username,
        sub: `sub-${i}`,
        status: 'CONFIRMED',
        enabled: true,
        attributes: { email: `${username}@example.com` },
        passwordSalt: null,
        passwordVerifier: null,
        mfa: {},
        codes: {},
        failedSignIns: 0,
        lockedUntil: 0,
        createdAt: 0,
        modifiedAt: 0,
      };
      store.users.insert(user);
    }
  });
});
afterAll(() => store.close());

/** The median ms of a few runs of fn. */
function medianMs(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[4];
}

describe('ListUsers searches', () => {
  const cases: [SearchableAttribute, SearchCondition, SearchCondition | undefined, (middle: string) => SearchPosition][] = [
    ['email', { from: 'user-', below: 'user.' }, undefined, (middle) => [`${middle}@example.com`, middle]],
    ['username', { from: 'user-', below: 'user.' }, { from: 'user-', below: 'user.' }, (middle) => [middle, middle]],
  ];
  for (const [attribute, condition, key, position] of cases) {
    it(`by ${attribute}: a page in the middle of ${USERS} users costs about what the first page does, and holds the users after the position`, () => {
      const middle = `user-${String(USERS / 2).padStart(6, '0')}`;
      const after = position(middle);
      const deep = store.users.search(POOL, attribute, condition, key, after, PAGE);
      expect(deep.users.map((user) => user.username)).toEqual(Array.from({ length: PAGE }, (_, i) => `user-${String(USERS / 2 + 1 + i).padStart(6, '0')}`));
      expect(deep.next).toBeDefined();

      const first = medianMs(() => store.users.search(POOL, attribute, condition, key, undefined, PAGE));
      const inTheMiddle = medianMs(() => store.users.search(POOL, attribute, condition, key, after, PAGE));
      expect(inTheMiddle).toBeLessThan(first * 4);
    });
  }
});
