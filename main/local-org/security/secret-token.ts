/**
 * Bearer tokens (state, session, activation, recovery, cookies): random, handed out once in clear,
 * stored only as SHA-256 so a copy of the database cannot be replayed. A fast hash is right here
 * because the tokens carry ≥120 bits of entropy (no dictionary to brute-force).
 */
import { createHash } from 'node:crypto';
import type { RandomBytes } from '../../core/random.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Alphanumeric token, like Okta's 20-character activation tokens (rejection sampling: no modulo bias). */
export function alphanumericToken(random: RandomBytes, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

/** Opaque URL-safe token with a prefix Okta uses for the kind (e.g. `00` for state tokens, `20111` for session tokens). */
export function opaqueToken(random: RandomBytes, prefix: string, bytes = 30): string {
  return prefix + Buffer.from(random(bytes)).toString('base64url');
}
