/**
 * Group commit (src/store/store.ts): the transactions of one turn of the event loop share one SQLite
 * transaction, each a savepoint in it; `committed()` tells when they are on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { claimOnce, keepWrites } from '../../src/domain/singleUse.js';
import { CognitoError } from '../../src/protocol/errors.js';
import { call, startServer } from '../support/server.js';

const scratch = mkdtempSync(join(tmpdir(), 'kognito-group-commit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let stores = 0;
const newDir = () => join(scratch, `store-${stores++}`);

const message = (username: string, code = '000000'): Parameters<Store['outbox']['add']>[0] => ({
  userPoolId: 'us-east-1_group',
  username,
  kind: 'SIGN_UP',
  deliveryMedium: 'EMAIL',
  destination: `${username}@example.com`,
  code,
});
const add = (store: Store, username: string, code?: string) => store.transaction(() => store.outbox.add(message(username, code), 0));
const usernames = (store: Store) => store.outbox.list({}).map((m) => m.username);

/** The store's file opened afresh: what a restarted kognito would find. */
function reopened(dataDir: string): string[] {
  const store = new Store(dataDir);
  try {
    return usernames(store);
  } finally {
    store.close();
  }
}

describe('group commit', () => {
  it('transactions of one turn of the event loop share one commit, made before committed() resolves', async () => {
    const commits: number[] = [];
    const log = { isLevelEnabled: () => true, debug: (fields: { transactions: number }) => void commits.push(fields.transactions), error: () => {} };
    const dataDir = newDir();
    const store = new Store(dataDir, log as never);
    expect(store.committed()).toBeUndefined();
    add(store, 'a');
    const committed = store.committed();
    expect(committed).toBeInstanceOf(Promise);
    add(store, 'b');
    add(store, 'c');
    expect(store.committed()).toBe(committed); // the same group
    expect(store.db.inTransaction).toBe(true); // not committed yet
    expect(commits).toEqual([]);
    await committed;
    expect(store.db.inTransaction).toBe(false);
    expect(commits).toEqual([3]);
    expect(store.committed()).toBeUndefined();
    add(store, 'd'); // the next turn: a new group
    await store.committed();
    expect(commits).toEqual([3, 1]);
    store.close();
    expect(reopened(dataDir)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failing transaction is rolled back alone; the others of its group are committed', async () => {
    const dataDir = newDir();
    const store = new Store(dataDir);
    add(store, 'before');
    expect(() =>
      store.transaction(() => {
        store.outbox.add(message('failing'), 0);
        throw new CognitoError('InvalidParameterException', 'refused');
      }),
    ).toThrow('refused');
    add(store, 'after');
    expect(usernames(store)).toEqual(['before', 'after']);
    await store.committed();
    store.close();
    expect(reopened(dataDir)).toEqual(['before', 'after']);
  });

  it('a nested transaction that fails is rolled back alone inside its own transaction', async () => {
    const store = new Store(newDir());
    store.transaction(() => {
      store.outbox.add(message('outer'), 0);
      expect(() =>
        store.transaction(() => {
          store.outbox.add(message('inner'), 0);
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    await store.committed();
    expect(usernames(store)).toEqual(['outer']);
    store.close();
  });

  it('claims stay atomic inside one group: of two claims of one thing in the same turn, one wins', async () => {
    const store = new Store(newDir());
    add(store, 'holder', '123456');
    await store.committed();
    // Both claims run in the same turn, so in the same group transaction.
    const claim = () =>
      claimOnce({ store }, () => {
        const held = store.outbox.list({ username: 'holder' }).find((m) => m.code === '123456');
        if (!held) throw new CognitoError('CodeMismatchException', 'Invalid code provided, please request a code again.');
        store.transaction(() => store.outbox.add(message('spent', held.code), 0));
        store.db.prepare("UPDATE messages SET code = 'used' WHERE username = 'holder'").run();
        return 'won';
      });
    const outcomes = [claim, claim].map((attempt) => {
      try {
        return attempt();
      } catch (error) {
        return (error as CognitoError).type;
      }
    });
    expect(outcomes).toEqual(['won', 'CodeMismatchException']);
    await store.committed();
    expect(usernames(store)).toEqual(['holder', 'spent']);
    store.close();
  });

  it('writes kept by a failed claim (keepWrites) are committed with the group', async () => {
    const dataDir = newDir();
    const store = new Store(dataDir);
    expect(() =>
      claimOnce({ store }, () => {
        store.outbox.add(message('counted'), 0);
        throw keepWrites(new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.'));
      }),
    ).toThrow('Invalid verification code');
    await store.committed();
    store.close();
    expect(reopened(dataDir)).toEqual(['counted']);
  });

  it('close() commits the open group; reset() commits it before wiping', async () => {
    const dataDir = newDir();
    const store = new Store(dataDir);
    add(store, 'pending');
    store.close();
    expect(reopened(dataDir)).toEqual(['pending']);

    const again = new Store(dataDir);
    add(again, 'then-reset');
    again.reset();
    expect(usernames(again)).toEqual([]);
    expect(again.db.inTransaction).toBe(false);
    add(again, 'after-reset');
    await again.committed();
    again.close();
    expect(reopened(dataDir)).toEqual(['after-reset']);
  });

  it('a group whose commit fails keeps nothing, and counts the failure', async () => {
    const dataDir = newDir();
    const store = new Store(dataDir, { isLevelEnabled: () => false, debug: () => {}, error: () => {} });
    add(store, 'kept');
    await store.committed();
    add(store, 'lost');
    // A foreign key checked at COMMIT (deferred): the commit fails, as it would on a full disk.
    store.transaction(() => {
      store.db.pragma('defer_foreign_keys = ON');
      store.db.prepare("INSERT INTO user_pool_clients (id, user_pool_id, description, created_at) VALUES ('c', 'no-such-pool', '{}', 0)").run();
    });
    expect(store.commitFailures).toBe(0);
    await store.committed();
    expect(store.commitFailures).toBe(1);
    expect(store.db.inTransaction).toBe(false);
    expect(usernames(store)).toEqual(['kept']);
    add(store, 'next');
    await store.committed();
    store.close();
    expect(reopened(dataDir)).toEqual(['kept', 'next']);
  });

  it('on the wire: a request whose commit failed answers InternalErrorException, and its write is absent', async () => {
    const server = await startServer();
    try {
      const { UserPool } = (await call(server.url, 'CreateUserPool', { PoolName: 'failing-commit' })).body;
      const store = server.server.ctx.store;
      const transaction = store.transaction.bind(store);
      // The next transaction's group gets a write that fails at COMMIT.
      store.transaction = <T>(fn: () => T): T => {
        store.transaction = transaction;
        return transaction(() => {
          const result = fn();
          store.db.pragma('defer_foreign_keys = ON');
          store.db.prepare("INSERT INTO user_pool_clients (id, user_pool_id, description, created_at) VALUES ('c', 'no-such-pool', '{}', 0)").run();
          return result;
        });
      };
      const failed = await call(server.url, 'CreateGroup', { UserPoolId: UserPool.Id, GroupName: 'lost' });
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({ __type: 'InternalErrorException', message: expect.any(String) });
      expect(failed.headers.get('x-amzn-errortype')).toBe('InternalErrorException:');
      const lookedUp = await call(server.url, 'GetGroup', { UserPoolId: UserPool.Id, GroupName: 'lost' });
      expect(lookedUp.body.__type).toBe('ResourceNotFoundException');
      expect((await call(server.url, 'CreateGroup', { UserPoolId: UserPool.Id, GroupName: 'kept' })).status).toBe(200);
      expect((await call(server.url, 'GetGroup', { UserPoolId: UserPool.Id, GroupName: 'kept' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
