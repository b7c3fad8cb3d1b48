/**
 * The end of an IDX sign-in: a single-use interaction code bound to the interaction's client, redirect
 * URI, PKCE challenge, scopes and nonce, returned as Okta's `successWithInteractionCode` form (named
 * `issue`, posting to the token endpoint). The transaction ends here; its handle no longer works.
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { storeToken } from '../store/token-store.ts';
import { updateUser, type UserRow } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { findApp } from '../oauth/app-store.ts';
import { issuerOf } from '../oauth/token-issuer.ts';
import { CODE_LIFETIME_MS, type CodeGrant } from '../oauth/token-route.ts';
import { endIdxTx, type IdxTx } from './idx-store.ts';
import { idxForm } from './idx-view.ts';

/** Runs inside the caller's write transaction. */
export function succeedIdx(ctx: OrgContext, tx: IdxTx, user: UserRow): Record<string, unknown> {
  const now = ctx.clock.nowMs();
  const { interaction } = tx.data;
  const code = opaqueToken(ctx.random, '', 32);
  const grant: CodeGrant = {
    clientId: interaction.clientId,
    redirectUri: interaction.redirectUri,
    codeChallenge: interaction.codeChallenge,
    scopes: interaction.scopes,
    ...(interaction.nonce ? { nonce: interaction.nonce } : {}),
    amr: tx.data.amr,
    authTimeMs: tx.data.authTimeMs ?? now,
  };
  storeToken(ctx.db, code, 'interaction-code', user.id, now, CODE_LIFETIME_MS, grant);
  updateUser(ctx.db, user.id, { last_login_ms: now, updated_ms: now });
  endIdxTx(ctx.db, tx.hash);
  const app = findApp(ctx.db, interaction.clientId);
  return {
    version: '1.0.0',
    stateHandle: tx.stateHandle,
    expiresAt: iso(tx.expiresMs),
    intent: 'LOGIN',
    user: { type: 'object', value: { id: user.id, identifier: user.login } },
    cancel: idxForm(ctx, tx, 'cancel', 'cancel', []),
    ...(app ? { app: { type: 'object', value: { name: app.name, label: app.label, id: app.id } } } : {}),
    successWithInteractionCode: {
      rel: ['create-form'],
      name: 'issue',
      href: `${issuerOf(ctx)}/v1/token`,
      method: 'POST',
      value: [
        { name: 'grant_type', required: true, value: 'interaction_code' },
        { name: 'interaction_code', required: true, value: code },
        { name: 'client_id', required: true, value: interaction.clientId },
        { name: 'code_verifier', required: true },
      ],
      accepts: 'application/x-www-form-urlencoded',
    },
  };
}
