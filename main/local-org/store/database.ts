/**
 * The org's SQLite database through Node's built-in `node:sqlite` (no native addon to rebuild for
 * Electron). WAL keeps readers off the writer's back and survives a crash with every committed
 * transaction intact (https://www.sqlite.org/wal.html); `synchronous=FULL` makes each commit durable
 * before the HTTP answer leaves, which is what the kill-during-writes test checks.
 * The file holds TOTP seeds and YubiKey AES keys: the folder is 0700 and the database 0600 (SQLite
 * gives its -wal and -shm files the database file's mode), tightened on every open for folders
 * created before.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

export type Db = DatabaseSync;

/** A folder only its owner can list and enter (created so, or tightened if it exists). */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

export function openDatabase(dataDir: string): Db {
  privateDir(dataDir);
  const file = join(dataDir, 'org.sqlite');
  closeSync(openSync(file, 'a', 0o600));
  if (process.platform !== 'win32') {
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  }
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  // The CLI and the server may write the same file; wait for the other writer instead of failing.
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Runs `work` inside one write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
 * processes cannot both read "token unused" and both redeem it. `work` must be synchronous: nothing
 * else can interleave on this connection, which is what makes single-use tokens single-use.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error: unknown) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Typed row access: node:sqlite returns `Record<string, SQLOutputValue>`; stores narrow it once. */
export function row<T>(value: unknown): T | undefined {
  return value === undefined ? undefined : (value as T);
}
