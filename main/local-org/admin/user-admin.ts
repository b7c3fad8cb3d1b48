/**
 * What an Okta admin does to users, shared by the Users API, the support console and the CLI:
 * create (STAGED / PROVISIONED / ACTIVE per Okta's table, okta-authn.md §8), activate with an
 * activation e-mail, reset factors (with the seeds' notification e-mail), unlock.
 */
import { engineOf } from '../idx/engine.ts';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { deleteAllFactors } from '../store/factor-store.ts';
import { revokeUserTokens, storeToken } from '../store/token-store.ts';
import { endUserTxs } from '../store/transaction-store.ts';
import { findUserById, findUserByLogin, insertUser, setUserStatus, updateUser, type UserRow } from '../store/user-store.ts';
import { clearUserFactorFailures } from '../store/factor-failure-store.ts';
import { hashSecret } from '../security/password-hash.ts';
import { newId } from '../security/okta-ids.ts';
import { alphanumericToken } from '../security/secret-token.ts';
import { passwordProblems } from '../security/password-policy.ts';
import { answerProblem, normalizeAnswer } from '../factors/security-questions.ts';

export interface NewUser {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly login: string;
  readonly locale: string;
  readonly password?: string | undefined;
  readonly recoveryQuestion?: { readonly question: string; readonly answer: string } | undefined;
}

export interface Activation {
  readonly activationToken: string;
  readonly activationUrl: string;
  /** `witech-login://activate?token=…`: opens Garage Sign-In directly on the activation screen. */
  readonly appLink: string;
}

/**
 * Identity Engine's activation e-mails link to `/tokens/{token}/verify`, Classic's to `/welcome/{token}`
 * (okta-idx.md §1, DD guides/oie-embedded-sdk-use-case-new-user-activation); the org's engine picks.
 */
export function activationLinks(ctx: OrgContext, token: string): Activation {
  const page = engineOf(ctx.db) === 'identity' ? `/tokens/${token}/verify` : `/welcome/${token}`;
  return { activationToken: token, activationUrl: `${ctx.url()}${page}`, appLink: `witech-login://activate?token=${encodeURIComponent(token)}` };
}

export async function createUser(ctx: OrgContext, input: NewUser, activate: boolean, sendEmail = true): Promise<{ user: UserRow; activation?: Activation }> {
  if (input.password !== undefined && passwordProblems(input.password, input.login).length > 0) {
    throw new OktaFailure('E0000001', [{ errorSummary: 'password: Password requirements were not met.' }], {}, 'password');
  }
  const question = input.recoveryQuestion;
  const questionProblem = question ? answerProblem(question.question, question.answer) : undefined;
  if (questionProblem) throw new OktaFailure('E0000001', [{ errorSummary: questionProblem }], {}, 'answer');
  const passwordHash = input.password === undefined ? null : await hashSecret(input.password, ctx.policy.scrypt);
  const answerHash = question ? await hashSecret(normalizeAnswer(question.answer), ctx.policy.scrypt) : null;
  const now = ctx.clock.nowMs();
  const user = inTransaction(ctx.db, () => {
    if (findUserByLogin(ctx.db, input.login)) {
      throw new OktaFailure('E0000001', [{ errorSummary: 'login: An object with this field already exists in the current organization' }], {}, 'login');
    }
    const row: UserRow = {
      id: newId(ctx.random, 'user'), login: input.login.trim(), email: input.email.trim(), first_name: input.firstName, last_name: input.lastName,
      locale: input.locale, status: 'STAGED', password_hash: passwordHash, password_changed_ms: passwordHash ? now : null, security_image: null,
      recovery_question: question?.question ?? null, recovery_answer_hash: answerHash, failed_passwords: 0, created_ms: now, activated_ms: null,
      status_changed_ms: now, last_login_ms: null, updated_ms: now,
    };
    insertUser(ctx.db, row);
    return row;
  });
  if (!activate) return { user };
  return activateUser(ctx, user, sendEmail);
}

/**
 * `/lifecycle/activate` (and `/reactivate`): a user with a password becomes ACTIVE; one without becomes
 * PROVISIONED and must finish the welcome flow with the activation token. A new token supersedes any older one.
 */
export async function activateUser(ctx: OrgContext, user: UserRow, sendEmail: boolean): Promise<{ user: UserRow; activation: Activation }> {
  const token = alphanumericToken(ctx.random, 20);
  const now = ctx.clock.nowMs();
  const updated = inTransaction(ctx.db, () => {
    user = findUserById(ctx.db, user.id) ?? user;
    if (user.status !== 'STAGED' && user.status !== 'PROVISIONED' && user.status !== 'DEPROVISIONED') throw new OktaFailure('E0000038');
    revokeUserTokens(ctx.db, user.id, 'activation', now);
    storeToken(ctx.db, token, 'activation', user.id, now, ctx.policy.activationTokenLifetimeMs);
    const status = user.password_hash ? 'ACTIVE' : 'PROVISIONED';
    setUserStatus(ctx.db, user.id, status, now);
    if (status === 'ACTIVE') updateUser(ctx.db, user.id, { activated_ms: now });
    return { ...user, status, status_changed_ms: now } satisfies UserRow;
  });
  const activation = activationLinks(ctx, token);
  if (sendEmail) {
    await ctx.mailer.send({
      to: user.email,
      template: 'activation',
      locale: user.locale,
      vars: { firstName: user.first_name, login: user.login, activationUrl: activation.activationUrl, appLink: activation.appLink, expiresAt: iso(now + ctx.policy.activationTokenLifetimeMs) },
    });
  }
  return { user: updated, activation };
}

/** Okta reset_factors: every enrollment removed, status unchanged; in-flight transactions end. */
export async function resetFactors(ctx: OrgContext, user: UserRow, notify = true): Promise<number> {
  const removed = inTransaction(ctx.db, () => {
    const count = deleteAllFactors(ctx.db, user.id);
    endUserTxs(ctx.db, user.id);
    updateUser(ctx.db, user.id, { updated_ms: ctx.clock.nowMs() });
    return count;
  });
  if (notify) {
    await ctx.mailer.send({ to: user.email, template: 'factors-reset', locale: user.locale, vars: { firstName: user.first_name, login: user.login, orgUrl: ctx.url() } });
  }
  return removed;
}

/** Okta unlock: LOCKED_OUT → ACTIVE with the current password; password and second-factor failure counts cleared. */
export async function unlockUser(ctx: OrgContext, user: UserRow, notify = false): Promise<void> {
  inTransaction(ctx.db, () => {
    if (findUserById(ctx.db, user.id)?.status !== 'LOCKED_OUT') throw new OktaFailure('E0000038');
    setUserStatus(ctx.db, user.id, 'ACTIVE', ctx.clock.nowMs());
    updateUser(ctx.db, user.id, { failed_passwords: 0 });
    clearUserFactorFailures(ctx.db, user.id);
  });
  if (notify) await ctx.mailer.send({ to: user.email, template: 'account-unlocked', locale: user.locale, vars: { firstName: user.first_name, login: user.login } });
}
