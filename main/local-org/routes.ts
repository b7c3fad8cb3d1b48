/** Every route of the local org, in one table. */
import type { OrgContext } from './org-context.ts';
import type { Route, RouteContext } from './http/router.ts';
import { createCsrf } from './http/csrf.ts';
import { ssws } from './admin/admin-auth.ts';
import { usersRoutes } from './admin/users-routes.ts';
import { factorsRoutes } from './admin/factors-routes.ts';
import { orgAdminRoutes } from './admin/org-admin-routes.ts';
import { trustedOriginsRoutes } from './admin/trusted-origins-routes.ts';
import { authnEntryRoutes } from './authn/authn-routes.ts';
import { passwordRoutes } from './authn/password-routes.ts';
import { factorRoutes } from './authn/factor-routes.ts';
import { pushRoutes } from './authn/push-routes.ts';
import { navigationRoutes } from './authn/navigation-routes.ts';
import { recoveryRoutes } from './authn/recovery-routes.ts';
import { getImageRoutes } from './login/getimage-route.ts';
import { sessionRoutes } from './login/session-routes.ts';
import { pageRoutes } from './login/pages.ts';
import { deviceRoutes } from './login/device-page.ts';
import { supportRoutes } from './support/support-routes.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { engineRoutes } from './idx/engine-routes.ts';
import { classicOnly } from './idx/classic-only.ts';
import { oauthRoutes } from './oauth/oauth-routes.ts';
import { appsRoutes } from './oauth/apps-routes.ts';
import { idxRoutes } from './idx/idx-routes.ts';
import { authnIntrospectRoutes } from './authn/introspect-route.ts';
import { isAuthnPath } from './call-counter.ts';

export function allRoutes(ctx: OrgContext, adminToken: string, imagesDir: string): Route[] {
  const check = ssws(adminToken);
  const requireAdmin = (rc: RouteContext) => check(rc.req);
  const csrf = createCsrf(ctx.url);
  return countAuthnCalls(ctx, [
    ...authnEntryRoutes(ctx),
    ...passwordRoutes(ctx),
    ...factorRoutes(ctx),
    ...pushRoutes(ctx),
    ...navigationRoutes(ctx),
    ...recoveryRoutes(ctx),
    ...usersRoutes(ctx, requireAdmin),
    ...factorsRoutes(ctx, requireAdmin),
    ...orgAdminRoutes(ctx, requireAdmin),
    ...trustedOriginsRoutes(ctx, requireAdmin),
    ...classicOnly(ctx, getImageRoutes(ctx, imagesDir)),
    ...sessionRoutes(ctx),
    ...pageRoutes(ctx),
    ...deviceRoutes(ctx, csrf),
    ...supportRoutes(ctx),
    ...consoleRoutes(ctx, csrf),
    ...engineRoutes(ctx, requireAdmin),
    ...oauthRoutes(ctx),
    ...appsRoutes(ctx, requireAdmin),
    ...idxRoutes(ctx),
    ...authnIntrospectRoutes(ctx),
  ]);
}

/** Every call an Authn route is given is counted (module API `org.calls()`); IDX steps count themselves, by client. */
function countAuthnCalls(ctx: OrgContext, routes: Route[]): Route[] {
  return routes.map((route) =>
    isAuthnPath(route.path)
      ? {
          ...route,
          handler: (rc: RouteContext) => {
            ctx.calls.authn();
            return route.handler(rc);
          },
        }
      : route,
  );
}
