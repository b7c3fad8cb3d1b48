/** Okta's Trusted Origins: origins whose browser requests (CORS scope) or redirects (REDIRECT scope) the org accepts. */
import type { Db } from './database.ts';

export type TrustedOriginScope = 'CORS' | 'REDIRECT' | 'IFRAME_EMBED';
export type TrustedOriginStatus = 'ACTIVE' | 'INACTIVE';

export interface TrustedOriginRow {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
  /** JSON array of scope types. */
  readonly scopes: string;
  readonly status: TrustedOriginStatus;
  readonly created_ms: number;
  readonly updated_ms: number;
}

export function scopesOf(row: TrustedOriginRow): TrustedOriginScope[] {
  return JSON.parse(row.scopes) as TrustedOriginScope[];
}

export function listTrustedOrigins(db: Db): TrustedOriginRow[] {
  return db.prepare('SELECT * FROM trusted_origins ORDER BY created_ms, id').all() as unknown as TrustedOriginRow[];
}

export function findTrustedOrigin(db: Db, id: string): TrustedOriginRow | undefined {
  return db.prepare('SELECT * FROM trusted_origins WHERE id = ?').get(id) as TrustedOriginRow | undefined;
}

export function findTrustedOriginByOrigin(db: Db, origin: string): TrustedOriginRow | undefined {
  return db.prepare('SELECT * FROM trusted_origins WHERE origin = ?').get(origin) as TrustedOriginRow | undefined;
}

export function insertTrustedOrigin(db: Db, row: TrustedOriginRow): void {
  db.prepare('INSERT INTO trusted_origins (id, name, origin, scopes, status, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id, row.name, row.origin, row.scopes, row.status, row.created_ms, row.updated_ms,
  );
}

export function updateTrustedOrigin(db: Db, id: string, patch: Pick<TrustedOriginRow, 'name' | 'origin' | 'scopes'>, nowMs: number): void {
  db.prepare('UPDATE trusted_origins SET name = ?, origin = ?, scopes = ?, updated_ms = ? WHERE id = ?').run(patch.name, patch.origin, patch.scopes, nowMs, id);
}

export function setTrustedOriginStatus(db: Db, id: string, status: TrustedOriginStatus, nowMs: number): void {
  db.prepare('UPDATE trusted_origins SET status = ?, updated_ms = ? WHERE id = ?').run(status, nowMs, id);
}

export function deleteTrustedOrigin(db: Db, id: string): void {
  db.prepare('DELETE FROM trusted_origins WHERE id = ?').run(id);
}

/** Active origins holding `scope`. */
export function activeOriginsWithScope(db: Db, scope: TrustedOriginScope): string[] {
  return listTrustedOrigins(db)
    .filter((row) => row.status === 'ACTIVE' && scopesOf(row).includes(scope))
    .map((row) => row.origin);
}
