/**
 * The hand-off after SUCCESS: `GET /login/sessionCookieRedirect?token=&redirectUrl=` consumes the
 * one-time sessionToken, sets the `sid` session cookie and redirects — only to allow-listed URLs
 * (Okta: redirectUrl must be a Trusted Origin; no open redirect). `GET|DELETE /api/v1/sessions/me`
 * read and close the session (Sessions API; okta-authn.md §7).
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json } from '../http/request-io.ts';
import { readCookie, setCookie } from '../http/cookies.ts';
import { inTransaction } from '../store/database.ts';
import { redeemToken, tokenData } from '../store/token-store.ts';
import { deleteSession, insertSession, sessionByCookie, type SessionRow } from '../store/session-store.ts';
import { findUserById } from '../store/user-store.ts';
import { newId } from '../security/okta-ids.ts';
import { opaqueToken, tokenHash } from '../security/secret-token.ts';
import { isAllowedRedirect } from './redirect-allow-list.ts';
import { engineOf } from '../idx/engine.ts';

export const SESSION_COOKIE = 'sid';
/** Identity Engine names its session cookie `idx` (DD guides/oie-upgrade-sessions-api); sessions made before an upgrade keep working. */
export const IDX_SESSION_COOKIE = 'idx';

function sessionCookieName(ctx: OrgContext): string {
  return engineOf(ctx.db) === 'identity' ? IDX_SESSION_COOKIE : SESSION_COOKIE;
}

export function currentSession(ctx: OrgContext, rc: Pick<RouteContext, 'req'>): SessionRow | undefined {
  const cookie = readCookie(rc.req, IDX_SESSION_COOKIE) ?? readCookie(rc.req, SESSION_COOKIE);
  return cookie ? sessionByCookie(ctx.db, cookie, ctx.clock.nowMs()) : undefined;
}

export function sessionJson(ctx: OrgContext, session: SessionRow): Record<string, unknown> {
  const user = findUserById(ctx.db, session.user_id);
  return {
    id: session.id,
    userId: session.user_id,
    login: user?.login ?? '',
    createdAt: iso(session.created_ms),
    expiresAt: iso(session.expires_ms),
    status: 'ACTIVE',
    lastPasswordVerification: session.last_password_ms === null ? null : iso(session.last_password_ms),
    lastFactorVerification: session.last_factor_ms === null ? null : iso(session.last_factor_ms),
    amr: JSON.parse(session.amr) as string[],
    idp: { id: '00olocalorg', type: 'OKTA' },
    mfaActive: session.last_factor_ms !== null,
    _links: { self: { href: `${ctx.url()}/api/v1/sessions/me`, hints: { allow: ['GET', 'DELETE'] } } },
  };
}

export function sessionRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/login/sessionCookieRedirect',
      handler: ({ url }) => {
        const redirectUrl = url.searchParams.get('redirectUrl') ?? '';
        // Check the destination first: a refused redirect must not burn the user's one-time token.
        if (!isAllowedRedirect(redirectUrl, ctx.redirectAllowList())) {
          throw new OktaFailure('E0000001', [{ errorSummary: 'redirectUrl: The redirect URL is not a trusted origin.' }], {}, 'redirectUrl');
        }
        const cookie = opaqueToken(ctx.random, '', 30);
        const now = ctx.clock.nowMs();
        inTransaction(ctx.db, () => {
          const redemption = redeemToken(ctx.db, url.searchParams.get('token') ?? '', 'session', now);
          if (!redemption.ok || !redemption.token.user_id) throw new OktaFailure('E0000011');
          const amr = (tokenData(redemption.token).amr as string[] | undefined) ?? ['pwd'];
          insertSession(ctx.db, {
            id: newId(ctx.random, 'session'),
            cookie_hash: tokenHash(cookie),
            user_id: redemption.token.user_id,
            amr: JSON.stringify(amr),
            created_ms: now,
            expires_ms: now + ctx.policy.sessionLifetimeMs,
            last_password_ms: amr.includes('pwd') ? redemption.token.created_ms : null,
            last_factor_ms: amr.includes('mfa') ? redemption.token.created_ms : null,
          });
        });
        return {
          status: 302,
          headers: {
            Location: new URL(redirectUrl).href,
            'Set-Cookie': setCookie(sessionCookieName(ctx), cookie, { sameSite: 'Lax', maxAgeSeconds: Math.floor(ctx.policy.sessionLifetimeMs / 1000) }),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/sessions/me',
      handler: (rc) => {
        const session = currentSession(ctx, rc);
        if (!session) throw new OktaFailure('E0000007', [], {}, 'me (Session)');
        return json(sessionJson(ctx, session));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/sessions/me',
      handler: (rc) => {
        const session = currentSession(ctx, rc);
        if (!session) throw new OktaFailure('E0000007', [], {}, 'me (Session)');
        inTransaction(ctx.db, () => deleteSession(ctx.db, session.id));
        return { status: 204, headers: { 'Set-Cookie': [SESSION_COOKIE, IDX_SESSION_COOKIE].map((name) => setCookie(name, '', { sameSite: 'Lax', maxAgeSeconds: 0 })) } };
      },
    },
  ];
}
