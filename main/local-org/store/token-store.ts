/**
 * Single-use, expiring tokens stored as SHA-256 hashes (activation, recovery, session, QR links).
 * A redeemed token keeps its row with `used_ms`, so a second attempt can be told apart from an
 * expired or never-issued token (see authn/activation-token.ts for how that reaches the client).
 */
import type { Db } from './database.ts';
import { tokenHash } from '../security/secret-token.ts';

export type TokenKind =
  | 'activation'
  | 'recovery'
  | 'session'
  | 'qr'
  | 'admin-session'
  // OAuth 2.0 (issue #17): interaction and authorization codes, refresh tokens, interclient tokens, revoked access-token ids.
  | 'interaction-code'
  | 'authorization-code'
  | 'refresh'
  | 'interclient'
  | 'revoked-access'
  // Identity Engine's e-mail authenticator: the magic link of a code in flight (idx/email-link.ts).
  | 'email-link';

/** Okta Verify activations and pushes expire after a few minutes (authn reference: "short lifetime (minutes)"). */
export const PUSH_LIFETIME_MS = 5 * 60 * 1000;

export interface TokenRow {
  readonly hash: string;
  readonly kind: TokenKind;
  readonly user_id: string | null;
  readonly expires_ms: number;
  readonly used_ms: number | null;
  readonly created_ms: number;
  readonly data: string;
}

export type Redemption =
  | { readonly ok: true; readonly token: TokenRow }
  | { readonly ok: false; readonly reason: 'used' | 'expired' | 'unknown' };

export function storeToken(db: Db, raw: string, kind: TokenKind, userId: string | null, nowMs: number, lifetimeMs: number, data: object = {}): void {
  db.prepare('INSERT INTO tokens (hash, kind, user_id, expires_ms, created_ms, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    tokenHash(raw), kind, userId, nowMs + lifetimeMs, nowMs, JSON.stringify(data),
  );
}

/** Looks a token up without consuming it. */
export function peekToken(db: Db, raw: string, kind: TokenKind, nowMs: number): Redemption {
  const token = db.prepare('SELECT * FROM tokens WHERE hash = ? AND kind = ?').get(tokenHash(raw), kind) as TokenRow | undefined;
  if (!token) return { ok: false, reason: 'unknown' };
  if (token.used_ms !== null) return { ok: false, reason: 'used' };
  if (token.expires_ms <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, token };
}

/** Consumes a token. The conditional UPDATE makes the first redeemer the only one, even across processes. */
export function redeemToken(db: Db, raw: string, kind: TokenKind, nowMs: number): Redemption {
  const peeked = peekToken(db, raw, kind, nowMs);
  if (!peeked.ok) return peeked;
  const changed = db.prepare('UPDATE tokens SET used_ms = ? WHERE hash = ? AND used_ms IS NULL').run(nowMs, peeked.token.hash).changes;
  return Number(changed) === 1 ? peeked : { ok: false, reason: 'used' };
}

/** Invalidate outstanding tokens of a kind for a user (a new activation e-mail supersedes the old one). */
export function revokeUserTokens(db: Db, userId: string, kind: TokenKind, nowMs: number): void {
  db.prepare("UPDATE tokens SET expires_ms = MIN(expires_ms, ?), data = json_set(data, '$.revoked', 1) WHERE user_id = ? AND kind = ? AND used_ms IS NULL").run(
    nowMs, userId, kind,
  );
}

export function tokenData(token: TokenRow): Record<string, unknown> {
  return JSON.parse(token.data) as Record<string, unknown>;
}
