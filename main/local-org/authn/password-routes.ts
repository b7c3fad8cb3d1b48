/**
 * `POST /api/v1/authn/credentials/reset_password` (PASSWORD_RESET only): sets the new password under
 * the org policy (403 E0000080 otherwise). For ACCOUNT_ACTIVATION it also takes the welcome form's
 * security question and security image (local-org addition, see authn-schemas.ts) and activates the
 * user; for password recovery it also unlocks. Then MFA follows (the seeds: MFA set-up comes next).
 */
import { securityImageAccepted } from '../idx/classic-only.ts';
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { updateUser, type UserPatch } from '../store/user-store.ts';
import { hashSecret } from '../security/password-hash.ts';
import { assertPasswordAcceptable } from '../security/password-policy.ts';
import { answerProblem, normalizeAnswer } from '../factors/security-questions.ts';
import { isSecurityImageId } from '../login/security-images.ts';
import { ResetPasswordBody } from './authn-schemas.ts';
import { commitStep, requireStatus, requireTx } from './tx-guard.ts';
import { advance } from './next-step.ts';
import { AUTHN } from './links.ts';

export function passwordRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: `${AUTHN}/credentials/reset_password`,
      handler: async ({ req }) => {
        const body = parseWith(ResetPasswordBody, await readJson(req));
        const live = requireTx(ctx, body.stateToken);
        requireStatus(live.tx, 'PASSWORD_RESET');
        assertPasswordAcceptable(body.newPassword, live.user.login);
        const question = body.recoveryQuestion;
        const problem = question ? answerProblem(question.question, question.answer) : undefined;
        if (problem) throw new OktaFailure('E0000001', [{ errorSummary: problem }], {}, 'recoveryQuestion');
        if (body.securityImage !== undefined && !isSecurityImageId(body.securityImage)) {
          throw new OktaFailure('E0000001', [{ errorSummary: 'securityImage: unknown image' }], {}, 'securityImage');
        }
        const passwordHash = await hashSecret(body.newPassword, ctx.policy.scrypt);
        const answerHash = question ? await hashSecret(normalizeAnswer(question.answer), ctx.policy.scrypt) : undefined;
        const result = commitStep(ctx, live, (tx, user) => {
          const now = ctx.clock.nowMs();
          const patch: UserPatch = {
            password_hash: passwordHash,
            password_changed_ms: now,
            failed_passwords: 0,
            status: 'ACTIVE',
            status_changed_ms: user.status === 'ACTIVE' ? user.status_changed_ms : now,
            updated_ms: now,
            ...(tx.data.recoveryType === 'ACCOUNT_ACTIVATION' ? { activated_ms: now } : {}),
            ...(question && answerHash ? { recovery_question: question.question, recovery_answer_hash: answerHash } : {}),
            ...(body.securityImage !== undefined && securityImageAccepted(ctx) ? { security_image: body.securityImage } : {}),
          };
          updateUser(ctx.db, user.id, patch);
          if (body.revokeSessions) ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
          return advance(ctx, tx, { ...user, ...patch }, ['pwd']);
        });
        return json(result);
      },
    },
  ];
}
