/**
 * `POST /api/v1/authn/introspect {stateToken}`: how Okta's own clients (okta-auth-js `tx.resume`,
 * the Sign-In Widget) read a transaction back; the same answer as `POST /api/v1/authn {stateToken}`.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { saveTx } from '../store/transaction-store.ts';
import { StateTokenBody } from './authn-schemas.ts';
import { requireTx } from './tx-guard.ts';
import { renderTx } from './transaction-view.ts';
import { AUTHN } from './links.ts';

export function authnIntrospectRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: `${AUTHN}/introspect`,
      handler: async ({ req, ip }) => {
        const headers = ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
        const { tx, user } = requireTx(ctx, parseWith(StateTokenBody, await readJson(req)).stateToken);
        // Reading is a request too: the expiry slides, as for the other forms.
        inTransaction(ctx.db, () => saveTx(ctx.db, tx, ctx.clock.nowMs()));
        return json(renderTx(ctx, tx, user), 200, headers);
      },
    },
  ];
}
