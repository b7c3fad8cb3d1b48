/** Grants beyond interaction_code and refresh_token, by `grant_type` (the token exchange joins here). */
import type { OrgContext } from '../org-context.ts';
import type { AppRow } from './app-store.ts';

export type ExtraGrant = (ctx: OrgContext, app: AppRow, params: ReadonlyMap<string, string>) => Record<string, unknown>;

export const extraGrants: Readonly<Record<string, ExtraGrant>> = {};
