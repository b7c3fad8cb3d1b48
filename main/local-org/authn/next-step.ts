/**
 * Where a transaction goes once a step is proven. Org sign-on policy (from the seed articles: MFA is
 * required for every wiTECH sign-in): a password alone never yields SUCCESS; a user without an
 * active possession factor must enroll one (MFA_ENROLL), a user with one must verify it
 * (MFA_REQUIRED). "Users are challenged for MFA before PASSWORD_EXPIRED if they have an active
 * Factor enrollment" (authn reference) — this org has no password expiry, so that case never arises.
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { storeToken } from '../store/token-store.ts';
import { createTx, endTx, saveTx, type Tx, type TxData } from '../store/transaction-store.ts';
import { updateUser, type UserRow } from '../store/user-store.ts';
import { mfaSatisfied } from './mfa-policy.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { userEmbed } from './user-view.ts';
import { renderTx } from './transaction-view.ts';

/** After the password (or an activation token for a user with a password): MFA_REQUIRED or MFA_ENROLL. */
export function startMfa(ctx: OrgContext, user: UserRow, options: Pick<TxData, 'multiOptionalFactorEnroll'>): Record<string, unknown> {
  const stateToken = opaqueToken(ctx.random, '00');
  const status = mfaSatisfied(ctx, user.id) ? 'MFA_REQUIRED' : 'MFA_ENROLL';
  const tx = createTx(ctx.db, stateToken, user.id, status, { passcodeFailures: 0, ...options }, ctx.clock.nowMs());
  return renderTx(ctx, tx, user);
}

/** A transaction moves on after a factor was enrolled/activated/verified, or a password was reset. */
export function advance(ctx: OrgContext, tx: Tx, user: UserRow, amr: readonly string[]): Record<string, unknown> {
  const enrolling = tx.status === 'MFA_ENROLL' || tx.status === 'MFA_ENROLL_ACTIVATE';
  const proven = tx.status === 'MFA_REQUIRED' || tx.status === 'MFA_CHALLENGE' || (enrolling && mfaSatisfied(ctx, user.id));
  if (proven && !(enrolling && tx.data.multiOptionalFactorEnroll)) return succeed(ctx, tx, user, amr);
  // Still enrolling: back to the catalogue (the `skip` link appears once the requirement is met).
  tx.status = mfaSatisfied(ctx, user.id) && !enrolling ? 'MFA_REQUIRED' : 'MFA_ENROLL';
  delete tx.data.factorId;
  delete tx.data.challenge;
  delete tx.data.recoveryType;
  saveTx(ctx.db, tx, ctx.clock.nowMs());
  return renderTx(ctx, tx, user);
}

/** SUCCESS with a one-time sessionToken (5-minute lifetime, authn reference "Session token"). */
export function succeed(ctx: OrgContext, tx: Tx | undefined, user: UserRow, amr: readonly string[]): Record<string, unknown> {
  const now = ctx.clock.nowMs();
  if (tx) endTx(ctx.db, tx);
  const sessionToken = opaqueToken(ctx.random, '20111');
  storeToken(ctx.db, sessionToken, 'session', user.id, now, ctx.policy.sessionTokenLifetimeMs, { amr });
  updateUser(ctx.db, user.id, { last_login_ms: now, failed_passwords: 0, updated_ms: now });
  return {
    expiresAt: iso(now + ctx.policy.sessionTokenLifetimeMs),
    status: 'SUCCESS',
    sessionToken,
    _embedded: { user: userEmbed(user) },
  };
}
