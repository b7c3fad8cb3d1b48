/**
 * Factor steps of a transaction (authn reference "Enroll Factor", "Activate Factor", "Verify Factor"):
 * enroll in MFA_ENROLL, activate in MFA_ENROLL_ACTIVATE, verify in MFA_REQUIRED / MFA_CHALLENGE.
 * Each bad passcode counts toward the transaction's limit (tx-guard.ts).
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { listFactors, deleteFactor, findFactor, type FactorRow } from '../store/factor-store.ts';
import { saveTx } from '../store/transaction-store.ts';
import { clearFactorFailure } from '../store/factor-failure-store.ts';
import { driverFor, driverOf } from '../factors/factor-registry.ts';
import type { FactorOutcome } from '../factors/factor-driver.ts';
import { isPasscodeFailure } from '../factors/passcode.ts';
import { EnrollBody, StateTokenBody } from './authn-schemas.ts';
import { commitStep, recordPasscodeFailure, requireStatus, requireTx, type LiveTx } from './tx-guard.ts';
import { advance } from './next-step.ts';
import { renderTx } from './transaction-view.ts';
import { signInFactors } from './mfa-policy.ts';
import { AUTHN } from './links.ts';

/**
 * Runs a driver step; a wrong code is counted before the error goes out: on `verifying` (an enrolled
 * factor) across transactions, otherwise in the transaction (tx-guard.ts).
 */
export async function guarded(ctx: OrgContext, live: LiveTx, step: () => Promise<FactorOutcome>, verifying?: FactorRow): Promise<FactorOutcome> {
  try {
    return await step();
  } catch (error: unknown) {
    if (isPasscodeFailure(error)) recordPasscodeFailure(ctx, live.tx.stateToken, verifying);
    throw error;
  }
}

/** Outcome → response: proven moves on, pending stays with its factorResult. */
export function conclude(ctx: OrgContext, live: LiveTx, outcome: FactorOutcome, pendingStatus: 'MFA_ENROLL_ACTIVATE' | 'MFA_CHALLENGE', factor: FactorRow) {
  return commitStep(ctx, live, (tx, user) => {
    if (outcome.kind === 'passed') {
      clearFactorFailure(ctx.db, factor.id);
      return advance(ctx, tx, user, ['pwd', 'mfa']);
    }
    tx.status = pendingStatus;
    tx.data.factorId = factor.id;
    tx.data.factorResult = outcome.factorResult;
    saveTx(ctx.db, tx, ctx.clock.nowMs());
    return renderTx(ctx, tx, user);
  });
}

export function factorRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: `${AUTHN}/factors`,
      handler: async ({ req }) => {
        const raw = await readJson(req);
        const body = parseWith(EnrollBody, raw);
        const live = requireTx(ctx, body.stateToken);
        requireStatus(live.tx, 'MFA_ENROLL');
        const driver = driverFor(body.factorType, body.provider);
        if (!driver) throw new OktaFailure('E0000001', [{ errorSummary: 'factorType: The factor is not supported' }], {}, 'factorType');
        const existing = listFactors(ctx.db, live.user.id).filter((f) => f.factor_type === driver.factorType && f.provider === driver.provider);
        if (!driver.multiple && existing.some((f) => f.status === 'ACTIVE')) throw new OktaFailure('E0000001', [{ errorSummary: 'factorType: A factor of this type is already set up.' }], {}, 'factorType');
        for (const pending of existing.filter((f) => f.status === 'PENDING_ACTIVATION')) deleteFactor(ctx.db, pending.id);
        let enrolled: FactorRow | undefined;
        await guarded(ctx, live, async () => {
          enrolled = await driver.enroll({ ctx, tx: live.tx, user: live.user, body: raw });
          return { kind: 'passed' };
        });
        const factor = enrolled as FactorRow;
        return json(
          commitStep(ctx, live, (tx, user) => {
            // Verified at enrollment (question, YubiKey): the transaction moves on at once.
            if (factor.status === 'ACTIVE') return advance(ctx, tx, user, ['pwd', 'mfa']);
            tx.status = 'MFA_ENROLL_ACTIVATE';
            tx.data.factorId = factor.id;
            if (driver.activateLinkName === 'poll') tx.data.factorResult = 'WAITING';
            saveTx(ctx.db, tx, ctx.clock.nowMs());
            return renderTx(ctx, tx, user);
          }),
        );
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/factors/:fid/lifecycle/activate`,
      handler: async ({ req, params }) => {
        const raw = await readJson(req);
        const live = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
        requireStatus(live.tx, 'MFA_ENROLL_ACTIVATE');
        const factor = live.tx.data.factorId === params.fid ? findFactor(ctx.db, live.user.id, params.fid ?? '') : undefined;
        const driver = factor ? driverOf(factor) : undefined;
        if (!factor || !driver?.activate) throw new OktaFailure('E0000079');
        const outcome = await guarded(ctx, live, () => driver.activate!({ ctx, tx: live.tx, user: live.user, body: raw }, factor));
        return json(conclude(ctx, live, outcome, 'MFA_ENROLL_ACTIVATE', factor));
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/factors/:fid/verify`,
      handler: async ({ req, params, ip }) => {
        ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
        const raw = await readJson(req);
        let live = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
        requireStatus(live.tx, 'MFA_REQUIRED', 'MFA_CHALLENGE');
        const factor = signInFactors(ctx, live.user.id).find((f) => f.id === params.fid);
        if (!factor) throw new OktaFailure('E0000007', [], {}, `${params.fid ?? ''} (UserFactor)`);
        // Verifying another factor from a challenge starts over from MFA_REQUIRED for that factor.
        if (live.tx.status === 'MFA_CHALLENGE' && live.tx.data.factorId !== factor.id) {
          commitStep(ctx, live, (tx) => {
            tx.status = 'MFA_REQUIRED';
            delete tx.data.factorId;
            delete tx.data.factorResult;
            delete tx.data.challenge;
            saveTx(ctx.db, tx, ctx.clock.nowMs());
          });
          live = requireTx(ctx, live.tx.stateToken);
        }
        const outcome = await guarded(ctx, live, () => driverOf(factor).verify({ ctx, tx: live.tx, user: live.user, body: raw }, factor), factor);
        return json(conclude(ctx, live, outcome, 'MFA_CHALLENGE', factor));
      },
    },
  ];
}
