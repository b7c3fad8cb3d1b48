/**
 * Consecutive bad codes per enrolled factor, across transactions: a new transaction (a correct
 * password) does not reset them; a correct code for the factor, an unlock or a reset does.
 */
import type { Db } from './database.ts';

/** Counts one more failure on `factorId`; returns the new count. */
export function countFactorFailure(db: Db, factorId: string, userId: string, nowMs: number): number {
  db.prepare(
    'INSERT INTO factor_failures (factor_id, user_id, count, last_ms) VALUES (?, ?, 1, ?) ON CONFLICT(factor_id) DO UPDATE SET count = count + 1, last_ms = excluded.last_ms',
  ).run(factorId, userId, nowMs);
  return Number((db.prepare('SELECT count FROM factor_failures WHERE factor_id = ?').get(factorId) as { count: number }).count);
}

export function factorFailures(db: Db, factorId: string): number {
  return Number((db.prepare('SELECT count FROM factor_failures WHERE factor_id = ?').get(factorId) as { count: number } | undefined)?.count ?? 0);
}

export function clearFactorFailure(db: Db, factorId: string): void {
  db.prepare('DELETE FROM factor_failures WHERE factor_id = ?').run(factorId);
}

/** Every count of the user (unlock, password reset). */
export function clearUserFactorFailures(db: Db, userId: string): void {
  db.prepare('DELETE FROM factor_failures WHERE user_id = ?').run(userId);
}
