/** Factor objects as the authn API embeds them (authn reference, "Factor object"; okta-authn.md §4–§5). */
import type { OrgContext } from '../org-context.ts';
import type { FactorRow } from '../store/factor-store.ts';
import { listFactors } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import type { Tx } from '../store/transaction-store.ts';
import { FACTOR_DRIVERS, driverOf } from '../factors/factor-registry.ts';
import { AUTHN, post } from './links.ts';

/** MFA_ENROLL catalogue: every offered factor with its `enroll` link and NOT_SETUP / ACTIVE status. */
export function enrollCatalogue(ctx: OrgContext, user: UserRow): Record<string, unknown>[] {
  const enrolled = listFactors(ctx.db, user.id).filter((factor) => factor.status === 'ACTIVE');
  return FACTOR_DRIVERS.map((driver) => {
    const active = enrolled.some((factor) => factor.factor_type === driver.factorType && factor.provider === driver.provider);
    return {
      factorType: driver.factorType,
      provider: driver.provider,
      vendorName: driver.vendorName,
      _links: { ...(driver.enrollLinks?.(ctx, user) ?? {}), enroll: post(ctx.url(), `${AUTHN}/factors`) },
      status: active ? 'ACTIVE' : 'NOT_SETUP',
      // Org policy: one possession factor is required, any of them; none is individually required.
      enrollment: 'OPTIONAL',
    };
  });
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

/** Remember-device policy block of MFA_REQUIRED / MFA_CHALLENGE; this org never remembers devices. */
export function rememberDevicePolicy(): Record<string, unknown> {
  return { allowRememberDevice: false, rememberDeviceLifetimeInMinutes: 0, rememberDeviceByDefault: false, factorsPolicyInfo: {} };
}
