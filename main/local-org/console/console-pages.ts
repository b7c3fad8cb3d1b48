/** Server-rendered pages of the support console: plain forms, no script (the CSP forbids any). */
import { iso } from '../org-context.ts';
import type { AuditEntry } from '../store/audit-store.ts';
import type { FactorRow } from '../store/factor-store.ts';
import type { SupportRequestRow } from '../store/support-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { escapeHtml as e, page } from '../login/html.ts';

const csrfField = (csrf: string) => `<input type="hidden" name="csrf" value="${e(csrf)}">`;
const error = (message?: string) => (message ? `<p role="alert">${e(message)}</p>` : '');
const TITLE = 'wiTECH support console';

export function loginPage(csrf: string, message?: string): string {
  return page(
    TITLE,
    `<h1>${TITLE}</h1>${error(message)}<form method="post" action="/admin/login">${csrfField(csrf)}
<p><label>Username <input name="username" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<button>Sign in</button></form>`,
  );
}

export function mfaPage(csrf: string, factors: readonly FactorRow[], message?: string): string {
  const options = factors.map((f) => `<option value="${e(f.id)}">${e(`${f.factor_type} (${f.provider})`)}</option>`).join('');
  return page(
    TITLE,
    `<h1>${TITLE}</h1><h2>Verification</h2>${error(message)}<form method="post" action="/admin/mfa">${csrfField(csrf)}
<p><label>Factor <select name="factorId">${options}</select></label></p>
<p><label>Verification code <input name="passCode" autocomplete="one-time-code" required></label></p>
<button>Verify</button></form>`,
  );
}

function header(csrf: string, admin: UserRow): string {
  return `<header><strong>${TITLE}</strong> · ${e(admin.login)} · <a href="/admin">Requests</a> · <a href="/admin/audit">Audit log</a>
<form method="post" action="/admin/logout" style="display:inline">${csrfField(csrf)}<button>Sign out</button></form></header>`;
}

export function listPage(csrf: string, admin: UserRow, requests: readonly SupportRequestRow[], query: string, showClosed: boolean): string {
  const rows = requests
    .map((r) => `<tr><td><a href="/admin/requests/${e(r.reference)}">${e(r.reference)}</a></td><td>${e(r.email)}</td><td>${e(r.reason)}</td><td>${e(r.status)}</td><td>${iso(r.created_ms)}</td></tr>`)
    .join('');
  return page(
    TITLE,
    `${header(csrf, admin)}<h1>Help requests</h1><form method="get" action="/admin" role="search"><label>Search <input name="q" value="${e(query)}"></label>
<label><input type="checkbox" name="closed" value="1"${showClosed ? ' checked' : ''}> include closed</label> <button>Search</button></form>
<table><thead><tr><th>Reference</th><th>E-mail</th><th>Reason</th><th>Status</th><th>Received</th></tr></thead><tbody>${rows || '<tr><td colspan="5">No requests</td></tr>'}</tbody></table>`,
  );
}

export function requestPage(csrf: string, admin: UserRow, request: SupportRequestRow, user: UserRow | undefined, factors: readonly FactorRow[], flash?: string): string {
  const action = (name: string, label: string) =>
    `<form method="post" action="/admin/requests/${e(request.reference)}/action">${csrfField(csrf)}<input type="hidden" name="action" value="${name}"><button>${label}</button></form>`;
  const account = user
    ? `<table><tr><th>Login</th><td>${e(user.login)}</td></tr><tr><th>Status</th><td data-user-status>${e(user.status)}</td></tr>
<tr><th>Factors</th><td data-factors>${factors.map((f) => e(`${f.factor_type}/${f.provider} ${f.status}`)).join('<br>') || 'none'}</td></tr></table>
${action('reset-factors', 'Reset factors')}${user.status === 'LOCKED_OUT' ? action('unlock', 'Unlock') : ''}${user.status === 'PROVISIONED' ? action('resend-activation', 'Resend activation') : ''}`
    : '<p>No account uses this e-mail address.</p>';
  const close =
    request.status === 'OPEN'
      ? `<form method="post" action="/admin/requests/${e(request.reference)}/action">${csrfField(csrf)}<input type="hidden" name="action" value="close">
<p><label>Closing note <textarea name="note" maxlength="2000"></textarea></label></p><button>Close request</button></form>`
      : `<p>Closed ${request.closed_ms ? iso(request.closed_ms) : ''} by ${e(request.closed_by ?? '')}: ${e(request.note ?? '')}</p>`;
  return page(
    `${request.reference} · ${TITLE}`,
    `${header(csrf, admin)}<h1>Request ${e(request.reference)}</h1>${flash ? `<p role="status">${e(flash)}</p>` : ''}
<table><tr><th>E-mail</th><td>${e(request.email)}</td></tr><tr><th>Reason</th><td>${e(request.reason)}</td></tr><tr><th>Status</th><td data-request-status>${e(request.status)}</td></tr>
<tr><th>Received</th><td>${iso(request.created_ms)}</td></tr><tr><th>Message</th><td style="white-space:pre-wrap">${e(request.message)}</td></tr>
<tr><th>Diagnostics</th><td><pre>${e(request.diagnostics ?? '—')}</pre></td></tr></table><h2>Account</h2>${account}<h2>Close</h2>${close}`,
  );
}

export function auditPage(csrf: string, admin: UserRow, entries: readonly AuditEntry[]): string {
  const rows = entries.map((a) => `<tr><td>${iso(a.at_ms)}</td><td>${e(a.actor)}</td><td>${e(a.action)}</td><td>${e(a.target)}</td><td>${e(a.detail)}</td></tr>`).join('');
  return page(TITLE, `${header(csrf, admin)}<h1>Audit log</h1><table><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table>`);
}
