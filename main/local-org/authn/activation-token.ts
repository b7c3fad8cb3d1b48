/**
 * `POST /api/v1/authn {token}` with an activation token (authn reference, "Primary authentication
 * with activation token"). A user without a password goes to PASSWORD_RESET with recoveryType
 * ACCOUNT_ACTIVATION; a user created with a password is activated and goes on to MFA.
 *
 * Failure hint (local-org addition): Okta answers 401 E0000004 for every bad token, and so do we,
 * but `errorCauses[0]` also carries `reason`, one of
 *   - `ACTIVATION_TOKEN_USED`    the link was already redeemed (the account exists: sign in instead),
 *   - `ACTIVATION_TOKEN_EXPIRED` the link outlived its 7 days, or a newer e-mail replaced it
 *                                (support must resend the activation),
 *   - `ACTIVATION_TOKEN_INVALID` no such token was ever issued (mistyped or truncated link).
 * Clients read `errorCauses[0].reason`; Okta clients that ignore it see a normal E0000004. The hint
 * leaks nothing useful: a 20-character random token cannot be guessed to probe users.
 */
import type { OrgContext } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { redeemToken } from '../store/token-store.ts';
import { createTx } from '../store/transaction-store.ts';
import { findUserById, setUserStatus, updateUser } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { renderTx } from './transaction-view.ts';
import { startMfa } from './next-step.ts';

const REASONS = {
  used: { reason: 'ACTIVATION_TOKEN_USED', errorSummary: 'token: This activation link was already used.' },
  expired: { reason: 'ACTIVATION_TOKEN_EXPIRED', errorSummary: 'token: This activation link has expired.' },
  unknown: { reason: 'ACTIVATION_TOKEN_INVALID', errorSummary: 'token: This activation link is not valid.' },
} as const;

export function redeemActivationToken(ctx: OrgContext, token: string, options: { multiOptionalFactorEnroll: boolean } = { multiOptionalFactorEnroll: false }): Record<string, unknown> {
  return inTransaction(ctx.db, () => {
    const now = ctx.clock.nowMs();
    const redemption = redeemToken(ctx.db, token, 'activation', now);
    if (!redemption.ok) throw new OktaFailure('E0000004', [REASONS[redemption.reason]]);
    const user = findUserById(ctx.db, redemption.token.user_id ?? '');
    if (!user || !['PROVISIONED', 'STAGED', 'ACTIVE'].includes(user.status)) throw new OktaFailure('E0000004', [REASONS.used]);
    if (user.password_hash === null) {
      const tx = createTx(ctx.db, opaqueToken(ctx.random, '00'), user.id, 'PASSWORD_RESET', { passcodeFailures: 0, recoveryType: 'ACCOUNT_ACTIVATION', ...options }, now);
      return renderTx(ctx, tx, user);
    }
    // Created with a password: activation was already effective, the link just signs in to enroll MFA.
    if (user.status !== 'ACTIVE') {
      setUserStatus(ctx.db, user.id, 'ACTIVE', now);
      updateUser(ctx.db, user.id, { activated_ms: now });
    }
    return startMfa(ctx, { ...user, status: 'ACTIVE' }, options);
  });
}
