/** Factor objects as the authn API embeds them (authn reference, "Factor object"; okta-authn.md §4–§5). */
import type { OrgContext } from '../org-context.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { listFactors } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import type { Tx } from '../store/transaction-store.ts';
import { FACTOR_DRIVERS, driverOf } from '../factors/factor-registry.ts';
import { AUTHN, post } from './links.ts';

/** How many of a kind a user may hold: one, or several for security keys (authenticators are per key). */
const MAX_OF_A_KIND = 1;
const MAX_SECURITY_KEYS = 10;

/**
 * MFA_ENROLL catalogue: every offered factor with its `enroll` link, NOT_SETUP / ACTIVE status,
 * `enrollment` and `policy.enrollment` (widget's MFA_ENROLL_allFactors.js). Org policy: one possession
 * factor, any of them. Classic's per-factor REQUIRED cannot say "any one of", so while none is active
 * the possession factors are REQUIRED (a client must not offer to skip) and, once one is, every pending
 * factor is OPTIONAL and the transaction carries `skip`.
 */
export function enrollCatalogue(ctx: OrgContext, user: UserRow): Record<string, unknown>[] {
  const enrolled = listFactors(ctx.db, user.id).filter((factor) => factor.status === 'ACTIVE');
  const requirementMet = enrolled.some((factor) => driverOf(factor).satisfiesMfa);
  return FACTOR_DRIVERS.map((driver) => {
    const count = enrolled.filter((factor) => factor.factor_type === driver.factorType && factor.provider === driver.provider).length;
    return {
      factorType: driver.factorType,
      provider: driver.provider,
      vendorName: driver.vendorName,
      _links: { ...(driver.enrollLinks?.(ctx, user) ?? {}), enroll: post(ctx.url(), `${AUTHN}/factors`) },
      status: count > 0 ? 'ACTIVE' : 'NOT_SETUP',
      enrollment: driver.satisfiesMfa && !requirementMet ? 'REQUIRED' : 'OPTIONAL',
      policy: { enrollment: { enrolled: count, minimum: 0, maximum: driver.multiple ? MAX_SECURITY_KEYS : MAX_OF_A_KIND } },
    };
  });
}

/** Okta publishes `skip` when every factor still to set up is optional. */
export function everyPendingOptional(catalogue: readonly Record<string, unknown>[]): boolean {
  return catalogue.every((factor) => factor.status !== 'NOT_SETUP' || factor.enrollment === 'OPTIONAL');
}

/** The fields every embedded enrolled factor carries (authn reference, "Factor object"). */
function factorHead(user: UserRow, factor: FactorRow): Record<string, unknown> {
  const driver = driverOf(factor);
  return { id: factor.id, factorType: factor.factor_type, provider: factor.provider, vendorName: driver.vendorName, profile: driver.profile(user, factor) };
}

/** MFA_REQUIRED list entry: id, profile and `verify` link. */
export function verifiableFactor(ctx: OrgContext, user: UserRow, factor: FactorRow): Record<string, unknown> {
  return { ...factorHead(user, factor), _links: { verify: post(ctx.url(), `${AUTHN}/factors/${factor.id}/verify`) } };
}

/** `_embedded.factor` in MFA_ENROLL_ACTIVATE, with the activation object. */
export function activatingFactor(ctx: OrgContext, tx: Tx, user: UserRow, factor: FactorRow): Record<string, unknown> {
  const activation = driverOf(factor).activation?.({ ctx, tx, user }, factor);
  return { ...factorHead(user, factor), ...(activation ? { _embedded: { activation } } : {}) };
}

/** `_embedded.factor` in MFA_CHALLENGE. */
export function challengedFactor(ctx: OrgContext, tx: Tx, user: UserRow, factor: FactorRow): Record<string, unknown> {
  const embed = driverOf(factor).challengeEmbed?.({ ctx, tx, user }, factor);
  return { ...factorHead(user, factor), ...(embed ? { _embedded: embed } : {}) };
}

/**
 * Remember-device policy block of MFA_REQUIRED / MFA_CHALLENGE; this org never remembers devices.
 * `factorsPolicyInfo` names each push factor (widget's mfa-required-oktaverify.json); auto-push is never on.
 */
export function rememberDevicePolicy(factors: readonly Pick<FactorRow, 'id' | 'factor_type'>[] = []): Record<string, unknown> {
  const factorsPolicyInfo = Object.fromEntries(factors.filter((f) => f.factor_type === 'push').map((f) => [f.id, { autoPushEnabled: false }]));
  return { allowRememberDevice: false, rememberDeviceLifetimeInMinutes: 0, rememberDeviceByDefault: false, factorsPolicyInfo };
}
