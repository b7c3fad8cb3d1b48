/**
 * The e-mail authenticator's magic link (okta-idx.md §3, Email: the e-mail carries a code and a link).
 * The link proves the same thing as the code: the holder reads the mailbox. Opening it shows a page with
 * one button (a GET changes nothing, so a mail scanner that follows links spends nothing); confirming
 * marks the transaction's code as proven, and the app's `challenge-poll` then moves on as if the code had
 * been typed. A link is single-use, lives as long as its code, and dies when a resend replaces the code.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { FORM_BODY } from '../http/request-guard.ts';
import { inTransaction } from '../store/database.ts';
import { peekToken, redeemToken, storeToken, tokenData } from '../store/token-store.ts';
import { findUserById } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { escapeHtml, htmlReply, page } from '../login/html.ts';
import { languageOf } from '../mail/templates.ts';
import { EMAIL_CODE_LIFETIME_MS, type EmailCode } from './email-authenticator.ts';
import type { IdxData } from './idx-store.ts';

const PATH = '/email/verify';

/** Issues the link of a code (caller holds the write lock). */
export function issueEmailLink(ctx: OrgContext, txHash: string, userId: string, code: EmailCode): string {
  const token = opaqueToken(ctx.random, 'eml', 24);
  storeToken(ctx.db, token, 'email-link', userId, ctx.clock.nowMs(), EMAIL_CODE_LIFETIME_MS, { tx: txHash, code: code.hash });
  return `${ctx.url()}${PATH}/${token}`;
}

const TEXT = {
  en: {
    title: 'Confirm your e-mail',
    ask: 'Confirm that you asked Garage Sign-In for this code. Then go back to Garage Sign-In: it goes on by itself.',
    button: 'Confirm',
    done: 'Confirmed. Go back to Garage Sign-In.',
    dead: 'This link no longer works (already used, replaced by a newer e-mail, or expired). Type the code from the newest e-mail in Garage Sign-In.',
  },
  fr: {
    title: 'Confirmez votre courriel',
    ask: 'Confirmez que vous avez demandé ce code dans Garage Sign-In. Retournez ensuite dans Garage Sign-In : il continuera de lui-même.',
    button: 'Confirmer',
    done: 'C’est confirmé. Retournez dans Garage Sign-In.',
    dead: 'Ce lien ne fonctionne plus (déjà utilisé, remplacé par un courriel plus récent ou expiré). Entrez dans Garage Sign-In le code du courriel le plus récent.',
  },
} as const;

function textFor(ctx: OrgContext, userId: string | null) {
  const user = userId ? findUserById(ctx.db, userId) : undefined;
  return { lang: languageOf(user?.locale ?? 'en'), t: TEXT[languageOf(user?.locale ?? 'en')] };
}

interface TxRow {
  readonly data: string;
  readonly expires_ms: number;
}

/** Marks the transaction's code as proven, if the link still belongs to its current code. */
function confirm(ctx: OrgContext, token: string): boolean {
  return inTransaction(ctx.db, () => {
    const now = ctx.clock.nowMs();
    const redemption = redeemToken(ctx.db, token, 'email-link', now);
    if (!redemption.ok) return false;
    const { tx, code } = tokenData(redemption.token) as { tx?: string; code?: string };
    const row = ctx.db.prepare('SELECT data, expires_ms FROM idx_transactions WHERE hash = ?').get(tx ?? '') as TxRow | undefined;
    if (!row || row.expires_ms <= now) return false;
    const data = JSON.parse(row.data) as IdxData;
    const current = data.recovery?.code;
    if (data.step !== 'email-challenge' || !current || current.hash !== code || current.expiresMs <= now || data.userId !== redemption.token.user_id) return false;
    current.linkConfirmed = true;
    ctx.db.prepare('UPDATE idx_transactions SET data = ? WHERE hash = ?').run(JSON.stringify(data), tx ?? '');
    return true;
  });
}

export function emailLinkRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'GET',
      path: `${PATH}/:token`,
      handler: ({ params }) => {
        const token = params.token ?? '';
        const peeked = peekToken(ctx.db, token, 'email-link', ctx.clock.nowMs());
        const { lang, t } = textFor(ctx, peeked.ok ? peeked.token.user_id : null);
        if (!peeked.ok) return htmlReply(page(t.title, `<h1>${t.title}</h1><p id="email-link-dead">${t.dead}</p>`, lang), 410);
        return htmlReply(
          page(t.title, `<h1>${t.title}</h1><p>${t.ask}</p><form method="post" action="${escapeHtml(`${PATH}/${token}`)}"><button id="confirm" type="submit">${t.button}</button></form>`, lang),
        );
      },
    },
    {
      method: 'POST',
      path: `${PATH}/:token`,
      accepts: FORM_BODY,
      handler: ({ params }) => {
        const token = params.token ?? '';
        const peeked = peekToken(ctx.db, token, 'email-link', ctx.clock.nowMs());
        const { lang, t } = textFor(ctx, peeked.ok ? peeked.token.user_id : null);
        const ok = confirm(ctx, token);
        return htmlReply(page(t.title, `<h1>${t.title}</h1><p id="${ok ? 'email-link-confirmed' : 'email-link-dead'}">${ok ? t.done : t.dead}</p>`, lang), ok ? 200 : 410);
      },
    },
  ];
}
