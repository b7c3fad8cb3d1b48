/** Server-rendered pages of the support console: plain forms, no script (the CSP forbids any), in fr-CA or en. */
import { iso } from '../org-context.ts';
import type { AuditEntry } from '../store/audit-store.ts';
import type { FactorRow } from '../store/factor-store.ts';
import type { SupportRequestRow } from '../store/support-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { escapeHtml as e, page } from '../login/html.ts';
import { consoleText, labelOr, type ConsoleKey, type ConsoleLang, type ConsoleText } from './console-messages.ts';

/** What every page needs to speak the reader's language and offer the other one. */
export interface ConsoleView {
  readonly lang: ConsoleLang;
  readonly t: ConsoleText;
  /** The current page with `lang=` set to the other language. */
  readonly switchHref: string;
}

export function consoleView(lang: ConsoleLang, url: URL): ConsoleView {
  const other = new URL(url.pathname + url.search, 'http://x');
  other.searchParams.set('lang', lang === 'fr' ? 'en' : 'fr');
  return { lang, t: consoleText(lang), switchHref: other.pathname + other.search };
}

// The app's typeface and colours (renderer/styles.css), so support sees what the technician describes on the
// phone: its brand blue for links and buttons (not the browser's default blue and purple), its amber focus ring.
const CSS = `
:root{--ink:#1d2430;--brand:#0b4f8a;--focus:#f2a900}
body{color:var(--ink);font-family:'Liberation Sans','Segoe UI',system-ui,sans-serif;max-width:64rem;background:#f4f6f8;margin:0 auto;padding:1.5rem}
pre,code{font-family:'Liberation Mono',monospace}
header{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;margin-bottom:1.5rem;padding-bottom:.75rem;border-bottom:1px solid #d1d5db}
header .brand{font-weight:700;margin-right:auto}
header form{display:inline}
main{background:#fff;border:1px solid #d1d5db;border-radius:6px;padding:1.25rem 1.5rem}
main.card{max-width:26rem;margin:2rem auto}
h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .6rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input:not([type=checkbox]),select,textarea{display:block;width:100%;box-sizing:border-box;padding:.45rem .5rem;border:1px solid #6b7280;border-radius:4px;font-weight:400}
.inline label{display:inline;font-weight:400}
.field{margin:0 0 1rem}.hint{color:#4b5563;font-size:.9em;margin:.25rem 0 0}
button{padding:.45rem 1rem;border-radius:4px;border:1px solid var(--brand);background:#fff;color:var(--brand);cursor:pointer}
button.primary{background:var(--brand);color:#fff}
a,a:visited{color:var(--brand);text-underline-offset:.15em}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
[role=alert]{color:#9b1c1c;background:#fdecec;border:1px solid #f5c2c2;border-radius:4px;padding:.5rem .75rem}
[role=status]{color:#14532d;background:#e8f5ec;border:1px solid #b7dfc3;border-radius:4px;padding:.5rem .75rem}
table{width:100%;margin:.5rem 0}.nowrap{white-space:nowrap}th{background:#f4f6f8}th[scope=row]{width:14rem}
main.card button.primary{width:100%;padding:.6rem}.intro{margin:-.5rem 0 1rem}
pre{white-space:pre-wrap;word-break:break-word;margin:0}
.lang{font-size:.95em}`;

/** A date as support reads it aloud: "2026-12-02 07:23 UTC" (the org's clock is UTC). */
const when = (ms: number) => `${iso(ms).slice(0, 16).replace('T', ' ')} UTC`;

