/**
 * `token:hardware` / YUBICO: enrolled and proven in one step with an OTP from a key whose seed
 * support uploaded (authn reference §4.4 — goes straight on, no MFA_ENROLL_ACTIVATE), verified with
 * `passCode`. Checks, after yubikey-val: known public ID (and not another user's key), AES decrypt,
 * CRC, private ID, and (usage, session) counters strictly increasing (replayed OTP rejected).
 */
import type { FactorDriver, FactorCall } from './factor-driver.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { insertFactor } from '../store/factor-store.ts';
import { advanceYubikey, assignYubikey, findYubikey, type YubikeyRow } from '../store/yubikey-store.ts';
import { inTransaction } from '../store/database.ts';
import { decryptToken, splitOtp } from './yubico-otp.ts';
import { passCodeOf, replayedPasscode, wrongPasscode } from './passcode.ts';
import { newFactorRow } from './new-factor.ts';

/** Validates an OTP for `expectedPublicId` (or any unassigned key / the user's own when enrolling). */
export function proveYubikeyOtp(call: Pick<FactorCall, 'ctx' | 'body' | 'user'>, expectedPublicId?: string): YubikeyRow {
  const parts = splitOtp(passCodeOf(call.body));
  const key = parts ? findYubikey(call.ctx.db, parts.publicId) : undefined;
  if (!parts || !key) throw wrongPasscode();
  if (expectedPublicId !== undefined ? key.public_id !== expectedPublicId : key.user_id !== null && key.user_id !== call.user.id) throw wrongPasscode();
  const token = decryptToken(parts.cipherHex, key.aes_key);
  if (!token.crcOk || token.privateId !== key.private_id.toLowerCase()) throw wrongPasscode();
  if (!advanceYubikey(call.ctx.db, key.public_id, token.counter, token.session)) throw replayedPasscode();
  return key;
}

/**
 * The user's YubiKey factor for a key proven by `proveYubikeyOtp`, ACTIVE, and the key assigned to the user.
 * Both engines enroll through here (the Authn driver below, IDX's idx/yubikey-idx.ts). Call it inside a
 * write transaction: the factor row and the assignment stand or fall together.
 */
export function insertYubikeyFactor(ctx: FactorCall['ctx'], user: FactorCall['user'], key: YubikeyRow): FactorRow {
  const factor = newFactorRow(ctx, user.id, { kind: 'yubikey', type: 'token:hardware', provider: 'YUBICO', status: 'ACTIVE', profile: { credentialId: key.public_id } });
  insertFactor(ctx.db, factor);
  assignYubikey(ctx.db, key.public_id, user.id);
  return factor;
}

/** The public ID of the key an enrolled YubiKey factor stands for. */
export function yubikeyPublicIdOf(factor: FactorRow): string {
  return String((JSON.parse(factor.profile) as { credentialId?: string }).credentialId ?? '');
}

export const yubikeyDriver: FactorDriver = {
  factorType: 'token:hardware',
  provider: 'YUBICO',
  vendorName: 'YUBICO',
  idKind: 'yubikey',
  satisfiesMfa: true,
  async enroll({ ctx, user, body }) {
    const key = proveYubikeyOtp({ ctx, user, body });
    return inTransaction(ctx.db, () => insertYubikeyFactor(ctx, user, key));
  },
  async verify(call, factor) {
    proveYubikeyOtp(call, yubikeyPublicIdOf(factor));
    return { kind: 'passed' };
  },
  profile(_user, factor) {
    return JSON.parse(factor.profile) as Record<string, unknown>;
  },
};
