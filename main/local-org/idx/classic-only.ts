/**
 * Classic-only features. After an upgrade to Identity Engine Okta removes the security image: it can be
 * neither set nor shown (DD guides/oie-upgrade-sign-in-widget, okta-idx.md §6), so on an identity org
 * these routes answer as routes that do not exist.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { engineOf } from './engine.ts';

export function classicOnly(ctx: OrgContext, routes: readonly Route[]): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: (rc) => {
      if (engineOf(ctx.db) === 'identity') throw new OktaFailure('E0000007', [], {}, rc.url.pathname);
      return route.handler(rc);
    },
  }));
}

/** On an identity org a security image in a request is ignored, as the upgraded org's API does. */
export function securityImageAccepted(ctx: OrgContext): boolean {
  return engineOf(ctx.db) === 'classic';
}
