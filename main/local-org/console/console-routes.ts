/**
 * The support console at `/admin` (issue #4): sign-in with password + second factor for admin-role
 * users, the help-request list and search, a request's account with reset factors / unlock / resend
 * activation / close, and the audit log. Every POST is CSRF-checked; every action is audited.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import type { Csrf } from '../http/csrf.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { readForm } from '../http/request-io.ts';
import { htmlReply } from '../login/html.ts';
import { inTransaction } from '../store/database.ts';
import { audit, recentAudit } from '../store/audit-store.ts';
import { listFactors } from '../store/factor-store.ts';
import { searchRequests } from '../store/support-store.ts';
import { findUserByLogin, type UserRow } from '../store/user-store.ts';
import { performSupportAction, requestOrFail, type SupportAction } from '../support/support-actions.ts';
import { createAdminSessions } from './admin-session.ts';
import { adminSignIn, adminVerify, passcodeFactors } from './console-sign-in.ts';
import { auditPage, listPage, loginPage, mfaPage, requestPage } from './console-pages.ts';

const ACTIONS = new Set<SupportAction>(['reset-factors', 'unlock', 'resend-activation', 'close']);
const redirect = (location: string, cookies: string[] = []) => ({ status: 303, headers: { Location: location, ...(cookies.length ? { 'Set-Cookie': cookies } : {}) } });

export function consoleRoutes(ctx: OrgContext, csrf: Csrf): Route[] {
  const sessions = createAdminSessions(ctx);
  const html = (rc: RouteContext, render: (token: string) => string, status = 200) => {
    const { token, setCookie } = csrf.issue(rc.req);
    return htmlReply(render(token), status, setCookie ? { 'Set-Cookie': setCookie } : {});
  };
  const signedIn = (handler: (rc: RouteContext, admin: UserRow) => ReturnType<Route['handler']>): Route['handler'] => (rc) => {
    const admin = sessions.current(rc.req);
    return admin ? handler(rc, admin) : redirect('/admin');
  };
  const postForm = async (rc: RouteContext) => {
    const form = await readForm(rc.req);
    csrf.check(rc.req, form.csrf);
    return form;
  };
  return [
    {
      method: 'GET',
      path: '/admin',
      handler: (rc) => {
        const admin = sessions.current(rc.req);
        if (!admin) return html(rc, (t) => loginPage(t));
        const query = rc.url.searchParams.get('q') ?? '';
        const showClosed = rc.url.searchParams.get('closed') === '1';
        return html(rc, (t) => listPage(t, admin, searchRequests(ctx.db, { status: showClosed ? undefined : 'OPEN', query }), query, showClosed));
      },
    },
    {
      method: 'POST',
      path: '/admin/login',
      handler: async (rc) => {
        const form = await postForm(rc);
        const outcome = await adminSignIn(ctx, form.username ?? '', form.password ?? '');
        if (!outcome.ok) return html(rc, (t) => loginPage(t, outcome.message), 401);
        return redirect('/admin/mfa', [sessions.startPending(outcome.pending)]);
      },
    },
    {
      method: 'GET',
      path: '/admin/mfa',
      handler: (rc) => {
        const pending = sessions.pendingOf(rc.req);
        return pending ? html(rc, (t) => mfaPage(t, passcodeFactors(ctx, pending.userId))) : redirect('/admin');
      },
    },
    {
      method: 'POST',
      path: '/admin/mfa',
      handler: async (rc) => {
        const form = await postForm(rc);
        const pending = sessions.pendingOf(rc.req);
        if (!pending) return redirect('/admin');
        const verified = await adminVerify(ctx, pending, form.factorId ?? '', form.passCode ?? '');
        if (!verified.ok) return html(rc, (t) => mfaPage(t, passcodeFactors(ctx, pending.userId), verified.message), 401);
        inTransaction(ctx.db, () => audit(ctx.db, ctx.clock.nowMs(), verified.login, 'sign-in', 'console'));
        return redirect('/admin', sessions.open(rc.req, pending.userId));
      },
    },
    {
      method: 'POST',
      path: '/admin/logout',
      handler: async (rc) => {
        await postForm(rc);
        return redirect('/admin', [sessions.close(rc.req)]);
      },
    },
    {
      method: 'GET',
      path: '/admin/requests/:ref',
      handler: signedIn((rc, admin) => {
        const request = requestOrFail(ctx, rc.params.ref ?? '');
        const user = findUserByLogin(ctx.db, request.email);
        const done = rc.url.searchParams.get('done') ?? undefined;
        return html(rc, (t) => requestPage(t, admin, request, user, user ? listFactors(ctx.db, user.id) : [], done ? `Done: ${done}` : undefined));
      }),
    },
    {
      method: 'POST',
      path: '/admin/requests/:ref/action',
      handler: signedIn(async (rc, admin) => {
        const form = await postForm(rc);
        const action = form.action as SupportAction;
        if (!ACTIONS.has(action)) throw new OktaFailure('E0000001', [{ errorSummary: 'action: unknown' }], {}, 'action');
        await performSupportAction(ctx, admin.login, rc.params.ref ?? '', action, form.note ?? '');
        return redirect(`/admin/requests/${encodeURIComponent(rc.params.ref ?? '')}?done=${action}`);
      }),
    },
    { method: 'GET', path: '/admin/audit', handler: signedIn((rc, admin) => html(rc, (t) => auditPage(t, admin, recentAudit(ctx.db)))) },
  ];
}
