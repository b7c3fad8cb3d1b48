/** The Users API's User object and Factor object (legacy Users API reference; okta-authn.md §8). */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { FactorRow } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { driverOf } from '../factors/factor-registry.ts';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function userJson(ctx: OrgContext, user: UserRow): Record<string, unknown> {
  const self = `${ctx.url()}/api/v1/users/${user.id}`;
  return {
    id: user.id,
    status: user.status,
    created: iso(user.created_ms),
    activated: isoOrNull(user.activated_ms),
    statusChanged: isoOrNull(user.status_changed_ms),
    lastLogin: isoOrNull(user.last_login_ms),
    lastUpdated: iso(user.updated_ms),
    passwordChanged: isoOrNull(user.password_changed_ms),
    profile: { firstName: user.first_name, lastName: user.last_name, email: user.email, login: user.login, locale: user.locale },
    credentials: {
      ...(user.password_hash ? { password: {} } : {}),
      ...(user.recovery_question ? { recovery_question: { question: user.recovery_question } } : {}),
      provider: { type: 'OKTA', name: 'OKTA' },
    },
    _links: {
      self: { href: self },
      ...(user.status === 'STAGED' ? { activate: { href: `${self}/lifecycle/activate`, method: 'POST' } } : {}),
      ...(user.status === 'LOCKED_OUT' ? { unlock: { href: `${self}/lifecycle/unlock`, method: 'POST' } } : {}),
      resetFactors: { href: `${self}/lifecycle/reset_factors`, method: 'POST' },
    },
  };
}

export function factorJson(ctx: OrgContext, user: UserRow, factor: FactorRow, activation?: Record<string, unknown>): Record<string, unknown> {
  const driver = driverOf(factor);
  const self = `${ctx.url()}/api/v1/users/${user.id}/factors/${factor.id}`;
  return {
    id: factor.id,
    factorType: factor.factor_type,
    provider: factor.provider,
    vendorName: driver.vendorName,
    status: factor.status,
    created: iso(factor.created_ms),
    lastUpdated: iso(factor.updated_ms),
    profile: driver.profile(user, factor),
    _links: {
      self: { href: self },
      user: { href: `${ctx.url()}/api/v1/users/${user.id}` },
      ...(factor.status === 'PENDING_ACTIVATION' ? { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } } } : {}),
    },
    ...(activation ? { _embedded: { activation } } : {}),
  };
}
