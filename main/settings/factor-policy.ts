/**
 * The installer's allowed factors trim what the enrollment screen offers (issue #7: allowed factors by
 * machine policy). Verification is not trimmed: a technician who already has a factor must be able to use it.
 */
import type { FactorKind, TransactionView } from '../../preload/contract.ts';
import type { Result } from '../core/result.ts';

export function restrictFactors<T>(result: Result<T>, allowed: readonly FactorKind[] | undefined): Result<T> {
  if (!allowed || !result.ok) return result;
  const view = result.value as unknown as TransactionView;
  if (view.status !== 'MFA_ENROLL' || !view.factors) return result;
  return { ok: true, value: { ...view, factors: view.factors.filter((factor) => allowed.includes(factor.kind)) } as unknown as T };
}
