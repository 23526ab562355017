/**
 * The store holds TOTP secrets, client secrets and private signing keys: its files are the owner's
 * only (issue 7 defect 7). A data directory kognito creates is 0700; one that exists is left as it is
 * (it may be a shared folder the developer chose), but the SQLite files in it are always 0600.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';

const root = mkdtempSync(join(tmpdir(), 'kognito-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const previousUmask = process.umask();

/** Opens a store, writes through it (so that the WAL exists), and closes it. */
function useStore(dataDir: string, check: (files: string[]) => void) {
  const store = new Store(dataDir);
  try {
    store.db.exec('CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)');
    const files = ['kognito.sqlite', 'kognito.sqlite-wal', 'kognito.sqlite-shm', 'kognito.sqlite-journal']
      .map((name) => join(dataDir, name))
      .filter((file) => existsSync(file));
    check(files);
  } finally {
    store.close();
  }
}

describe('store file permissions', () => {
  it('a new data directory is 0700 and every SQLite file 0600 (WAL too), whatever the umask', () => {
    process.umask(0o022);
    try {
      const dataDir = join(root, 'new', 'nested');
      useStore(dataDir, (files) => {
        expect(mode(dataDir)).toBe(0o700);
        expect(files.map((f) => f.slice(dataDir.length + 1))).toContain('kognito.sqlite-wal');
        for (const file of files) expect(mode(file), file).toBe(0o600);
      });
    } finally {
      process.umask(previousUmask);
    }
  });

  it('an existing directory is left as it is; existing world-readable store files are tightened to 0600', () => {
    const dataDir = join(root, 'existing');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    useStore(dataDir, () => {});
    chmodSync(join(dataDir, 'kognito.sqlite'), 0o644);
    writeFileSync(join(dataDir, 'kognito.sqlite-wal'), '');
    chmodSync(join(dataDir, 'kognito.sqlite-wal'), 0o644);
    useStore(dataDir, (files) => {
      expect(mode(dataDir)).toBe(0o755);
      for (const file of files) expect(mode(file), file).toBe(0o600);
    });
  });
});
