/**
 * The demo org's support-desk admin outside the browser preview: a random password, stored in the
 * org's database (owner-only file) so that only whoever installed the org can read it back
 * (`npm run org -- support:password --data <dir>`).
 */
import type { OrgContext } from './org-context.ts';
import { getMeta } from './store/meta-store.ts';
import { activeFactors } from './store/factor-store.ts';
import { findUserByLogin } from './store/user-store.ts';
import { alphanumericToken } from './security/secret-token.ts';
import { passwordProblems } from './security/password-policy.ts';
import { verifySecret } from './security/password-hash.ts';

export const SUPPORT_PASSWORD_META = 'demo-support-password';
export const SUPPORT_LOGIN = 'support@garage.example';

/** 24 alphanumerics (~143 bits), drawn again in the rare case the org's complexity rules refuse them. */
export function newSupportPassword(ctx: Pick<OrgContext, 'random'>, login: string): string {
  for (;;) {
    const candidate = alphanumericToken(ctx.random, 24);
    if (passwordProblems(candidate, login).length === 0) return candidate;
  }
}

export type SupportCredentials =
  | { readonly ok: true; readonly login: string; readonly password: string; readonly totpSecret?: string }
  | { readonly ok: false; readonly reason: 'not-seeded' | 'changed' };

/** The stored password, if the support account still uses it, and its Google Authenticator seed. */
export async function supportCredentials(ctx: OrgContext): Promise<SupportCredentials> {
  const password = getMeta(ctx.db, SUPPORT_PASSWORD_META);
  const user = findUserByLogin(ctx.db, SUPPORT_LOGIN);
  if (!password || !user) return { ok: false, reason: 'not-seeded' };
  if (!user.password_hash || !(await verifySecret(password, user.password_hash))) return { ok: false, reason: 'changed' };
  const totp = activeFactors(ctx.db, user.id).find((f) => f.factor_type === 'token:software:totp' && f.provider === 'GOOGLE');
  return { ok: true, login: user.login, password, ...(totp?.secret ? { totpSecret: totp.secret } : {}) };
}
