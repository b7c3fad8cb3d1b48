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
import { newId } from '../security/okta-ids.ts';
import { decryptToken, splitOtp } from './yubico-otp.ts';
import { passCodeOf, replayedPasscode, wrongPasscode } from './passcode.ts';

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

export const yubikeyDriver: FactorDriver = {
  factorType: 'token:hardware',
  provider: 'YUBICO',
  vendorName: 'YUBICO',
  idKind: 'yubikey',
  satisfiesMfa: true,
  async enroll({ ctx, user, body }) {
    const key = proveYubikeyOtp({ ctx, user, body });
    const now = ctx.clock.nowMs();
    const factor: FactorRow = {
      id: newId(ctx.random, 'yubikey'),
      user_id: user.id,
      factor_type: 'token:hardware',
      provider: 'YUBICO',
      status: 'ACTIVE',
      secret: null,
      last_time_step: -1,
      profile: JSON.stringify({ credentialId: key.public_id }),
      answer_hash: null,
      created_ms: now,
      updated_ms: now,
    };
    inTransaction(ctx.db, () => {
      insertFactor(ctx.db, factor);
      assignYubikey(ctx.db, key.public_id, user.id);
    });
    return factor;
  },
  async verify(call, factor) {
    const publicId = String((JSON.parse(factor.profile) as { credentialId?: string }).credentialId ?? '');
    proveYubikeyOtp(call, publicId);
    return { kind: 'passed' };
  },
  profile(_user, factor) {
    return JSON.parse(factor.profile) as Record<string, unknown>;
  },
};
