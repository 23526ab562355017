/** Stores written by an older kognito open with the newer schema, their data carried over. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 2 (the OAuth side)', () => {
  it("turns each confidential client's ClientSecret into its first listed secret", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kognito-migrate-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'kognito.sqlite'));
    old.exec(migrations[0]);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);');
    old.prepare("INSERT INTO user_pools (id, region, description, created_at) VALUES ('us-east-1_abc', 'us-east-1', '{}', 1)").run();
    const client = (id: string, secret?: string) =>
      old
        .prepare("INSERT INTO user_pool_clients (id, user_pool_id, description, created_at) VALUES (?, 'us-east-1_abc', ?, 1700000000000)")
        .run(id, JSON.stringify({ ClientId: id, ...(secret ? { ClientSecret: secret } : {}) }));
    client('confidential', 's'.repeat(51));
    client('public');
    old.close();

    const store = new Store(dir);
    try {
      expect(store.clients.secrets('confidential')).toEqual([
        { ClientSecretId: 'confidential--1700000000000', ClientSecretValue: 's'.repeat(51), ClientSecretCreateDate: 1700000000 },
      ]);
      expect(store.clients.secrets('public')).toEqual([]);
    } finally {
      store.close();
    }
  });
});
