/**
 * `/device`: an Okta Verify simulator for training and tests (no phone exists here). A browser tab
 * becomes a paired "device" by entering the pairing code from the enrollment QR link; it then lists
 * the pushes sent to its accounts and answers them (number challenge or deny). The device is bound
 * by an HttpOnly cookie, so knowing a username is not enough to approve that user's pushes.
 * A training aid: a real deployment uses the Okta Verify app.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import type { Csrf } from '../http/csrf.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { readForm } from '../http/request-io.ts';
import { FORM_BODY } from '../http/request-guard.ts';
import { readCookie, setCookie } from '../http/cookies.ts';
import { inTransaction } from '../store/database.ts';
import { redeemToken, tokenData } from '../store/token-store.ts';
import { findPush, settlePush, waitingPushes } from '../store/push-store.ts';
import { type FactorRow } from '../store/factor-store.ts';
import { findUserById } from '../store/user-store.ts';
import { opaqueToken, tokenHash } from '../security/secret-token.ts';
import { escapeHtml, htmlReply, page } from './html.ts';

const DEVICE_COOKIE = 'okta_device';

function deviceFactors(ctx: OrgContext, device: string | undefined): FactorRow[] {
  if (!device) return [];
  return ctx.db.prepare("SELECT * FROM factors WHERE factor_type = 'push' AND status = 'ACTIVE' AND secret = ?").all(tokenHash(device)) as unknown as FactorRow[];
}

function render(ctx: OrgContext, rc: RouteContext, csrf: Csrf) {
  const device = readCookie(rc.req, DEVICE_COOKIE);
  const factors = deviceFactors(ctx, device);
  const { token, setCookie: csrfCookie } = csrf.issue(rc.req);
  const hidden = `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;
  const accounts = factors.map((f) => `<li>${escapeHtml(findUserById(ctx.db, f.user_id)?.login ?? '?')}</li>`).join('');
  const pushes = waitingPushes(ctx.db, factors.map((f) => f.id), ctx.clock.nowMs()).map((push) => {
    const login = findUserById(ctx.db, factors.find((f) => f.id === push.factor_id)?.user_id ?? '')?.login ?? '?';
    const numbers = JSON.parse(push.choices) as number[];
    const choices = numbers.length ? numbers.map((n) => `<button name="choice" value="${n}">${n}</button>`).join(' ') : '<button name="choice" value="approve">Approve / Approuver</button>';
    return `<li data-push="${escapeHtml(push.id)}"><form method="post" action="/device/push/${encodeURIComponent(push.id)}">${hidden}
<p>Sign-in request for <strong>${escapeHtml(login)}</strong>.${numbers.length ? ' Pick the number shown on the computer:' : ''}</p>${choices}
<button name="choice" value="deny">Deny / Refuser</button></form></li>`;
  });
  const code = escapeHtml(rc.url.searchParams.get('code') ?? '');
  const body = `<h1>Okta Verify — training device</h1><p class="muted">Simulator for training and tests. / Simulateur de formation.</p>
<h2>Pair an account</h2><form method="post" action="/device/pair">${hidden}<label>Pairing code <input name="code" value="${code}" required autocomplete="off"></label>
<label>Device name <input name="name" value="Training phone"></label> <button>Pair</button></form>
<h2>Accounts</h2><ul id="accounts">${accounts || '<li class="muted">none</li>'}</ul>
<h2>Pending sign-ins</h2><ul id="pushes">${pushes.join('') || '<li class="muted">none</li>'}</ul>`;
  return htmlReply(page('Okta Verify — training device', body), 200, csrfCookie ? { 'Set-Cookie': csrfCookie } : {});
}

export function deviceRoutes(ctx: OrgContext, csrf: Csrf): Route[] {
  const back = (cookies: string[] = []) => ({ status: 303, headers: { Location: '/device', ...(cookies.length ? { 'Set-Cookie': cookies } : {}) } });
  return [
    { method: 'GET', path: '/device', handler: (rc) => render(ctx, rc, csrf) },
    {
      method: 'POST',
      accepts: FORM_BODY,
      path: '/device/pair',
      handler: async (rc) => {
        const form = await readForm(rc.req);
        csrf.check(rc.req, form.csrf);
        const existing = readCookie(rc.req, DEVICE_COOKIE);
        const device = existing ?? opaqueToken(ctx.random, '', 30);
        const now = ctx.clock.nowMs();
        const code = (form.code ?? '').trim().split(/[/=]/).pop() ?? '';
        inTransaction(ctx.db, () => {
          const redemption = redeemToken(ctx.db, code, 'qr', now);
          const data = redemption.ok ? tokenData(redemption.token) : {};
          const factor = data.push ? (ctx.db.prepare("SELECT * FROM factors WHERE id = ? AND status = 'PENDING_ACTIVATION'").get(String(data.factorId)) as FactorRow | undefined) : undefined;
          if (!factor) throw new OktaFailure('E0000011');
          const user = findUserById(ctx.db, factor.user_id);
          const profile = { credentialId: user?.login ?? '', deviceType: 'SmartPhone_Simulator', name: (form.name ?? 'Training phone').slice(0, 60), platform: 'SIMULATOR', version: '1.0' };
          ctx.db.prepare("UPDATE factors SET status = 'ACTIVE', secret = ?, profile = ?, updated_ms = ? WHERE id = ?").run(tokenHash(device), JSON.stringify(profile), now, factor.id);
        });
        return back(existing ? [] : [setCookie(DEVICE_COOKIE, device, { sameSite: 'Strict', path: '/device', maxAgeSeconds: 365 * 24 * 3600 })]);
      },
    },
    {
      method: 'POST',
      accepts: FORM_BODY,
      path: '/device/push/:id',
      handler: async (rc) => {
        const form = await readForm(rc.req);
        csrf.check(rc.req, form.csrf);
        const push = findPush(ctx.db, rc.params.id ?? '');
        const mine = push && deviceFactors(ctx, readCookie(rc.req, DEVICE_COOKIE)).some((f) => f.id === push.factor_id);
        if (!push || !mine) throw new OktaFailure('E0000007', [], {}, 'push');
        // Picking a wrong number denies the sign-in, as Okta Verify does.
        const approved = push.correct_answer === null ? form.choice === 'approve' : Number(form.choice) === push.correct_answer;
        inTransaction(ctx.db, () => settlePush(ctx.db, push.id, approved ? 'APPROVED' : 'REJECTED', ctx.clock.nowMs()));
        return back();
      },
    },
  ];
}
