/**
 * `token:software:totp` with provider GOOGLE (Google Authenticator) or OKTA (Okta Verify passcode).
 * Enrollment returns Okta's activation object (sharedSecret, timeStep, keyLength, qrcode link);
 * activation and verification take `passCode` (authn reference §4.1, §4.2, §5).
 */
import type { FactorDriver, FactorOutcome, FactorCall } from './factor-driver.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { activateFactor, advanceFactorStep, insertFactor } from '../store/factor-store.ts';
import { storeToken } from '../store/token-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { checkTotp, newTotpSecret, TOTP_DIGITS, TOTP_PERIOD } from './totp-engine.ts';
import { passCodeOf, replayedPasscode, wrongPasscode } from './passcode.ts';
import { get } from '../authn/links.ts';
import { newFactorRow } from './new-factor.ts';

/** Checks the code and burns its time step; one atomic UPDATE decides between two racing requests. */
export function proveTotp(call: Pick<FactorCall, 'ctx' | 'body'>, factor: FactorRow): FactorOutcome {
  const now = call.ctx.clock.nowMs();
  const check = checkTotp(factor.secret ?? '', passCodeOf(call.body), now);
  if (!check.valid) throw wrongPasscode();
  if (!advanceFactorStep(call.ctx.db, factor.id, check.timeStep, now)) throw replayedPasscode();
  return { kind: 'passed' };
}

export function totpDriver(provider: 'GOOGLE' | 'OKTA'): FactorDriver {
  return {
    factorType: 'token:software:totp',
    provider,
    vendorName: provider,
    idKind: provider === 'GOOGLE' ? 'totpGoogle' : 'totpOkta',
    satisfiesMfa: true,
    activateLinkName: 'activate',
    async enroll({ ctx, tx, user }) {
      const now = ctx.clock.nowMs();
      const factor = newFactorRow(ctx, user.id, {
        kind: provider === 'GOOGLE' ? 'totpGoogle' : 'totpOkta',
        type: 'token:software:totp',
        provider,
        status: 'PENDING_ACTIVATION',
        secret: newTotpSecret(),
        profile: { credentialId: user.login },
      });
      insertFactor(ctx.db, factor);
      // The QR link is a capability for the seed: random, single factor, lives as long as the transaction can.
      const qrToken = opaqueToken(ctx.random, '', 18);
      storeToken(ctx.db, qrToken, 'qr', user.id, now, 30 * 60 * 1000, { factorId: factor.id });
      tx.data.qrToken = qrToken;
      return factor;
    },
    activation({ ctx, tx, user }, factor) {
      const qr = `/api/v1/users/${user.id}/factors/${factor.id}/qr/${tx.data.qrToken ?? ''}`;
      return {
        timeStep: TOTP_PERIOD,
        sharedSecret: factor.secret,
        encoding: 'base32',
        keyLength: TOTP_DIGITS,
        _links: { qrcode: { ...get(ctx.url(), qr), type: 'image/png' } },
      };
    },
    async activate(call, factor) {
      const outcome = proveTotp(call, factor);
      activateFactor(call.ctx.db, factor.id, call.ctx.clock.nowMs());
      return outcome;
    },
    async verify(call, factor) {
      return proveTotp(call, factor);
    },
    profile(user) {
      return { credentialId: user.login };
    },
  };
}
