/** Every route of the local org, in one table. */
import type { OrgContext } from './org-context.ts';
import type { Route } from './http/router.ts';
import { ssws } from './admin/admin-auth.ts';
import { usersRoutes } from './admin/users-routes.ts';
import { factorsRoutes } from './admin/factors-routes.ts';
import { authnEntryRoutes } from './authn/authn-routes.ts';

export function allRoutes(ctx: OrgContext, adminToken: string): Route[] {
  const check = ssws(adminToken);
  const requireAdmin = (rc: { req: Parameters<typeof check>[0] }) => check(rc.req);
  return [...authnEntryRoutes(ctx), ...usersRoutes(ctx, requireAdmin), ...factorsRoutes(ctx, requireAdmin)];
}
