/**
 * `/api/v1/authn/previous`, `/cancel`, `/skip` (authn reference "Previous Transaction State",
 * "Cancel Transaction", "Skip Transaction State").
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { deleteFactor, findFactor } from '../store/factor-store.ts';
import { endTx, saveTx } from '../store/transaction-store.ts';
import { StateTokenBody } from './authn-schemas.ts';
import { commitStep, requireStatus, requireTx } from './tx-guard.ts';
import { succeed } from './next-step.ts';
import { mfaSatisfied } from './mfa-policy.ts';
import { renderTx } from './transaction-view.ts';
import { inTransaction } from '../store/database.ts';
import { AUTHN } from './links.ts';

export function navigationRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: `${AUTHN}/previous`,
      handler: async ({ req }) => {
        const live = requireTx(ctx, parseWith(StateTokenBody, await readJson(req)).stateToken);
        requireStatus(live.tx, 'MFA_ENROLL_ACTIVATE', 'MFA_CHALLENGE');
        return json(
          commitStep(ctx, live, (tx, user) => {
            if (tx.status === 'MFA_ENROLL_ACTIVATE') {
              // The half-enrolled factor is dropped: a new enrollment starts with a new secret.
              const pending = findFactor(ctx.db, user.id, tx.data.factorId ?? '');
              if (pending?.status === 'PENDING_ACTIVATION') deleteFactor(ctx.db, pending.id);
              tx.status = 'MFA_ENROLL';
            } else {
              tx.status = 'MFA_REQUIRED';
            }
            delete tx.data.factorId;
            delete tx.data.factorResult;
            delete tx.data.challenge;
            delete tx.data.qrToken;
            saveTx(ctx.db, tx, ctx.clock.nowMs());
            return renderTx(ctx, tx, user);
          }),
        );
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/cancel`,
      handler: async ({ req }) => {
        const live = requireTx(ctx, parseWith(StateTokenBody, await readJson(req)).stateToken);
        inTransaction(ctx.db, () => {
          const pending = live.tx.data.factorId ? findFactor(ctx.db, live.user.id, live.tx.data.factorId) : undefined;
          if (pending?.status === 'PENDING_ACTIVATION') deleteFactor(ctx.db, pending.id);
          endTx(ctx.db, live.tx);
        });
        // okta-auth-js fixture `cancel.js` answers `{"relayState":""}`.
        return json({ relayState: '' });
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/skip`,
      handler: async ({ req }) => {
        const live = requireTx(ctx, parseWith(StateTokenBody, await readJson(req)).stateToken);
        requireStatus(live.tx, 'MFA_ENROLL');
        if (!live.tx.data.multiOptionalFactorEnroll || !mfaSatisfied(ctx, live.user.id)) throw new OktaFailure('E0000079');
        return json(commitStep(ctx, live, (tx, user) => succeed(ctx, tx, user, ['pwd', 'mfa'])));
      },
    },
  ];
}
