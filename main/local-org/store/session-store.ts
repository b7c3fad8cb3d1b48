/** Okta sessions created by the sessionToken hand-off; the `sid` cookie value is stored hashed. */
import type { Db } from './database.ts';
import { tokenHash } from '../security/secret-token.ts';

export interface SessionRow {
  readonly id: string;
  readonly cookie_hash: string;
  readonly user_id: string;
  readonly amr: string;
  readonly created_ms: number;
  readonly expires_ms: number;
  readonly last_password_ms: number | null;
  readonly last_factor_ms: number | null;
}

export function insertSession(db: Db, session: SessionRow): void {
  db.prepare('INSERT INTO sessions (id, cookie_hash, user_id, amr, created_ms, expires_ms, last_password_ms, last_factor_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    session.id, session.cookie_hash, session.user_id, session.amr, session.created_ms, session.expires_ms, session.last_password_ms, session.last_factor_ms,
  );
}

export function sessionByCookie(db: Db, cookie: string, nowMs: number): SessionRow | undefined {
  const found = db.prepare('SELECT * FROM sessions WHERE cookie_hash = ?').get(tokenHash(cookie)) as SessionRow | undefined;
  return found && found.expires_ms > nowMs ? found : undefined;
}

export function deleteSession(db: Db, id: string): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}
