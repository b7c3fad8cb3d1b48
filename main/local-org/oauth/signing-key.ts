/**
 * The authorization server's signing key: RSA 2048, made on first use and kept in the org's data
 * (meta `oauth.signing-key`, private JWK), so tokens issued before a restart still verify. Published
 * at `/v1/keys` as Okta does: `{keys:[{kty,alg:"RS256",kid,use:"sig",n,e}]}`.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, type JsonWebKey } from 'node:crypto';
import type { OrgContext } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import { alphanumericToken } from '../security/secret-token.ts';
import { publicKeyOf } from './jwt.ts';

const KEY_META = 'oauth.signing-key';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const cache = new WeakMap<object, SigningKey>();

function load(stored: string): SigningKey {
  const parsed = JSON.parse(stored) as { kid: string; jwk: JsonWebKey };
  const privateKey = createPrivateKey({ key: parsed.jwk, format: 'jwk' });
  return { kid: parsed.kid, privateKey, publicKey: publicKeyOf(privateKey) };
}

export function signingKey(ctx: OrgContext): SigningKey {
  const cached = cache.get(ctx.db);
  if (cached) return cached;
  const key = inTransaction(ctx.db, () => {
    const stored = getMeta(ctx.db, KEY_META);
    if (stored) return load(stored);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = alphanumericToken(ctx.random, 43);
    setMeta(ctx.db, KEY_META, JSON.stringify({ kid, jwk: privateKey.export({ format: 'jwk' }) }));
    return { kid, privateKey, publicKey: publicKeyOf(privateKey) };
  });
  cache.set(ctx.db, key);
  return key;
}

export function jwks(ctx: OrgContext): { keys: Record<string, unknown>[] } {
  const key = signingKey(ctx);
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { keys: [{ kty: 'RSA', alg: 'RS256', kid: key.kid, use: 'sig', e: jwk.e, n: jwk.n }] };
}

export function verificationKeys(ctx: OrgContext): ReadonlyMap<string, KeyObject> {
  const key = signingKey(ctx);
  return new Map([[key.kid, key.publicKey]]);
}
