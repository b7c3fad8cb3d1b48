/**
 * Password and answer hashing with scrypt (RFC 7914), a per-hash random salt, and the parameters
 * stored in the hash string so they can be raised later without invalidating existing users.
 * Default N=2^15, r=8, p=3: one of OWASP's equivalent scrypt settings (Password Storage Cheat
 * Sheet: N=2^17/r=8/p=1 ≈ N=2^15/r=8/p=3) using 32 MiB instead of 128 MiB per hash, which suits
 * a desktop that may verify a few sign-ins at once. Tests inject cheaper parameters.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const PRODUCT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$<logN>$<r>$<p>$<salt b64url>$<key b64url>` */
export async function hashSecret(secret: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, params);
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), { logN: Number(logN), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Spend the same work for an unknown username as for a known one, so response time does not reveal
 * which logins exist. The decoy hash is computed once per parameter set.
 */
const decoys = new Map<string, Promise<string>>();
export async function burnVerification(secret: string, params: ScryptParams): Promise<void> {
  const keyOf = `${params.logN}/${params.r}/${params.p}`;
  let decoy = decoys.get(keyOf);
  if (!decoy) {
    decoy = hashSecret('decoy-password-never-matches', params);
    decoys.set(keyOf, decoy);
  }
  await verifySecret(secret, await decoy);
}
