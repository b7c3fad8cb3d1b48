/**
 * Push-only steps: `/lifecycle/activate/poll` (has the device paired?) and `/verify/resend` (send a
 * new push) — authn reference "Activate Push Factor" and "Verify Push Factor".
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { findFactor } from '../store/factor-store.ts';
import { driverOf } from '../factors/factor-registry.ts';
import { StateTokenBody } from './authn-schemas.ts';
import { requireStatus, requireTx } from './tx-guard.ts';
import { conclude } from './factor-routes.ts';
import { AUTHN } from './links.ts';

/**
 * A step on the factor the transaction is working on, served by one driver hook (`poll` or `resend`):
 * refused (E0000079) in another status, for another factor, or for a factor without that step.
 */
function driverStep(ctx: OrgContext, status: 'MFA_ENROLL_ACTIVATE' | 'MFA_CHALLENGE', hook: 'poll' | 'resend'): Route['handler'] {
  return async ({ req, params }) => {
    const raw = await readJson(req);
    const live = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
    requireStatus(live.tx, status);
    const factor = live.tx.data.factorId === params.fid ? findFactor(ctx.db, live.user.id, params.fid ?? '') : undefined;
    const step = factor ? driverOf(factor)[hook] : undefined;
    if (!factor || !step) throw new OktaFailure('E0000079');
    const outcome = await step({ ctx, tx: live.tx, user: live.user, body: raw }, factor);
    return json(conclude(ctx, live, outcome, status, factor));
  };
}

export function pushRoutes(ctx: OrgContext): Route[] {
  return [
    { method: 'POST', path: `${AUTHN}/factors/:fid/lifecycle/activate/poll`, handler: driverStep(ctx, 'MFA_ENROLL_ACTIVATE', 'poll') },
    { method: 'POST', path: `${AUTHN}/factors/:fid/verify/resend`, handler: driverStep(ctx, 'MFA_CHALLENGE', 'resend') },
  ];
}
