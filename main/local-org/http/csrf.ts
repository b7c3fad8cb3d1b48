/**
 * CSRF protection for the org's HTML forms (support console, device simulator): a random `csrf`
 * cookie (HttpOnly, SameSite=Strict) and, in each form, an HMAC of it under a per-process key
 * (OWASP "signed double-submit cookie"). POSTs must carry a matching pair and, when the browser sends
 * one, an Origin equal to the org's own. Cookies on `localhost` are shared by every port, so a page on
 * another port can plant its own `csrf` cookie; a caller with a session binds the token to it too
 * (`binding`: a secret cookie value the planting page cannot read), so a planted pair does not match.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readCookie, setCookie } from './cookies.ts';
import { OktaFailure } from './okta-error.ts';

const COOKIE = 'csrf';

export interface Csrf {
  /** Token for the page's forms, and the Set-Cookie to send when the browser had no cookie yet. */
  issue(req: IncomingMessage, binding?: string): { token: string; setCookie?: string };
  /** Throws 403 E0000006 unless the form token matches the cookie (and `binding`) and the Origin is ours. */
  check(req: IncomingMessage, formToken: string | undefined, binding?: string): void;
}

export function createCsrf(orgUrl: () => string): Csrf {
  const key = randomBytes(32);
  const sign = (value: string, binding: string) => createHmac('sha256', key).update(value).update('\0').update(binding).digest('base64url');
  return {
    issue(req, binding = '') {
      const existing = readCookie(req, COOKIE);
      if (existing) return { token: sign(existing, binding) };
      const fresh = randomBytes(24).toString('base64url');
      return { token: sign(fresh, binding), setCookie: setCookie(COOKIE, fresh, { sameSite: 'Strict' }) };
    },
    check(req, formToken, binding = '') {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== new URL(orgUrl()).origin) throw new OktaFailure('E0000006');
      const cookie = readCookie(req, COOKIE);
      const expected = Buffer.from(cookie ? sign(cookie, binding) : '');
      const given = Buffer.from(formToken ?? '');
      if (!cookie || expected.length !== given.length || !timingSafeEqual(expected, given)) throw new OktaFailure('E0000006');
    },
  };
}
