/** Routes of `/api/v1/authn` itself: the three body forms of the entry point (authn reference). */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { PrimaryAuthBody, StateTokenBody, TokenBody, authnForm } from './authn-schemas.ts';
import { primaryAuth } from './primary-auth.ts';
import { redeemActivationToken } from './activation-token.ts';
import { requireTx } from './tx-guard.ts';
import { renderTx } from './transaction-view.ts';
import { inTransaction } from '../store/database.ts';
import { saveTx } from '../store/transaction-store.ts';

export function authnEntryRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/authn',
      handler: async ({ req, ip }) => {
        const headers = ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
        const raw = await readJson(req);
        switch (authnForm(raw)) {
          case 'primary': {
            const body = parseWith(PrimaryAuthBody, raw);
            const result = await primaryAuth(ctx, {
              username: body.username,
              password: body.password,
              multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll,
            });
            return json(result, 200, headers);
          }
          case 'token': {
            const body = parseWith(TokenBody, raw);
            return json(redeemActivationToken(ctx, body.token, { multiOptionalFactorEnroll: body.options?.multiOptionalFactorEnroll === true }), 200, headers);
          }
          case 'state': {
            const { tx, user } = requireTx(ctx, parseWith(StateTokenBody, raw).stateToken);
            // Reading the transaction is a request too: Okta slides the expiry on every request.
            inTransaction(ctx.db, () => saveTx(ctx.db, tx, ctx.clock.nowMs()));
            return json(renderTx(ctx, tx, user), 200, headers);
          }
          case 'invalid':
            throw new OktaFailure('E0000001', [{ errorSummary: 'username: The field cannot be left blank' }], {}, 'username');
        }
      },
    },
  ];
}
