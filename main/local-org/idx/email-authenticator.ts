/**
 * The e-mail authenticator (`okta_email`) on Identity Engine: the user's primary e-mail, which Okta
 * counts as enrolled with the account (a verified primary e-mail "shows as an active email factor",
 * okta-idx.md §6). A challenge e-mails a 6-digit code, kept in the transaction as a hash with its
 * expiry; it is single-use (cleared on success) and a resend replaces it. Wrong codes count toward the
 * transaction's passcode limit like every other code. The org's MFA rule does not count it: it serves
 * password recovery and self-service unlock (M/authenticator-verification-email.json shapes the reply).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OrgContext } from '../org-context.ts';
import type { UserRow } from '../store/user-store.ts';
import { authenticatorIds } from './authenticators.ts';

/** Okta's default e-mail OTP lifetime is 5 minutes (Authenticators › Email, "OTP is valid for"). */
export const EMAIL_CODE_LIFETIME_MS = 5 * 60 * 1000;
/** Okta polls an e-mail challenge every 4 s (M/authenticator-verification-email.json `refresh`). */
export const EMAIL_POLL_REFRESH_MS = 4000;

export interface EmailCode {
  readonly hash: string;
  readonly expiresMs: number;
  /** The e-mail's link was opened and confirmed (idx/email-link.ts): the poll then moves on, as a typed code would. */
  linkConfirmed?: boolean;
}

type Json = Record<string, unknown>;

function codeHash(stateHash: string, code: string): string {
  // Bound to the transaction: the same 6 digits in another transaction hash differently.
  return createHash('sha256').update(`${stateHash}:${code}`, 'utf8').digest('base64url');
}

/** A fresh 6-digit code (rejection sampling over 2^32, no modulo bias) and its record. */
export function newEmailCode(ctx: OrgContext, stateHash: string): { code: string; record: EmailCode } {
  const limit = 4_294_000_000; // largest multiple of 10^6 below 2^32
  for (;;) {
    const n = Buffer.from(ctx.random(4)).readUInt32BE(0);
    if (n >= limit) continue;
    const code = String(n % 1_000_000).padStart(6, '0');
    return { code, record: { hash: codeHash(stateHash, code), expiresMs: ctx.clock.nowMs() + EMAIL_CODE_LIFETIME_MS } };
  }
}

export function emailCodeMatches(record: EmailCode | undefined, stateHash: string, given: string, nowMs: number): boolean {
  if (!record || record.expiresMs <= nowMs) return false;
  const expected = Buffer.from(record.hash);
  const actual = Buffer.from(codeHash(stateHash, given.trim()));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** `i**a@h***o.net`, as Okta shows the address a code went to. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const hide = (part: string) => (part.length <= 2 ? `${part.slice(0, 1)}*` : `${part[0]}${'*'.repeat(Math.min(part.length - 2, 3))}${part.at(-1)}`);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${hide(local)}@${hide(host)}${tld}`;
}

/** The e-mail enrollment id: stable per user, like the password's (`eae…`, Okta's prefix). */
export function emailEnrollmentId(user: Pick<UserRow, 'id'>): string {
  return `eae${user.id.slice(3)}`;
}

/** The authenticator as IDX lists it; with a user, as the user's enrollment. */
export function emailAuthenticatorJson(ctx: OrgContext, user?: Pick<UserRow, 'id'>): Json {
  const id = authenticatorIds(ctx).okta_email;
  const base: Json = { type: 'email', key: 'okta_email', id, displayName: 'Email', methods: [{ type: 'email' }] };
  return user ? { ...base, id: emailEnrollmentId(user), authenticatorId: id } : base;
}

/** Sends the code and its magic link (after the caller's write transaction committed). */
export async function mailEmailCode(ctx: OrgContext, user: UserRow, code: string, link: string, purpose: 'recovery' | 'unlock' | 'verify'): Promise<void> {
  await ctx.mailer.send({
    to: user.email,
    template: 'email-code',
    locale: user.locale,
    vars: { firstName: user.first_name, login: user.login, code, link, purpose, minutes: String(EMAIL_CODE_LIFETIME_MS / 60_000) },
  });
}
