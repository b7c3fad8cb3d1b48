/**
 * The org's MFA rule: sign-in needs a possession factor (TOTP, Okta Verify, YubiKey, WebAuthn).
 * The security question is enrollable for Okta compatibility and serves password recovery, but is
 * not accepted as a second factor: a second thing the user knows would not be multi-factor.
 */
import type { OrgContext } from '../org-context.ts';
import { activeFactors, type FactorRow } from '../store/factor-store.ts';
import { driverOf } from '../factors/factor-registry.ts';

export function signInFactors(ctx: OrgContext, userId: string): FactorRow[] {
  return activeFactors(ctx.db, userId).filter((factor) => driverOf(factor).satisfiesMfa);
}

export function mfaSatisfied(ctx: OrgContext, userId: string): boolean {
  return signInFactors(ctx, userId).length > 0;
}