/** An audit entry's detail (a JSON object) as "label: value" lines, in the reader's language where the key is known. */
function detailText(lang: ConsoleLang, detail: string): string {
  try {
    const fields = JSON.parse(detail) as unknown;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return detail;
    return Object.entries(fields as Record<string, unknown>)
      .map(([key, value]) => `${labelOr(lang, 'detail', key)}${lang === 'fr' ? ' : ' : ': '}${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join('\n');
  } catch {
    return detail;
  }
}

const DONE = new Set(['reset-factors', 'unlock', 'resend-activation', 'close']);
const csrfField = (csrf: string) => `<input type="hidden" name="csrf" value="${e(csrf)}">`;
const alert = (message?: string) => (message ? `<p role="alert">${e(message)}</p>` : '');
const langLink = (v: ConsoleView) => {
  const other = v.lang === 'fr' ? 'en' : 'fr';
  return `<a class="lang" href="${e(v.switchHref)}" hreflang="${other}" lang="${other}">${e(v.t('lang.other'))}</a>`;
};

function render(v: ConsoleView, title: string, body: string): string {
  return page(title === v.t('title') ? title : `${title} · ${v.t('title')}`, body, v.lang, CSS);
}

/** The two sign-in steps: a centred card under the console's name and the language switch. */
function signInShell(v: ConsoleView, heading: string, content: string): string {
  return render(v, v.t('title'), `<header><span class="brand">${e(v.t('title'))}</span>${langLink(v)}</header>
<main class="card"><h1>${e(heading)}</h1>${content}</main>`);
}

export function loginPage(v: ConsoleView, csrf: string, message?: ConsoleKey): string {
  const { t } = v;
  return signInShell(
    v,
    t('signIn.heading'),
    `<p class="hint intro">${e(t('signIn.intro'))}</p>${alert(message && t(message))}<form method="post" action="/admin/login">${csrfField(csrf)}
<div class="field"><label for="username">${e(t('signIn.username'))}</label><input id="username" name="username" autocomplete="username" required autofocus></div>
<div class="field"><label for="password">${e(t('signIn.password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
<button class="primary">${e(t('signIn.submit'))}</button></form>`,
  );
}

const METHOD: Record<string, ConsoleKey> = {
  'token:software:totp/GOOGLE': 'method.google',
  'token:software:totp/OKTA': 'method.oktaCode',
  'push/OKTA': 'method.oktaPush',
  'question/OKTA': 'method.question',
  'token:hardware/YUBICO': 'method.yubikeyOtp',
  'webauthn/FIDO': 'method.securityKey',
};
const methodName = (t: ConsoleText, f: FactorRow) => {
  const key = METHOD[`${f.factor_type}/${f.provider}`];
  return key ? t(key) : `${f.factor_type} (${f.provider})`;
};

export function mfaPage(v: ConsoleView, csrf: string, factors: readonly FactorRow[], message?: ConsoleKey): string {
  const { t } = v;
  const options = factors.map((f) => `<option value="${e(f.id)}">${e(methodName(t, f))}</option>`).join('');
  return signInShell(
    v,
    t('verify.heading'),
    `${alert(message && t(message))}<form method="post" action="/admin/mfa">${csrfField(csrf)}
<div class="field"><label for="factorId">${e(t('verify.method'))}</label><select id="factorId" name="factorId">${options}</select></div>
<div class="field"><label for="passCode">${e(t('verify.code'))}</label><input id="passCode" name="passCode" autocomplete="one-time-code" aria-describedby="passCode-hint" required autofocus>
<p class="hint" id="passCode-hint">${e(t('verify.codeHint'))}</p></div>
<button class="primary">${e(t('verify.submit'))}</button></form>`,
  );
}

function header(v: ConsoleView, csrf: string, admin: UserRow): string {
  const { t } = v;
  return `<header><span class="brand">${e(t('title'))}</span><nav aria-label="${e(t('nav.label'))}"><a href="/admin">${e(t('nav.requests'))}</a> · <a href="/admin/audit">${e(t('nav.audit'))}</a></nav>
<span>${e(t('nav.signedInAs', { login: admin.login }))}</span>${langLink(v)}
<form method="post" action="/admin/logout">${csrfField(csrf)}<button>${e(t('nav.signOut'))}</button></form></header>`;
}

export function listPage(v: ConsoleView, csrf: string, admin: UserRow, requests: readonly SupportRequestRow[], query: string, showClosed: boolean): string {
  const { t, lang } = v;
  const rows = requests
    .map(
      (r) =>
        `<tr><td class="nowrap"><a href="/admin/requests/${e(r.reference)}">${e(r.reference)}</a></td><td>${e(r.email)}</td><td>${e(labelOr(lang, 'reason', r.reason))}</td><td>${e(labelOr(lang, 'requestStatus', r.status))}</td><td class="nowrap">${when(r.created_ms)}</td></tr>`,
    )
    .join('');
  return render(
    v,
    t('list.heading'),
    `${header(v, csrf, admin)}<main><h1>${e(t('list.heading'))}</h1><form method="get" action="/admin" role="search">
<div class="field"><label for="q">${e(t('list.search'))}</label><input id="q" name="q" value="${e(query)}" aria-describedby="q-hint"><p class="hint" id="q-hint">${e(t('list.searchHint'))}</p></div>
<div class="actions inline"><label><input type="checkbox" name="closed" value="1"${showClosed ? ' checked' : ''}> ${e(t('list.includeClosed'))}</label>
<button class="primary">${e(t('list.submit'))}</button></div></form>
<table><thead><tr><th>${e(t('col.reference'))}</th><th>${e(t('col.email'))}</th><th>${e(t('col.reason'))}</th><th>${e(t('col.status'))}</th><th>${e(t('col.received'))}</th></tr></thead><tbody>${rows || `<tr><td colspan="5">${e(t('list.empty'))}</td></tr>`}</tbody></table></main>`,
  );
}

export function requestPage(v: ConsoleView, csrf: string, admin: UserRow, request: SupportRequestRow, user: UserRow | undefined, factors: readonly FactorRow[], done?: string): string {
  const { t, lang } = v;
  const action = (name: 'reset-factors' | 'unlock' | 'resend-activation') =>
    `<form method="post" action="/admin/requests/${e(request.reference)}/action">${csrfField(csrf)}<input type="hidden" name="action" value="${name}"><button>${e(t(`action.${name}`))}</button></form>`;
  const methods = factors.map((f) => `<span data-factor="${e(`${f.factor_type}/${f.provider} ${f.status}`)}">${e(`${methodName(t, f)} (${labelOr(lang, 'methodStatus', f.status)})`)}</span>`).join('<br>');
  const account = user
    ? `<table><tr><th scope="row">${e(t('account.username'))}</th><td>${e(user.login)}</td></tr><tr><th scope="row">${e(t('account.status'))}</th><td data-user-status="${e(user.status)}">${e(labelOr(lang, 'userStatus', user.status))}</td></tr>
<tr><th scope="row">${e(t('account.methods'))}</th><td data-factors>${methods || e(t('account.noMethods'))}</td></tr></table>
<div class="actions">${action('reset-factors')}${user.status === 'LOCKED_OUT' ? action('unlock') : ''}${user.status === 'PROVISIONED' ? action('resend-activation') : ''}</div>`
    : `<p>${e(t('account.missing'))}</p>`;
  const close =
    request.status === 'OPEN'
      ? `<form method="post" action="/admin/requests/${e(request.reference)}/action">${csrfField(csrf)}<input type="hidden" name="action" value="close">
<div class="field"><label for="note">${e(t('close.note'))}</label><textarea id="note" name="note" maxlength="2000" rows="3"></textarea></div><button class="primary">${e(t('action.close'))}</button></form>`
      : `<p>${e(t('close.closed', { when: request.closed_ms ? when(request.closed_ms) : '', who: request.closed_by ?? '', note: request.note ?? '' }))}</p>`;
  const flash = done && DONE.has(done) ? `<p role="status">${e(t(`done.${done}` as ConsoleKey))}</p>` : '';
  const heading = t('request.heading', { reference: request.reference });
  return render(
    v,
    heading,
    `${header(v, csrf, admin)}<main><h1>${e(heading)}</h1>${flash}
<table><tr><th scope="row">${e(t('col.email'))}</th><td>${e(request.email)}</td></tr><tr><th scope="row">${e(t('col.reason'))}</th><td>${e(labelOr(lang, 'reason', request.reason))}</td></tr><tr><th scope="row">${e(t('col.status'))}</th><td data-request-status="${e(request.status)}">${e(labelOr(lang, 'requestStatus', request.status))}</td></tr>
<tr><th scope="row">${e(t('col.received'))}</th><td>${when(request.created_ms)}</td></tr><tr><th scope="row">${e(t('col.message'))}</th><td style="white-space:pre-wrap">${e(request.message)}</td></tr>
<tr><th scope="row">${e(t('col.diagnostics'))}</th><td><pre>${e(request.diagnostics ?? '—')}</pre></td></tr></table><h2>${e(t('request.account'))}</h2>${account}<h2>${e(t('close.heading'))}</h2>${close}</main>`,
  );
}

export function auditPage(v: ConsoleView, csrf: string, admin: UserRow, entries: readonly AuditEntry[]): string {
  const { t, lang } = v;
  const rows = entries
    .map((a) => `<tr><td class="nowrap">${when(a.at_ms)}</td><td>${e(a.actor)}</td><td data-action="${e(a.action)}">${e(labelOr(lang, 'auditAction', a.action))}</td><td class="nowrap">${e(a.target)}</td><td style="white-space:pre-line">${e(detailText(lang, a.detail))}</td></tr>`)
    .join('');
  return render(
    v,
    t('audit.heading'),
    `${header(v, csrf, admin)}<main><h1>${e(t('audit.heading'))}</h1><table><thead><tr><th>${e(t('audit.when'))}</th><th>${e(t('audit.who'))}</th><th>${e(t('audit.action'))}</th><th>${e(t('audit.target'))}</th><th>${e(t('audit.detail'))}</th></tr></thead><tbody>${rows || `<tr><td colspan="5">${e(t('audit.empty'))}</td></tr>`}</tbody></table></main>`,
  );
}
