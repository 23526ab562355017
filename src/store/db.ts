import Database, { type Statement } from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './schema.js';

export type Db = Database.Database;

/** A database's statements, each prepared once and reused: what every aggregate of the store needs. */
export class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(readonly db: Db) {}

  stmt(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Opens the SQLite store. WAL with synchronous=NORMAL: a committed transaction survives the process
 * being killed at any moment (it is in the WAL, which the OS keeps); only a power loss could lose the
 * last commits. The lock is exclusive: one kognito owns a data directory, and skipping the shared-memory
 * index and its file locks saves a third of a write's cost.
 */
export function openDatabase(dataDir: string): Db {
  const file = dataDir === ':memory:' ? ':memory:' : ownerOnlyStoreFile(dataDir);
  const db = new Database(file, { timeout: 1000 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A new store is laid out without waiting for the disk (its journal switch and schema cost
    // about ten fsyncs, most of a fresh start-up): a crash meanwhile could only spoil an empty
    // store. An existing store's migrations keep synchronous=NORMAL.
    const created = db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get() === undefined;
    db.pragma(created ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (created) db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`${file} is in use by another kognito process`);
    }
    throw error;
  }
  return db;
}

/** The store holds TOTP secrets, client secrets and private signing keys: the owner's only. */
export const DATA_DIR_MODE = 0o700;
export const STORE_FILE_MODE = 0o600;

/**
 * The store file of a data directory, made owner-only before SQLite opens it. A directory kognito
 * creates is 0700; an existing one is left as it is (it may be a folder the developer shares on
 * purpose), but the SQLite files in it are created or tightened to 0600. SQLite gives the -wal,
 * -shm and -journal files it creates the database file's mode.
 */
function ownerOnlyStoreFile(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const file = join(dataDir, 'kognito.sqlite');
  closeSync(openSync(file, 'a', STORE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      chmodSync(path, STORE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return file;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  if (version > migrations.length) {
    throw new Error(`the store was written by a newer kognito (schema ${version}, this one knows ${migrations.length})`);
  }
  for (; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    })();
  }
}

/** Deletes every row of every table but schema_version (POST /_kognito/reset). */
export function wipe(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_version'")
    .all() as { name: string }[];
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction, so around it
  db.transaction(() => {
    for (const { name } of tables) db.exec(`DELETE FROM ${name}`);
  })();
  db.pragma('foreign_keys = ON');
}
