/** Marks one token used (sign-out), so it can no longer be presented. */
import type { Db } from './database.ts';
import type { TokenKind } from './token-store.ts';
import { tokenHash } from '../security/secret-token.ts';

export function revokeToken(db: Db, raw: string, kind: TokenKind): void {
  db.prepare('UPDATE tokens SET used_ms = COALESCE(used_ms, 0) WHERE hash = ? AND kind = ?').run(tokenHash(raw), kind);
}
