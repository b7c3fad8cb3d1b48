/**
 * Browser pages of the org. `/diagnostics` stands in for the wiTECH login the hand-off opens: it
 * shows who is signed in through the `sid` session. `/welcome/{token}` (Identity Engine: `/tokens/{token}/verify`)
 * and `/signin/{kind}/{token}` are
 * where e-mailed links land in a browser: they hand the token to Garage Sign-In through the
 * `witech-login://` link and do NOT redeem it, so opening the e-mail in a browser first does not
 * burn the single-use token.
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { findUserById } from '../store/user-store.ts';
import { currentSession } from './session-routes.ts';
import { escapeHtml, htmlReply, page } from './html.ts';

function linkPage(title: string, intro: string, appLink: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(intro)}</p><p><a id="open-app" href="${escapeHtml(appLink)}">Open Garage Sign-In / Ouvrir Garage Sign-In</a></p>`,
  );
}

export function pageRoutes(ctx: OrgContext): Route[] {
  const tokenLink = (kind: 'activate' | 'recovery', token: string) => `witech-login://${kind}?token=${encodeURIComponent(token)}`;
  return [
    {
      method: 'GET',
      path: '/diagnostics',
      handler: (rc) => {
        const session = currentSession(ctx, rc);
        const user = session ? findUserById(ctx.db, session.user_id) : undefined;
        if (!session || !user) {
          return htmlReply(page('wiTECH 2.0 — diagnostics', '<h1>wiTECH 2.0</h1><p id="signed-in" data-signed-in="false">Not signed in.</p>'));
        }
        const amr = (JSON.parse(session.amr) as string[]).join(', ');
        return htmlReply(
          page(
            'wiTECH 2.0 — diagnostics',
            `<h1>wiTECH 2.0</h1><p id="signed-in" data-signed-in="true" data-login="${escapeHtml(user.login)}">Signed in as <strong>${escapeHtml(`${user.first_name} ${user.last_name}`)}</strong> (${escapeHtml(user.login)}).</p>
<table><tr><th>Session</th><td>${escapeHtml(session.id)}</td></tr><tr><th>Methods</th><td data-amr="${escapeHtml(amr)}">${escapeHtml(amr)}</td></tr>
<tr><th>Since</th><td>${iso(session.created_ms)}</td></tr><tr><th>Expires</th><td>${iso(session.expires_ms)}</td></tr></table>`,
          ),
        );
      },
    },
    // Classic's activation link and Identity Engine's (an identity org's e-mails use the second); both only hand the token over.
    ...['/welcome/:token', '/tokens/:token/verify'].map(
      (path): Route => ({
        method: 'GET',
        path,
        handler: ({ params }) =>
          htmlReply(linkPage('Activate your account / Activez votre compte', 'Finish creating your account in Garage Sign-In. / Terminez la création de votre compte dans Garage Sign-In.', tokenLink('activate', params.token ?? ''))),
      }),
    ),
    ...['reset-password', 'user-unlock', 'recovery'].map(
      (kind): Route => ({
        method: 'GET',
        path: `/signin/${kind}/:token`,
        handler: ({ params }) =>
          htmlReply(linkPage('Account recovery / Récupération du compte', 'Continue in Garage Sign-In. / Continuez dans Garage Sign-In.', tokenLink('recovery', params.token ?? ''))),
      }),
    ),
  ];
}
