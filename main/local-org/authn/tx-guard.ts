/** Preconditions every transaction step shares: a live stateToken (401 E0000011) in an allowed status (403 E0000079). */
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { endTx, endUserTxs, loadTx, saveTx, type Tx, type TxStatus } from '../store/transaction-store.ts';
import { findUserById, setUserStatus, type UserRow } from '../store/user-store.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { countFactorFailure } from '../store/factor-failure-store.ts';
import { inTransaction } from '../store/database.ts';

export interface LiveTx {
  readonly tx: Tx;
  readonly user: UserRow;
}

export function requireTx(ctx: OrgContext, stateToken: string): LiveTx {
  const tx = loadTx(ctx.db, stateToken, ctx.clock.nowMs());
  const user = tx ? findUserById(ctx.db, tx.userId) : undefined;
  if (!tx || !user) throw new OktaFailure('E0000011');
  return { tx, user };
}

export function requireStatus(tx: Tx, ...allowed: TxStatus[]): void {
  if (!allowed.includes(tx.status)) throw new OktaFailure('E0000079');
}

/**
 * Counts one bad passcode/answer. Verifying an enrolled factor counts on the factor, across
 * transactions (a correct password does not reset it): the `maxPasscodeFailures`-th consecutive bad
 * code locks the user (LOCKED_OUT, every transaction ended) and is answered 403 E0000069 "User Locked",
 * Okta's code for a factor verification lock; unlock or a password reset clears the count. Codes typed
 * while enrolling a factor count in the transaction, whose end is not a lock: the caller's own error
 * (E0000068) goes out and the next step finds the stateToken gone.
 */
export function recordPasscodeFailure(ctx: OrgContext, stateToken: string, factor?: FactorRow): void {
  const outcome = inTransaction(ctx.db, (): 'counted' | 'locked' => {
    const now = ctx.clock.nowMs();
    const tx = loadTx(ctx.db, stateToken, now);
    if (factor?.status === 'ACTIVE') {
      if (countFactorFailure(ctx.db, factor.id, factor.user_id, now) < ctx.policy.maxPasscodeFailures) return 'counted';
      const user = findUserById(ctx.db, factor.user_id);
      if (user?.status === 'ACTIVE') setUserStatus(ctx.db, user.id, 'LOCKED_OUT', now);
      endUserTxs(ctx.db, factor.user_id);
      ctx.log.info('local-org.factor-locked', { userId: factor.user_id, factorId: factor.id });
      return 'locked';
    }
    if (!tx) return 'counted';
    tx.data.passcodeFailures += 1;
    if (tx.data.passcodeFailures >= ctx.policy.maxPasscodeFailures) endTx(ctx.db, tx);
    else saveTx(ctx.db, tx, now);
    return 'counted';
  });
  if (outcome === 'locked') throw new OktaFailure('E0000069');
}

/**
 * Applies the outcome of a step under the write lock. Async work (scrypt, driver calls) happens before;
 * here the transaction is re-read and must still be in the status the step started from, so a
 * concurrent cancel or a second submission of the same step cannot both succeed.
 */
export function commitStep<T>(ctx: OrgContext, live: LiveTx, apply: (tx: Tx, user: UserRow) => T): T {
  return inTransaction(ctx.db, () => {
    const fresh = requireTx(ctx, live.tx.stateToken);
    if (fresh.tx.status !== live.tx.status || fresh.tx.data.factorId !== live.tx.data.factorId) throw new OktaFailure('E0000079');
    // Carry what a driver wrote on the step's copy (QR token, challenge, factorResult).
    const scratch = live.tx.data;
    fresh.tx.data = {
      ...fresh.tx.data,
      ...(scratch.qrToken !== undefined ? { qrToken: scratch.qrToken } : {}),
      ...(scratch.challenge !== undefined ? { challenge: scratch.challenge } : {}),
    };
    return apply(fresh.tx, fresh.user);
  });
}
