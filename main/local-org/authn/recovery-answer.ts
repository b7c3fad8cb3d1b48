/**
 * The recovery question: the user's `credentials.recovery_question` (set by the admin, or on the
 * welcome form at activation), else an enrolled `question` factor. Answers: trimmed, case-insensitive.
 */
import type { OrgContext } from '../org-context.ts';
import { activeFactors } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { verifySecret } from '../security/password-hash.ts';
import { normalizeAnswer } from '../factors/security-questions.ts';

function answerHashOf(ctx: OrgContext, user: UserRow): string | undefined {
  if (user.recovery_answer_hash) return user.recovery_answer_hash;
  return activeFactors(ctx.db, user.id).find((factor) => factor.factor_type === 'question')?.answer_hash ?? undefined;
}

export function hasRecoveryQuestion(ctx: OrgContext, user: UserRow): boolean {
  return answerHashOf(ctx, user) !== undefined;
}

export async function checkRecoveryAnswer(ctx: OrgContext, user: UserRow, answer: string): Promise<boolean> {
  const hash = answerHashOf(ctx, user);
  return hash !== undefined && verifySecret(normalizeAnswer(answer), hash);
}

/** The question to show in RECOVERY (`_embedded.user.recovery_question.question`). */
export function recoveryQuestionText(ctx: OrgContext, user: UserRow): string | undefined {
  if (user.recovery_answer_hash && user.recovery_question) return user.recovery_question;
  const factor = activeFactors(ctx.db, user.id).find((item) => item.factor_type === 'question');
  if (!factor) return undefined;
  const profile = JSON.parse(factor.profile) as { questionText?: string; question?: string };
  return profile.questionText ?? profile.question;
}
