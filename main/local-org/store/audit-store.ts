/** The support audit log: every console and CLI action on a user or request, append-only. */
import type { Db } from './database.ts';

export interface AuditEntry {
  readonly id: number;
  readonly at_ms: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly detail: string;
}

export function audit(db: Db, atMs: number, actor: string, action: string, target: string, detail: object = {}): void {
  db.prepare('INSERT INTO audit_log (at_ms, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(atMs, actor, action, target, JSON.stringify(detail));
}

export function recentAudit(db: Db, limit = 200): AuditEntry[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as unknown as AuditEntry[];
}
