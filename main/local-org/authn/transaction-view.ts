/**
 * Renders a live transaction as Okta's transaction object: `stateToken`, `expiresAt`, `status`,
 * `_embedded` and `_links` per status (authn reference, "Transaction state"; samples in
 * okta-authn.md §10). Clients follow the links, so every status publishes the ones Okta does.
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { findFactor } from '../store/factor-store.ts';
import type { Tx } from '../store/transaction-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { driverOf } from '../factors/factor-registry.ts';
import { passwordPolicyEmbed } from '../security/password-policy.ts';
import { activatingFactor, challengedFactor, enrollCatalogue, everyPendingOptional, rememberDevicePolicy, verifiableFactor } from './factor-json.ts';
import { AUTHN, post, type HalLink } from './links.ts';
import { userEmbed } from './user-view.ts';
import { recoveryQuestionText } from './recovery-answer.ts';
import { mfaSatisfied, signInFactors } from './mfa-policy.ts';

export function renderTx(ctx: OrgContext, tx: Tx, user: UserRow, result?: string): Record<string, unknown> {
  const factorResult = result ?? tx.data.factorResult;
  const base = ctx.url();
  const cancel = post(base, `${AUTHN}/cancel`);
  const links: Record<string, HalLink | HalLink[]> = {};
  let embedded: Record<string, unknown> = { user: userEmbed(user) };
  const head: Record<string, unknown> = { stateToken: tx.stateToken, expiresAt: iso(tx.expiresMs), status: tx.status };
  if (tx.data.recoveryType) head.recoveryType = tx.data.recoveryType;
  const factor = tx.data.factorId ? findFactor(ctx.db, user.id, tx.data.factorId) : undefined;

  switch (tx.status) {
    case 'PASSWORD_RESET':
      embedded = { ...embedded, policy: passwordPolicyEmbed() };
      links.next = post(base, `${AUTHN}/credentials/reset_password`, tx.data.recoveryType === 'ACCOUNT_ACTIVATION' ? 'resetPassword' : 'password');
      break;
    case 'RECOVERY':
      embedded = { user: { ...userEmbed(user), recovery_question: { question: recoveryQuestionText(ctx, user) ?? '' } } };
      links.next = post(base, `${AUTHN}/recovery/answer`, 'answer');
      break;
    case 'RECOVERY_CHALLENGE':
      break;
    case 'MFA_ENROLL':
    {
      const catalogue = enrollCatalogue(ctx, user);
      embedded = { ...embedded, factors: catalogue };
      // `skip` when every factor still to set up is optional (the MFA requirement is met).
      if (everyPendingOptional(catalogue) && mfaSatisfied(ctx, user.id)) links.skip = post(base, `${AUTHN}/skip`, 'skip');
      break;
    }
    case 'MFA_ENROLL_ACTIVATE':
      if (factor) {
        embedded = { ...embedded, factor: activatingFactor(ctx, tx, user, factor) };
        const name = driverOf(factor).activateLinkName ?? 'activate';
        const path = name === 'poll' ? `${AUTHN}/factors/${factor.id}/lifecycle/activate/poll` : `${AUTHN}/factors/${factor.id}/lifecycle/activate`;
        links.next = factorResult === 'TIMEOUT' ? post(base, `${AUTHN}/factors/${factor.id}/lifecycle/activate`, 'activate') : post(base, path, name);
      }
      links.prev = post(base, `${AUTHN}/previous`, 'prev');
      break;
    case 'MFA_REQUIRED':
      embedded = {
        ...embedded,
        factors: signInFactors(ctx, user.id).map((item) => verifiableFactor(ctx, user, item)),
        policy: rememberDevicePolicy(signInFactors(ctx, user.id)),
      };
      break;
    case 'MFA_CHALLENGE':
      if (factor) {
        embedded = { ...embedded, factor: challengedFactor(ctx, tx, user, factor), policy: rememberDevicePolicy(signInFactors(ctx, user.id)) };
        const waiting = factorResult === 'WAITING';
        links.next = post(base, `${AUTHN}/factors/${factor.id}/verify`, waiting ? 'poll' : 'verify');
        if (factor.factor_type === 'push') links.resend = [post(base, `${AUTHN}/factors/${factor.id}/verify/resend`, 'push')];
      }
      links.prev = post(base, `${AUTHN}/previous`, 'prev');
      break;
  }
  links.cancel = cancel;
  return { ...head, ...(factorResult ? { factorResult } : {}), _embedded: embedded, _links: links };
}
