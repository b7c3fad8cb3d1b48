/**
 * The org's SQLite database through Node's built-in `node:sqlite` (no native addon to rebuild for
 * Electron). WAL keeps readers off the writer's back and survives a crash with every committed
 * transaction intact (https://www.sqlite.org/wal.html); `synchronous=FULL` makes each commit durable
 * before the HTTP answer leaves, which is what the kill-during-writes test checks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

export type Db = DatabaseSync;

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, 'org.sqlite'));
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
