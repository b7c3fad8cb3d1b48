/** YubiKey OTP seeds uploaded by support (Okta: `POST /api/v1/org/factors/yubikey_token/tokens`). */
import type { Db } from './database.ts';

export interface YubikeyRow {
  readonly public_id: string;
  readonly private_id: string;
  readonly aes_key: string;
  readonly serial: string | null;
  readonly user_id: string | null;
  readonly last_counter: number;
  readonly last_session: number;
  readonly created_ms: number;
}

export function findYubikey(db: Db, publicId: string): YubikeyRow | undefined {
  return db.prepare('SELECT * FROM yubikeys WHERE public_id = ?').get(publicId) as YubikeyRow | undefined;
}

export function insertYubikey(db: Db, key: Omit<YubikeyRow, 'user_id' | 'last_counter' | 'last_session'>): void {
  db.prepare('INSERT INTO yubikeys (public_id, private_id, aes_key, serial, created_ms) VALUES (?, ?, ?, ?, ?)').run(
    key.public_id, key.private_id, key.aes_key, key.serial, key.created_ms,
  );
}

export function listYubikeys(db: Db): YubikeyRow[] {
  return db.prepare('SELECT * FROM yubikeys ORDER BY created_ms').all() as unknown as YubikeyRow[];
}

/**
 * Stores the new (counter, session) only if strictly greater than the last one seen — Yubico's replay
 * rule — in one conditional UPDATE, so a replayed OTP loses even against a concurrent request.
 */
export function advanceYubikey(db: Db, publicId: string, counter: number, session: number): boolean {
  const result = db
    .prepare('UPDATE yubikeys SET last_counter = ?, last_session = ? WHERE public_id = ? AND (last_counter < ? OR (last_counter = ? AND last_session < ?))')
    .run(counter, session, publicId, counter, counter, session);
  return Number(result.changes) === 1;
}

export function assignYubikey(db: Db, publicId: string, userId: string | null): void {
  db.prepare('UPDATE yubikeys SET user_id = ? WHERE public_id = ?').run(userId, publicId);
}
