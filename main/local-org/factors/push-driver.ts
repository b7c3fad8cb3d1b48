/**
 * Okta Verify push (`push` / OKTA). Enrollment answers MFA_ENROLL_ACTIVATE with factorResult WAITING,
 * an activation QR and a `poll` link; the device pairs (here: the /device simulator page, given the
 * pairing code carried by the QR link) and the next poll ends the enrollment. Verification sends a
 * push with a number challenge; polls answer WAITING (with `correctAnswer`), then SUCCESS, REJECTED or
 * TIMEOUT; after REJECTED/TIMEOUT the `verify` link sends a new push (authn reference §4.3, §5).
 */
import type { FactorDriver, FactorCall, FactorOutcome } from './factor-driver.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { insertFactor } from '../store/factor-store.ts';
import { findPush, insertPush } from '../store/push-store.ts';
import { PUSH_LIFETIME_MS, peekToken, storeToken } from '../store/token-store.ts';
import { inTransaction } from '../store/database.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { iso } from '../org-context.ts';
import { get } from '../authn/links.ts';
import { newFactorRow } from './new-factor.ts';

function newPairing(call: Omit<FactorCall, 'body'>, factor: FactorRow): void {
  const now = call.ctx.clock.nowMs();
  const code = opaqueToken(call.ctx.random, '', 18);
  storeToken(call.ctx.db, code, 'qr', call.user.id, now, PUSH_LIFETIME_MS, { factorId: factor.id, push: true });
  call.tx.data.qrToken = code;
}

/** Three distinct two-digit numbers, one of them the answer (Okta Verify's 3-number challenge). */
export function numberChallenge(random: (n: number) => Uint8Array): { correct: number; choices: number[] } {
  const picks = new Set<number>();
  for (const byte of random(32)) {
    if (picks.size < 3) picks.add(10 + (byte % 90));
  }
  const choices = [...picks];
  return { correct: choices[random(1)[0]! % choices.length] ?? 10, choices: choices.sort((a, b) => a - b) };
}

function sendPush(call: FactorCall, factor: FactorRow): FactorOutcome {
  const now = call.ctx.clock.nowMs();
  const { correct, choices } = call.ctx.policy.pushNumberChallenge ? numberChallenge(call.ctx.random) : { correct: null, choices: [] };
  const id = opaqueToken(call.ctx.random, 'pch', 12);
  inTransaction(call.ctx.db, () =>
    insertPush(call.ctx.db, { id, factor_id: factor.id, kind: 'verify', status: 'WAITING', correct_answer: correct, choices: JSON.stringify(choices), created_ms: now, expires_ms: now + PUSH_LIFETIME_MS }),
  );
  call.tx.data.challenge = { pushId: id };
  return { kind: 'pending', factorResult: 'WAITING' };
}

export const pushDriver: FactorDriver = {
  factorType: 'push',
  provider: 'OKTA',
  vendorName: 'OKTA',
  idKind: 'push',
  satisfiesMfa: true,
  activateLinkName: 'poll',
  async enroll(call) {
    const factor = newFactorRow(call.ctx, call.user.id, { kind: 'push', type: 'push', provider: 'OKTA', status: 'PENDING_ACTIVATION', profile: { credentialId: call.user.login } });
    inTransaction(call.ctx.db, () => {
      insertFactor(call.ctx.db, factor);
      newPairing(call, factor);
    });
    return factor;
  },
  activation({ ctx, tx, user }, factor) {
    const pairing = peekToken(ctx.db, tx.data.qrToken ?? '', 'qr', ctx.clock.nowMs());
    const expiresMs = pairing.ok ? pairing.token.expires_ms : ctx.clock.nowMs();
    const factorResult = pairing.ok ? 'WAITING' : 'TIMEOUT';
    return {
      expiresAt: iso(expiresMs),
      factorResult,
      _links: {
        qrcode: { ...get(ctx.url(), `/api/v1/users/${user.id}/factors/${factor.id}/qr/${tx.data.qrToken ?? ''}`), type: 'image/png' },
        ...(factorResult === 'TIMEOUT' ? { activate: { href: `${ctx.url()}/api/v1/authn/factors/${factor.id}/lifecycle/activate`, hints: { allow: ['POST'] } } } : {}),
      },
    };
  },
  /** POST …/lifecycle/activate with only the stateToken: a fresh QR after TIMEOUT. */
  async activate(call, factor) {
    inTransaction(call.ctx.db, () => newPairing(call, factor));
    return { kind: 'pending', factorResult: 'WAITING' };
  },
  async poll({ ctx, tx }, factor) {
    if (factor.status === 'ACTIVE') return { kind: 'passed' };
    const pairing = peekToken(ctx.db, tx.data.qrToken ?? '', 'qr', ctx.clock.nowMs());
    return { kind: 'pending', factorResult: pairing.ok ? 'WAITING' : 'TIMEOUT' };
  },
  async verify(call, factor) {
    const pushId = call.tx.status === 'MFA_CHALLENGE' ? String(call.tx.data.challenge?.pushId ?? '') : '';
    const push = pushId ? findPush(call.ctx.db, pushId) : undefined;
    if (!push) return sendPush(call, factor);
    if (push.status === 'APPROVED') return { kind: 'passed' };
    const expired = push.status === 'WAITING' && push.expires_ms <= call.ctx.clock.nowMs();
    const final = push.status === 'REJECTED' ? 'REJECTED' : expired ? 'TIMEOUT' : undefined;
    if (!final) return { kind: 'pending', factorResult: 'WAITING' };
    // A final result is reported once; the next call on the `verify` link sends a new push.
    return call.tx.data.factorResult === final ? sendPush(call, factor) : { kind: 'pending', factorResult: final };
  },
  async resend(call, factor) {
    return sendPush(call, factor);
  },
  profile(_user, factor) {
    return JSON.parse(factor.profile) as Record<string, unknown>;
  },
  challengeEmbed({ ctx, tx }) {
    const push = findPush(ctx.db, String(tx.data.challenge?.pushId ?? ''));
    if (!push || push.status !== 'WAITING' || push.correct_answer === null || tx.data.factorResult !== 'WAITING') return undefined;
    return { challenge: { correctAnswer: push.correct_answer } };
  },
};
