/**
 * `POST /api/v1/authn` — primary authentication with username and password (authn reference).
 * Bad credentials, unknown users and users who cannot sign in all get the same 401 E0000004 after
 * the same scrypt work, so neither the answer nor its timing tells which logins exist. The 10th
 * consecutive bad password locks the account; a locked account answers LOCKED_OUT (the Okta policy
 * option "show lockout failures", which lets the client offer the unlock path the seeds describe).
 */
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { findUserByLogin, findUserById, setUserStatus, updateUser, type UserRow } from '../store/user-store.ts';
import { burnVerification, verifySecret } from '../security/password-hash.ts';
import { AUTHN, post } from './links.ts';
import { startMfa } from './next-step.ts';

export function lockedOut(ctx: OrgContext): Record<string, unknown> {
  return {
    status: 'LOCKED_OUT',
    _embedded: {},
    _links: { next: post(ctx.url(), `${AUTHN}/recovery/unlock`, 'unlock'), cancel: post(ctx.url(), `${AUTHN}/cancel`) },
  };
}

/** The per-user rate-limit key: one budget per login, whichever door (API, console) the guesses come through. */
export function userLimitKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

/** Statuses in which a correct password starts a transaction. */
const CAN_SIGN_IN = new Set(['ACTIVE']);

export async function primaryAuth(
  ctx: OrgContext,
  input: { username: string; password: string; multiOptionalFactorEnroll?: boolean | undefined },
): Promise<Record<string, unknown>> {
  // Limited here, where the password is checked, so that no caller (API, console) bypasses it (429 E0000047).
  ctx.limiter.hit(userLimitKey(input.username), ctx.policy.userPerMinute);
  const found: UserRow | undefined = findUserByLogin(ctx.db, input.username);
  if (!found || found.password_hash === null) {
    await burnVerification(input.password, ctx.policy.scrypt);
    throw new OktaFailure('E0000004');
  }
  const matches = await verifySecret(input.password, found.password_hash);
  // The failure count must be committed, so a bad password is a return value here, not a throw (which would roll back).
  const outcome = inTransaction(ctx.db, (): Record<string, unknown> | 'bad-credentials' => {
    // Re-read under the write lock: another request may have counted a failure or locked meanwhile.
    const user = findUserById(ctx.db, found.id);
    if (!user) return 'bad-credentials';
    const now = ctx.clock.nowMs();
    if (user.status === 'LOCKED_OUT') return lockedOut(ctx);
    if (!matches) {
      const failures = user.failed_passwords + 1;
      updateUser(ctx.db, user.id, { failed_passwords: failures, updated_ms: now });
      if (failures >= ctx.policy.maxFailedPasswords && CAN_SIGN_IN.has(user.status)) {
        setUserStatus(ctx.db, user.id, 'LOCKED_OUT', now);
        ctx.log.info('local-org.user-locked', { userId: user.id });
        return lockedOut(ctx);
      }
      return 'bad-credentials';
    }
    if (!CAN_SIGN_IN.has(user.status)) return 'bad-credentials';
    updateUser(ctx.db, user.id, { failed_passwords: 0, updated_ms: now });
    return startMfa(ctx, user, { multiOptionalFactorEnroll: input.multiOptionalFactorEnroll === true });
  });
  if (outcome === 'bad-credentials') throw new OktaFailure('E0000004');
  return outcome;
}
