/**
 * The console's two sign-in steps over the org's own authn code: primary authentication (lockout,
 * rate limits and timing equalisation included) and a passcode factor (TOTP or YubiKey, replay
 * guard included). Only ACTIVE users with an admin role and an enrolled factor get through; every
 * refusal gives the same message so the form does not reveal which condition failed. Both steps are
 * rate-limited per IP and per user here, where the secret is checked (primaryAuth adds the per-user
 * password limit every caller shares), and bad codes count toward the factor's lockout.
 */
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { type FactorRow } from '../store/factor-store.ts';
import { findUserById } from '../store/user-store.ts';
import { userLimitKey } from '../authn/primary-auth.ts';
import { driverOf } from '../factors/factor-registry.ts';
import { primaryAuth } from '../authn/primary-auth.ts';
import { requireTx } from '../authn/tx-guard.ts';
import { conclude, guarded } from '../authn/factor-routes.ts';
import { signInFactors } from '../authn/mfa-policy.ts';
import type { PendingLogin } from './admin-session.ts';

const REFUSED = 'signIn.refused';
const TOO_MANY = 'signIn.tooMany';

/** `message` is a key of the console's catalog: the page words it in the reader's language. */
export type ConsoleRefusal = { ok: false; message: typeof REFUSED | typeof TOO_MANY; status: 401 | 429 };
const refused = (error?: unknown): ConsoleRefusal =>
  error instanceof OktaFailure && error.code === 'E0000047' ? { ok: false, message: TOO_MANY, status: 429 } : { ok: false, message: REFUSED, status: 401 };

export function passcodeFactors(ctx: OrgContext, userId: string): FactorRow[] {
  return signInFactors(ctx, userId).filter((f) => f.factor_type === 'token:software:totp' || f.factor_type === 'token:hardware');
}

export async function adminSignIn(ctx: OrgContext, ip: string, username: string, password: string): Promise<{ ok: true; pending: Omit<PendingLogin, 'expiresMs'> } | ConsoleRefusal> {
  try {
    ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
    const tx = await primaryAuth(ctx, { username, password });
    const user = findUserById(ctx.db, String((tx._embedded as { user?: { id?: string } } | undefined)?.user?.id ?? ''));
    if (tx.status !== 'MFA_REQUIRED' || !user?.role || passcodeFactors(ctx, user.id).length === 0) return refused();
    return { ok: true, pending: { stateToken: String(tx.stateToken), userId: user.id } };
  } catch (error: unknown) {
    if (error instanceof OktaFailure) return refused(error);
    throw error;
  }
}

export async function adminVerify(ctx: OrgContext, ip: string, pending: PendingLogin, factorId: string, passCode: string): Promise<{ ok: true; login: string } | ConsoleRefusal> {
  try {
    ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
    const owner = findUserById(ctx.db, pending.userId);
    if (owner) ctx.limiter.hit(userLimitKey(owner.login), ctx.policy.userPerMinute);
    const live = requireTx(ctx, pending.stateToken);
    const factor = passcodeFactors(ctx, live.user.id).find((f) => f.id === factorId);
    if (!factor || live.tx.status !== 'MFA_REQUIRED') return refused();
    const outcome = await guarded(ctx, live, () => driverOf(factor).verify({ ctx, tx: live.tx, user: live.user, body: { passCode } }, factor), factor);
    const result = conclude(ctx, live, outcome, 'MFA_CHALLENGE', factor);
    return result.status === 'SUCCESS' ? { ok: true, login: live.user.login } : refused();
  } catch (error: unknown) {
    if (error instanceof OktaFailure) return refused(error);
    throw error;
  }
}
