/** Grants beyond interaction_code and refresh_token, by `grant_type` (the token exchange joins here). */
import type { OrgContext } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import type { AppRow } from './app-store.ts';
import { TOKEN_EXCHANGE } from './app-store.ts';
import { tokenExchange } from './token-exchange.ts';

export type ExtraGrant = (ctx: OrgContext, app: AppRow, params: ReadonlyMap<string, string>) => Record<string, unknown>;

export const extraGrants: Readonly<Record<string, ExtraGrant>> = {
  [TOKEN_EXCHANGE]: (ctx, app, params) => inTransaction(ctx.db, () => tokenExchange(ctx, app, params)),
};
