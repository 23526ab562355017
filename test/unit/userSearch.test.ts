/** The store's ListUsers searches on a pool larger than one status window: pages are bounded, complete and ordered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { STATUS_SCAN_WINDOW, type SearchCondition, type SearchPosition, type SearchableAttribute, type User } from '../../src/store/users.js';

const POOL = 'us-east-1_search';
const COUNT = STATUS_SCAN_WINDOW * 2 + 500;
let store: Store;

const user = (i: number): User => ({
  userPoolId: POOL,
  username: `user${String(i).padStart(5, '0')}`,
  usernameKey: `user${String(i).padStart(5, '0')}`,
  sub: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  status: i % 700 === 0 ? 'UNCONFIRMED' : 'CONFIRMED',
  enabled: i % 1000 !== 1,
  attributes: { email: `u${i}@example.com`, ...(i % 2 ? { family_name: i % 4 === 1 ? 'Odd' : 'Other' } : {}) },
  passwordSalt: null,
  passwordVerifier: null,
  mfa: {},
  codes: {},
  failedSignIns: 0,
  lockedUntil: 0,
  createdAt: 0,
  modifiedAt: 0,
});

beforeAll(() => {
  store = new Store(':memory:');
  store.transaction(() => {
    store.userPools.insert({ id: POOL, region: 'us-east-1', description: { Id: POOL, SchemaAttributes: [] } as never, mfaConfig: {} }, 0);
    for (let i = 0; i < COUNT; i++) store.users.insert(user(i));
  });
});
afterAll(() => store.close());

/** Every page of a search, as ListUsers would ask for them. */
function allPages(attribute: SearchableAttribute, condition: SearchCondition, limit = 60) {
  const pages: string[][] = [];
  let after: SearchPosition | undefined;
  do {
    const page = store.users.search(POOL, attribute, condition, undefined, after, limit);
    pages.push(page.users.map((u) => u.username));
    after = page.next;
  } while (after && pages.length < 1000);
  return pages;
}

describe('status searches scan a bounded window per page', () => {
  it('cognito:user_status: short pages with a token until the pool ends; every match once, in username order', () => {
    const pages = allPages('cognito:user_status', { oneOf: ['UNCONFIRMED'] });
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 700 === 0).map((i) => user(i).username);
    expect(pages.flat()).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(COUNT / STATUS_SCAN_WINDOW));
    expect(pages[0].length).toBeLessThan(60);
  });

  it('status: full pages while matches are dense', () => {
    const pages = allPages('status', { oneOf: [1] }, 60);
    expect(pages.flat()).toHaveLength(COUNT - Math.ceil((COUNT - 1) / 1000));
    expect(pages.slice(0, -1).every((page) => page.length === 60)).toBe(true);
  });
});

describe('indexed searches', () => {
  it('page through equal values in username order, each user once', () => {
    const pages = allPages('family_name', { equals: 'odd' }, 100);
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 4 === 1).map((i) => user(i).username);
    expect(pages.flat()).toEqual(expected);
    expect(pages.every((page, i) => page.length === 100 || i === pages.length - 1)).toBe(true);
  });

  it('a prefix range ends where the prefix ends, in the order of the searched value', () => {
    const byEmail = (i: number) => `u${i}@example.com`;
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => String(i).startsWith('10'))
      .sort((a, b) => (byEmail(a) < byEmail(b) ? -1 : 1))
      .map((i) => user(i).username);
    expect(allPages('email', { from: 'u10', below: 'u11' }).flat()).toEqual(expected);
  });
});
