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

export function pushRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: `${AUTHN}/factors/:fid/lifecycle/activate/poll`,
      handler: async ({ req, params }) => {
        const raw = await readJson(req);
        const live = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
        requireStatus(live.tx, 'MFA_ENROLL_ACTIVATE');
        const factor = live.tx.data.factorId === params.fid ? findFactor(ctx.db, live.user.id, params.fid ?? '') : undefined;
        const poll = factor ? driverOf(factor).poll : undefined;
        if (!factor || !poll) throw new OktaFailure('E0000079');
        const outcome = await poll({ ctx, tx: live.tx, user: live.user, body: raw }, factor);
        return json(conclude(ctx, live, outcome, 'MFA_ENROLL_ACTIVATE', factor));
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/factors/:fid/verify/resend`,
      handler: async ({ req, params }) => {
        const raw = await readJson(req);
        const live = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
        requireStatus(live.tx, 'MFA_CHALLENGE');
        const factor = live.tx.data.factorId === params.fid ? findFactor(ctx.db, live.user.id, params.fid ?? '') : undefined;
        const resend = factor ? driverOf(factor).resend : undefined;
        if (!factor || !resend) throw new OktaFailure('E0000079');
        const outcome = await resend({ ctx, tx: live.tx, user: live.user, body: raw }, factor);
        return json(conclude(ctx, live, outcome, 'MFA_CHALLENGE', factor));
      },
    },
  ];
}
