/**
 * `question` / OKTA: enrolled with `profile {question, answer}` and active at once (no activation
 * step); verified with `{answer}` (authn reference §4.6). A knowledge factor: it does not satisfy
 * the org's MFA requirement on its own (org policy: a possession factor is required, per the seeds).
 */
import { z } from 'zod';
import type { FactorCall, FactorDriver } from './factor-driver.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { insertFactor } from '../store/factor-store.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { parseWith } from '../http/request-io.ts';
import { hashSecret, verifySecret } from '../security/password-hash.ts';
import { get } from '../authn/links.ts';
import { SECURITY_QUESTIONS, answerProblem, normalizeAnswer } from './security-questions.ts';
import { newFactorRow } from './new-factor.ts';

const EnrollBody = z.looseObject({
  profile: z.looseObject({ question: z.string().refine((q) => Object.hasOwn(SECURITY_QUESTIONS, q)), answer: z.string().max(256) }),
});
const VerifyBody = z.looseObject({ answer: z.string().max(256) });

/** How an answer is kept: hashed after the same normalizing the verify step applies. */
export function hashAnswer(ctx: FactorCall['ctx'], answer: string): Promise<string> {
  return hashSecret(normalizeAnswer(answer), ctx.policy.scrypt);
}

/** The user's security question factor, ACTIVE. Both engines enroll through here (IDX: idx/idx-routes.ts). */
export function questionFactorRow(ctx: FactorCall['ctx'], userId: string, question: string, answerHash: string): FactorRow {
  return newFactorRow(ctx, userId, { kind: 'question', type: 'question', provider: 'OKTA', status: 'ACTIVE', profile: { question, questionText: SECURITY_QUESTIONS[question] }, answerHash });
}

export const questionDriver: FactorDriver = {
  factorType: 'question',
  provider: 'OKTA',
  vendorName: 'OKTA',
  idKind: 'question',
  satisfiesMfa: false,
  async enroll({ ctx, user, body }) {
    const { profile } = parseWith(EnrollBody, body);
    const problem = answerProblem(profile.question, profile.answer);
    if (problem) throw new OktaFailure('E0000001', [{ errorSummary: problem }], {}, 'answer');
    const factor = questionFactorRow(ctx, user.id, profile.question, await hashAnswer(ctx, profile.answer));
    insertFactor(ctx.db, factor);
    return factor;
  },
  async verify({ body }, factor) {
    const { answer } = parseWith(VerifyBody, body);
    if (!factor.answer_hash || !(await verifySecret(normalizeAnswer(answer), factor.answer_hash))) {
      throw new OktaFailure('E0000068', [{ errorSummary: "Your answer doesn't match our records. Please try again." }]);
    }
    return { kind: 'passed' };
  },
  profile(_user, factor) {
    return JSON.parse(factor.profile) as Record<string, unknown>;
  },
  enrollLinks(ctx, user) {
    return { questions: get(ctx.url(), `/api/v1/users/${user.id}/factors/questions`) };
  },
};
