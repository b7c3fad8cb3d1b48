/**
 * Self-service recovery (authn reference "Recovery operations"): forgot password and unlock by
 * e-mail, the e-mailed recovery token, and the recovery question. Requests for unknown users get the
 * same RECOVERY_CHALLENGE answer as real ones (no enumeration). After the answer: PASSWORD →
 * PASSWORD_RESET; UNLOCK → the account is unlocked and the answer is `SUCCESS` with
 * `recoveryType: "UNLOCK"` and no sessionToken (the classic widget then says "Account unlocked" and
 * returns to sign-in).
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { redeemToken, storeToken } from '../store/token-store.ts';
import { createTx, endTx, saveTx, type RecoveryType } from '../store/transaction-store.ts';
import { findUserById, findUserByLogin, setUserStatus, updateUser } from '../store/user-store.ts';
import { clearUserFactorFailures } from '../store/factor-failure-store.ts';
import { alphanumericToken, opaqueToken } from '../security/secret-token.ts';
import { RecoveryAnswerBody, RecoveryRequestBody, RecoveryTokenBody } from './authn-schemas.ts';
import { commitStep, recordPasscodeFailure, requireStatus, requireTx } from './tx-guard.ts';
import { renderTx } from './transaction-view.ts';
import { userEmbed } from './user-view.ts';
import { checkRecoveryAnswer, hasRecoveryQuestion } from './recovery-answer.ts';
import { AUTHN } from './links.ts';

async function requestRecovery(ctx: OrgContext, username: string, recoveryType: 'PASSWORD' | 'UNLOCK'): Promise<void> {
  const user = findUserByLogin(ctx.db, username);
  const eligible = recoveryType === 'UNLOCK' ? user?.status === 'LOCKED_OUT' : user?.status === 'ACTIVE' || user?.status === 'LOCKED_OUT';
  if (!user || !eligible) return;
  const token = alphanumericToken(ctx.random, 20);
  const now = ctx.clock.nowMs();
  inTransaction(ctx.db, () => storeToken(ctx.db, token, 'recovery', user.id, now, ctx.policy.recoveryTokenLifetimeMs, { recoveryType }));
  const page = recoveryType === 'UNLOCK' ? 'user-unlock' : 'reset-password';
  await ctx.mailer.send({
    to: user.email,
    template: recoveryType === 'UNLOCK' ? 'unlock-recovery' : 'password-recovery',
    locale: user.locale,
    vars: {
      firstName: user.first_name,
      login: user.login,
      recoveryUrl: `${ctx.url()}/signin/${page}/${token}`,
      appLink: `witech-login://recovery?token=${token}`,
      expiresAt: iso(now + ctx.policy.recoveryTokenLifetimeMs),
    },
  });
}

function recoveryRequestRoute(ctx: OrgContext, path: string, recoveryType: 'PASSWORD' | 'UNLOCK'): Route {
  return {
    method: 'POST',
    path,
    handler: async ({ req, ip }) => {
      ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
      const body = parseWith(RecoveryRequestBody, await readJson(req));
      ctx.limiter.hit(`recovery:${body.username.trim().toLowerCase()}`, 5);
      await requestRecovery(ctx, body.username, recoveryType);
      return json({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType });
    },
  };
}

export function recoveryRoutes(ctx: OrgContext): Route[] {
  return [
    recoveryRequestRoute(ctx, `${AUTHN}/recovery/password`, 'PASSWORD'),
    recoveryRequestRoute(ctx, `${AUTHN}/recovery/unlock`, 'UNLOCK'),
    {
      method: 'POST',
      path: `${AUTHN}/recovery/token`,
      handler: async ({ req }) => {
        const body = parseWith(RecoveryTokenBody, await readJson(req));
        const result = inTransaction(ctx.db, () => {
          const now = ctx.clock.nowMs();
          const redemption = redeemToken(ctx.db, body.recoveryToken, 'recovery', now);
          const user = redemption.ok ? findUserById(ctx.db, redemption.token.user_id ?? '') : undefined;
          if (!redemption.ok || !user) throw new OktaFailure('E0000011');
          const recoveryType = (JSON.parse(redemption.token.data) as { recoveryType: RecoveryType }).recoveryType;
          const status = hasRecoveryQuestion(ctx, user) ? 'RECOVERY' : recoveryType === 'PASSWORD' ? 'PASSWORD_RESET' : 'RECOVERY';
          const tx = createTx(ctx.db, opaqueToken(ctx.random, '00'), user.id, status, { passcodeFailures: 0, recoveryType }, now);
          if (status === 'RECOVERY' && !hasRecoveryQuestion(ctx, user)) return unlockNow(ctx, tx.stateToken);
          return renderTx(ctx, tx, user);
        });
        return json(result);
      },
    },
    {
      method: 'POST',
      path: `${AUTHN}/recovery/answer`,
      handler: async ({ req }) => {
        const body = parseWith(RecoveryAnswerBody, await readJson(req));
        const live = requireTx(ctx, body.stateToken);
        requireStatus(live.tx, 'RECOVERY');
        if (!(await checkRecoveryAnswer(ctx, live.user, body.answer))) {
          recordPasscodeFailure(ctx, live.tx.stateToken);
          throw new OktaFailure('E0000087');
        }
        if (live.tx.data.recoveryType === 'UNLOCK') return json(inTransaction(ctx.db, () => unlockNow(ctx, live.tx.stateToken)));
        return json(
          commitStep(ctx, live, (tx, user) => {
            tx.status = 'PASSWORD_RESET';
            saveTx(ctx.db, tx, ctx.clock.nowMs());
            return renderTx(ctx, tx, user);
          }),
        );
      },
    },
  ];
}

/** Unlock at the end of an UNLOCK recovery (caller holds the write lock). */
function unlockNow(ctx: OrgContext, stateToken: string): Record<string, unknown> {
  const { tx, user } = requireTx(ctx, stateToken);
  const now = ctx.clock.nowMs();
  if (user.status === 'LOCKED_OUT') setUserStatus(ctx.db, user.id, 'ACTIVE', now);
  updateUser(ctx.db, user.id, { failed_passwords: 0 });
  clearUserFactorFailures(ctx.db, user.id);
  endTx(ctx.db, tx);
  return { status: 'SUCCESS', recoveryType: 'UNLOCK', _embedded: { user: userEmbed(user) } };
}
