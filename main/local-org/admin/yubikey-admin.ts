/** Registering a YubiKey OTP seed (admin API and `yubikey:add`): modhex public ID, hex private ID and AES-128 key. */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { findYubikey, insertYubikey, type YubikeyRow } from '../store/yubikey-store.ts';

export const YubikeySeed = z.looseObject({
  serialNumber: z.string().max(32).optional(),
  publicId: z.string().regex(/^[cbdefghijklnrtuv]{2,32}$/i),
  privateId: z.string().regex(/^[0-9a-f]{12}$/i),
  aesKey: z.string().regex(/^[0-9a-f]{32}$/i),
});

export function addYubikey(ctx: OrgContext, seed: z.infer<typeof YubikeySeed>): YubikeyRow {
  const publicId = seed.publicId.toLowerCase();
  return inTransaction(ctx.db, () => {
    if (findYubikey(ctx.db, publicId)) throw new OktaFailure('E0000001', [{ errorSummary: 'publicId: This YubiKey is already registered.' }], {}, 'publicId');
    insertYubikey(ctx.db, { public_id: publicId, private_id: seed.privateId.toLowerCase(), aes_key: seed.aesKey.toLowerCase(), serial: seed.serialNumber ?? null, created_ms: ctx.clock.nowMs() });
    return findYubikey(ctx.db, publicId) as YubikeyRow;
  });
}
