/**
 * The `yubikey_token` authenticator on Identity Engine: Okta's shape from the Sign-In Widget's recorded
 * `authenticator-enroll-yubikey.json` and `authenticator-verification-yubikey.json` (type `security_key`,
 * method `otp`, one `credentials.passcode` field, "Insert then tap your YubiKey"); okta-auth-js answers it
 * with its generic verification-code authenticator (`credentials.passcode`).
 * - Enrollment: choosing it makes nothing (the seed was uploaded by support); the OTP typed by the key
 *   both enrolls and proves it, as on the Authn API (`token:hardware` goes straight on).
 * - Verification: `challenge-authenticator` on the user's enrollment, answered with the next OTP.
 * The checks are the Authn factor's (factors/yubikey-driver.ts: known key, not another user's, AES, CRC,
 * private ID, counters strictly increasing), on the same key rows, so a key enrolled on one engine signs
 * in on the other and an OTP used on one is a replay on the other.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import type { FactorRow } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import type { YubikeyRow } from '../store/yubikey-store.ts';
import { insertYubikeyFactor, proveYubikeyOtp, yubikeyPublicIdOf } from '../factors/yubikey-driver.ts';
import { IdxFailure, MESSAGES, type IdxMessage } from './idx-http.ts';
import type { IdxTx } from './idx-store.ts';
import { commit, nextAfterProof, parse, passcodeFailure, respond } from './idx-routes.ts';

type Json = Record<string, unknown>;

/** The one field of both forms, as Okta's recorded replies have it. */
export const YUBIKEY_PASSCODE_FIELDS: readonly Json[] = [
  { name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Insert then tap your YubiKey', required: true, secret: true }] }, required: true },
];

// A key types 32 to 64 modhex characters; anything up to the Authn API's limit is checked (and refused as a
// wrong code), a longer or non-string value is a client speaking another protocol.
const OtpBody = z.looseObject({ credentials: z.looseObject({ passcode: z.string().max(256) }) });

/**
 * What the technician is told for a refused OTP. Okta's key for a YubiKey replay on IDX is not in its
 * recorded replies (unconfirmed); the soft token's "each code can only be used once" says what happened.
 */
function refusal(error: unknown): IdxMessage {
  if (error instanceof OktaFailure && error.code === 'E0000082') return MESSAGES.softTokenUsed;
  if (error instanceof OktaFailure && error.code === 'E0000068') return MESSAGES.passcodeInvalid;
  throw error;
}

/** RFC 8176 §2: a one-time password (`otp`) made by a hardware-secured key (`hwk`), the second factor (`mfa`). */
const YUBIKEY_AMR = ['otp', 'hwk', 'mfa'] as const;

function prove(ctx: OrgContext, user: UserRow, raw: unknown, publicId?: string): YubikeyRow {
  const { credentials } = parse(OtpBody, raw);
  return proveYubikeyOtp({ ctx, user, body: { passCode: credentials.passcode } }, publicId);
}

/** `enroll-authenticator` of `yubikey_token`: the OTP proves a key support registered, which becomes the user's. */
export async function enrollYubikeyIdx(ctx: OrgContext, seen: IdxTx, user: UserRow, raw: unknown) {
  let key: YubikeyRow;
  try {
    key = prove(ctx, user, raw);
  } catch (error: unknown) {
    return passcodeFailure(ctx, seen, refusal(error));
  }
  return respond(
    ctx,
    commit(ctx, seen, (tx, u) => {
      const factor = insertYubikeyFactor(ctx, user, key);
      tx.data.enrolled.push(factor.id);
      tx.data.amr = [...new Set([...tx.data.amr, ...YUBIKEY_AMR])];
      return nextAfterProof(ctx, tx, u ?? user, true);
    }),
  );
}

/** `challenge-authenticator` of the user's YubiKey: the OTP must come from that very key. */
export async function verifyYubikeyIdx(ctx: OrgContext, seen: IdxTx, user: UserRow, factor: FactorRow, raw: unknown) {
  if (factor.status !== 'ACTIVE') throw new IdxFailure(400, MESSAGES.badRequest);
  try {
    prove(ctx, user, raw, yubikeyPublicIdOf(factor));
  } catch (error: unknown) {
    return passcodeFailure(ctx, seen, refusal(error));
  }
  return respond(
    ctx,
    commit(ctx, seen, (tx, u) => {
      tx.data.amr = [...new Set([...tx.data.amr, ...YUBIKEY_AMR])];
      return nextAfterProof(ctx, tx, u ?? user, false);
    }),
  );
}
