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

/** Statuses in which a correct password starts a transaction. */
const CAN_SIGN_IN = new Set(['ACTIVE']);

/** The outcome of a password check, shared by Authn's primary authentication and IDX's identify. */
export type PasswordCheck = { readonly kind: 'ok'; readonly user: UserRow } | { readonly kind: 'locked' } | { readonly kind: 'bad' };

/**
 * Checks a password with the org's lockout rule: the failure count is committed (a bad password is a
 * return value, not a throw, which would roll it back) and the Nth consecutive failure locks the user.
 * Unknown users cost the same scrypt work. `onOk` runs inside the same write transaction.
 */
export async function checkPassword<T>(
  ctx: OrgContext,
  username: string,
  password: string,
  onOk: (user: UserRow) => T,
): Promise<{ readonly kind: 'ok'; readonly result: T } | { readonly kind: 'locked' } | { readonly kind: 'bad' }> {
  const found: UserRow | undefined = findUserByLogin(ctx.db, username);
  if (!found || found.password_hash === null) {
    await burnVerification(password, ctx.policy.scrypt);
    return { kind: 'bad' };
  }
  const matches = await verifySecret(password, found.password_hash);
  return inTransaction(ctx.db, () => {
    // Re-read under the write lock: another request may have counted a failure or locked meanwhile.
    const user = findUserById(ctx.db, found.id);
    if (!user) return { kind: 'bad' } as const;
    const now = ctx.clock.nowMs();
    if (user.status === 'LOCKED_OUT') return { kind: 'locked' } as const;
    if (!matches) {
      const failures = user.failed_passwords + 1;
      updateUser(ctx.db, user.id, { failed_passwords: failures, updated_ms: now });
      if (failures >= ctx.policy.maxFailedPasswords && CAN_SIGN_IN.has(user.status)) {
        setUserStatus(ctx.db, user.id, 'LOCKED_OUT', now);
        ctx.log.info('local-org.user-locked', { userId: user.id });
        return { kind: 'locked' } as const;
      }
      return { kind: 'bad' } as const;
    }
    if (!CAN_SIGN_IN.has(user.status)) return { kind: 'bad' } as const;
    updateUser(ctx.db, user.id, { failed_passwords: 0, updated_ms: now });
    return { kind: 'ok', result: onOk({ ...user, failed_passwords: 0 }) } as const;
  });
}

export async function primaryAuth(
  ctx: OrgContext,
  input: { username: string; password: string; multiOptionalFactorEnroll?: boolean | undefined },
): Promise<Record<string, unknown>> {
  const outcome = await checkPassword(ctx, input.username, input.password, (user) =>
    startMfa(ctx, user, { multiOptionalFactorEnroll: input.multiOptionalFactorEnroll === true }),
  );
  if (outcome.kind === 'locked') return lockedOut(ctx);
  if (outcome.kind === 'bad') throw new OktaFailure('E0000004');
  return outcome.result;
}
