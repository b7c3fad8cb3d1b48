/** Small org-wide facts (the URL the org last served on, whether the demo seed ran). */
import type { Db } from './database.ts';

export function getMeta(db: Db, key: string): string | undefined {
  const found = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return found?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
