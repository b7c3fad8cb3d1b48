/**
 * Support-console sign-in: password, then a second factor, through the same authn code as the API
 * (so lockout and rate limits apply), and only for users holding an admin role. The step between
 * password and factor is kept in memory under a random cookie; the session is a hashed one-time
 * token in the database. Cookies: HttpOnly, SameSite=Strict, Path=/admin.
 */
import type { IncomingMessage } from 'node:http';
import type { OrgContext } from '../org-context.ts';
import { readCookie, setCookie } from '../http/cookies.ts';
import { inTransaction } from '../store/database.ts';
import { peekToken, storeToken } from '../store/token-store.ts';
import { revokeToken } from '../store/token-revoke.ts';
import { findUserById, type UserRow } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';

export const SESSION_COOKIE = 'admin_sid';
export const PENDING_COOKIE = 'admin_pending';
const SESSION_MS = 60 * 60 * 1000;
const PENDING_MS = 5 * 60 * 1000;

export interface PendingLogin {
  readonly stateToken: string;
  readonly userId: string;
  readonly expiresMs: number;
}

export function createAdminSessions(ctx: OrgContext) {
  const pending = new Map<string, PendingLogin>();
  const cookie = (name: string, value: string, maxAge: number) => setCookie(name, value, { sameSite: 'Strict', path: '/admin', maxAgeSeconds: maxAge });
  return {
    startPending(login: Omit<PendingLogin, 'expiresMs'>): string {
      const key = opaqueToken(ctx.random, '', 24);
      for (const [k, v] of pending) if (v.expiresMs <= ctx.clock.nowMs()) pending.delete(k);
      pending.set(key, { ...login, expiresMs: ctx.clock.nowMs() + PENDING_MS });
      return cookie(PENDING_COOKIE, key, PENDING_MS / 1000);
    },
    pendingOf(req: IncomingMessage): PendingLogin | undefined {
      const found = pending.get(readCookie(req, PENDING_COOKIE) ?? '');
      return found && found.expiresMs > ctx.clock.nowMs() ? found : undefined;
    },
    /** Ends the pending step and opens the session; returns the Set-Cookie headers. */
    open(req: IncomingMessage, userId: string): string[] {
      pending.delete(readCookie(req, PENDING_COOKIE) ?? '');
      const token = opaqueToken(ctx.random, '', 30);
      inTransaction(ctx.db, () => storeToken(ctx.db, token, 'admin-session', userId, ctx.clock.nowMs(), SESSION_MS));
      return [cookie(SESSION_COOKIE, token, SESSION_MS / 1000), cookie(PENDING_COOKIE, '', 0)];
    },
    /** The signed-in admin, if the session is live and the user still holds a role. */
    current(req: IncomingMessage): UserRow | undefined {
      const found = peekToken(ctx.db, readCookie(req, SESSION_COOKIE) ?? '', 'admin-session', ctx.clock.nowMs());
      const user = found.ok ? findUserById(ctx.db, found.token.user_id ?? '') : undefined;
      return user?.role && user.status === 'ACTIVE' ? user : undefined;
    },
    close(req: IncomingMessage): string {
      inTransaction(ctx.db, () => revokeToken(ctx.db, readCookie(req, SESSION_COOKIE) ?? '', 'admin-session'));
      return cookie(SESSION_COOKIE, '', 0);
    },
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
