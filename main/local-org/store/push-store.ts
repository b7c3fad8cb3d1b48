/** Okta Verify push challenges waiting for the (simulated) device: approve, reject or time out. */
import type { Db } from './database.ts';

export type PushStatus = 'WAITING' | 'APPROVED' | 'REJECTED';

export interface PushRow {
  readonly id: string;
  readonly factor_id: string;
  readonly kind: 'verify';
  readonly status: PushStatus;
  readonly correct_answer: number | null;
  readonly choices: string;
  readonly created_ms: number;
  readonly expires_ms: number;
}

export function insertPush(db: Db, push: PushRow): void {
  db.prepare('INSERT INTO push_challenges (id, factor_id, kind, status, correct_answer, choices, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    push.id, push.factor_id, push.kind, push.status, push.correct_answer, push.choices, push.created_ms, push.expires_ms,
  );
}

export function findPush(db: Db, id: string): PushRow | undefined {
  return db.prepare('SELECT * FROM push_challenges WHERE id = ?').get(id) as PushRow | undefined;
}

/** Pending pushes of the given factors, newest first. */
export function waitingPushes(db: Db, factorIds: readonly string[], nowMs: number): PushRow[] {
  if (factorIds.length === 0) return [];
  return db
    .prepare(`SELECT * FROM push_challenges WHERE status = 'WAITING' AND expires_ms > ? AND factor_id IN (${factorIds.map(() => '?').join(',')}) ORDER BY created_ms DESC`)
    .all(nowMs, ...factorIds) as unknown as PushRow[];
}

/** Settles a push once; a second answer (double click, replayed form) changes nothing. */
export function settlePush(db: Db, id: string, status: 'APPROVED' | 'REJECTED', nowMs: number): boolean {
  return Number(db.prepare("UPDATE push_challenges SET status = ? WHERE id = ? AND status = 'WAITING' AND expires_ms > ?").run(status, id, nowMs).changes) === 1;
}
