/**
 * Compact JWS with RS256 (RFC 7515, RFC 7518 §3.3) over node:crypto, the one algorithm okta-auth-js
 * accepts for ID tokens (okta-idx.md §2). Kept behind this small module so that a JOSE library can
 * replace it without touching the authorization server.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function signJwt(claims: JwtClaims, key: { readonly kid: string; readonly privateKey: KeyObject }): string {
  const header = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

/**
 * The claims of a token this org signed, or undefined when it is malformed or the signature fails.
 * Expiry is the caller's business (a logout hint may be expired; a bearer token may not).
 */
export function verifyJwt(token: string, keys: ReadonlyMap<string, KeyObject>): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 16 * 1024) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    if (head.alg !== 'RS256' || typeof head.kid !== 'string') return undefined;
    const key = keys.get(head.kid);
    if (!key || !verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
