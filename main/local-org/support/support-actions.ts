/**
 * What support does about a help request — reset factors (the user gets the seeds' notification
 * e-mail and enrolls again at next sign-in), unlock, resend activation, close with a note — each
 * written to the audit log. Shared by the /admin console and the CLI.
 */
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { audit } from '../store/audit-store.ts';
import { closeRequest, findRequest, type SupportRequestRow } from '../store/support-store.ts';
import { findUserByLogin, type UserRow } from '../store/user-store.ts';
import { activateUser, resetFactors, unlockUser } from '../admin/user-admin.ts';

export type SupportAction = 'reset-factors' | 'unlock' | 'resend-activation' | 'close';

export function requestOrFail(ctx: OrgContext, reference: string): SupportRequestRow {
  const request = findRequest(ctx.db, reference);
  if (!request) throw new OktaFailure('E0000007', [], {}, `${reference} (Request)`);
  return request;
}

function userOf(ctx: OrgContext, request: SupportRequestRow): UserRow {
  const user = findUserByLogin(ctx.db, request.email);
  if (!user) throw new OktaFailure('E0000007', [], {}, `${request.email} (User)`);
  return user;
}

export async function performSupportAction(ctx: OrgContext, actor: string, reference: string, action: SupportAction, note = ''): Promise<Record<string, unknown>> {
  const request = requestOrFail(ctx, reference);
  let detail: Record<string, unknown> = {};
  switch (action) {
    case 'reset-factors':
      detail = { factorsRemoved: await resetFactors(ctx, userOf(ctx, request), true) };
      break;
    case 'unlock':
      await unlockUser(ctx, userOf(ctx, request), true);
      break;
    case 'resend-activation':
      await activateUser(ctx, userOf(ctx, request), true);
      break;
    case 'close':
      if (!inTransaction(ctx.db, () => closeRequest(ctx.db, request.reference, ctx.clock.nowMs(), actor, note.slice(0, 2000)))) throw new OktaFailure('E0000038');
      detail = { note: note.slice(0, 2000) };
      break;
  }
  inTransaction(ctx.db, () => audit(ctx.db, ctx.clock.nowMs(), actor, action, request.reference, { email: request.email, ...detail }));
  return detail;
}
