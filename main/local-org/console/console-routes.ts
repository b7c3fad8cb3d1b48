/**
 * The support console at `/admin` (issue #4): sign-in with password + second factor for admin-role
 * users, the help-request list and search, a request's account with reset factors / unlock / resend
 * activation / close, and the audit log. Every POST is CSRF-checked; every action is audited.
 * Cookies on `localhost` reach every port, so a page the agent opens on another localhost port would
 * send the console's cookies too: every console request, reads included, must come from the console's
 * own pages (Origin, Fetch Metadata), and form tokens are bound to the session or sign-in step.
 */
import type { IncomingMessage } from 'node:http';
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import type { Csrf } from '../http/csrf.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { readForm } from '../http/request-io.ts';
import { readCookie } from '../http/cookies.ts';
import { FORM_BODY, ownOrigins } from '../http/request-guard.ts';
import { htmlReply } from '../login/html.ts';
import { inTransaction } from '../store/database.ts';
import { audit, recentAudit } from '../store/audit-store.ts';
import { listFactors } from '../store/factor-store.ts';
import { searchRequests } from '../store/support-store.ts';
import { findUserByLogin, type UserRow } from '../store/user-store.ts';
import { performSupportAction, requestOrFail, type SupportAction } from '../support/support-actions.ts';
import { createAdminSessions, PENDING_COOKIE, SESSION_COOKIE } from './admin-session.ts';
import { adminSignIn, adminVerify, passcodeFactors } from './console-sign-in.ts';
import { auditPage, consoleView, listPage, loginPage, mfaPage, requestPage, type ConsoleView } from './console-pages.ts';
import { pickConsoleLang } from './console-messages.ts';
import { setCookie } from '../http/cookies.ts';

/** The reader's language choice, kept for the console's pages only (the switch link sets it). */
const LANG_COOKIE = 'console_lang';

const ACTIONS = new Set<SupportAction>(['reset-factors', 'unlock', 'resend-activation', 'close']);
const redirect = (location: string, cookies: string[] = []) => ({ status: 303, headers: { Location: location, ...(cookies.length ? { 'Set-Cookie': cookies } : {}) } });

/**
 * 403 unless the request comes from the console's own pages: an `Origin`, when sent, must be the org's,
 * and Fetch Metadata (sent by every current browser) must say same-origin or typed-in (`none`). A
 * top-level navigation from elsewhere (a link in a mail) may still open a page: it cannot read it.
 */
export function requireConsoleCaller(req: IncomingMessage, own: readonly string[]): void {
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && !own.includes(origin)) throw new OktaFailure('E0000006');
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return;
  if (req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document') return;
  throw new OktaFailure('E0000006');
}

/** What a form token is bound to: the secret session and sign-in-step cookies, which a page on another port cannot read. */
const bindingOf = (req: IncomingMessage) => `${readCookie(req, SESSION_COOKIE) ?? ''}|${readCookie(req, PENDING_COOKIE) ?? ''}`;

export function consoleRoutes(ctx: OrgContext, csrf: Csrf): Route[] {
  const sessions = createAdminSessions(ctx);
  const html = (rc: RouteContext, render: (view: ConsoleView, token: string) => string, status = 200) => {
    const chosen = rc.url.searchParams.get('lang');
    const lang = pickConsoleLang(chosen, readCookie(rc.req, LANG_COOKIE), rc.req.headers['accept-language']);
    const { token, setCookie: csrfCookie } = csrf.issue(rc.req, bindingOf(rc.req));
    const cookies = [
      ...(csrfCookie ? [csrfCookie] : []),
      ...(chosen === lang ? [setCookie(LANG_COOKIE, lang, { sameSite: 'Strict', path: '/admin', maxAgeSeconds: 365 * 24 * 3600 })] : []),
    ];
    return htmlReply(render(consoleView(lang, rc.url), token), status, cookies.length ? { 'Set-Cookie': cookies } : {});
  };
  const signedIn = (handler: (rc: RouteContext, admin: UserRow) => ReturnType<Route['handler']>): Route['handler'] => (rc) => {
    const admin = sessions.current(rc.req);
    return admin ? handler(rc, admin) : redirect('/admin');
  };
  const postForm = async (rc: RouteContext) => {
    const form = await readForm(rc.req);
    csrf.check(rc.req, form.csrf, bindingOf(rc.req));
    return form;
  };
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/admin',
      handler: (rc) => {
        const admin = sessions.current(rc.req);
        if (!admin) return html(rc, (v, t) => loginPage(v, t));
        const query = rc.url.searchParams.get('q') ?? '';
        const showClosed = rc.url.searchParams.get('closed') === '1';
        return html(rc, (v, t) => listPage(v, t, admin, searchRequests(ctx.db, { status: showClosed ? undefined : 'OPEN', query }), query, showClosed));
      },
    },
    {
      method: 'POST',
      path: '/admin/login',
      handler: async (rc) => {
        const form = await postForm(rc);
        const outcome = await adminSignIn(ctx, rc.ip, form.username ?? '', form.password ?? '');
        if (!outcome.ok) return html(rc, (v, t) => loginPage(v, t, outcome.message), outcome.status);
        return redirect('/admin/mfa', [sessions.startPending(outcome.pending)]);
      },
    },
    {
      method: 'GET',
      path: '/admin/mfa',
      handler: (rc) => {
        const pending = sessions.pendingOf(rc.req);
        return pending ? html(rc, (v, t) => mfaPage(v, t, passcodeFactors(ctx, pending.userId))) : redirect('/admin');
      },
    },
    {
      method: 'POST',
      path: '/admin/mfa',
      handler: async (rc) => {
        const form = await postForm(rc);
        const pending = sessions.pendingOf(rc.req);
        if (!pending) return redirect('/admin');
        const verified = await adminVerify(ctx, rc.ip, pending, form.factorId ?? '', form.passCode ?? '');
        if (!verified.ok) return html(rc, (v, t) => mfaPage(v, t, passcodeFactors(ctx, pending.userId), verified.message), verified.status);
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
        return html(rc, (v, t) => requestPage(v, t, admin, request, user, user ? listFactors(ctx.db, user.id) : [], done));
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
    { method: 'GET', path: '/admin/audit', handler: signedIn((rc, admin) => html(rc, (v, t) => auditPage(v, t, admin, recentAudit(ctx.db)))) },
  ];
  return routes.map((route) => ({
    ...route,
    ...(route.method === 'POST' ? { accepts: FORM_BODY } : {}),
    handler: (rc: RouteContext) => {
      requireConsoleCaller(rc.req, ownOrigins(Number(new URL(ctx.url()).port)));
      return route.handler(rc);
    },
  }));
}
