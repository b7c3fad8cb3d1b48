/** Help requests sent from "Request Help" (seed article: e-mail, reason "Cannot log in", message). */
import type { Db } from './database.ts';

export interface SupportRequestRow {
  readonly reference: string;
  readonly email: string;
  readonly reason: string;
  readonly message: string;
  readonly diagnostics: string | null;
  readonly locale: string;
  readonly status: 'OPEN' | 'CLOSED';
  readonly created_ms: number;
  readonly closed_ms: number | null;
  readonly closed_by: string | null;
  readonly note: string | null;
}

export function insertRequest(db: Db, row: SupportRequestRow): void {
  const keys = Object.keys(row);
  db.prepare(`INSERT INTO support_requests (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((key) => row[key as keyof SupportRequestRow]));
}

export function findRequest(db: Db, reference: string): SupportRequestRow | undefined {
  return db.prepare('SELECT * FROM support_requests WHERE reference = ?').get(reference.trim().toUpperCase()) as SupportRequestRow | undefined;
}

/** Newest first; `query` matches reference, e-mail, reason or message (case-insensitive). */
export function searchRequests(db: Db, options: { status?: 'OPEN' | 'CLOSED' | undefined; query?: string | undefined }): SupportRequestRow[] {
  const like = `%${(options.query ?? '').trim().replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  return db
    .prepare(
      `SELECT * FROM support_requests WHERE (? IS NULL OR status = ?) AND (reference LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\') ORDER BY created_ms DESC LIMIT 500`,
    )
    .all(options.status ?? null, options.status ?? null, like, like, like, like) as unknown as SupportRequestRow[];
}

export function closeRequest(db: Db, reference: string, nowMs: number, by: string, note: string): boolean {
  return Number(db.prepare("UPDATE support_requests SET status = 'CLOSED', closed_ms = ?, closed_by = ?, note = ? WHERE reference = ? AND status = 'OPEN'").run(nowMs, by, note, reference).changes) === 1;
}
