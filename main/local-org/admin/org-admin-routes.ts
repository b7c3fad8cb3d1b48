/**
 * Org-level admin APIs (SSWS): YubiKey seed upload, as Okta's
 * `POST /api/v1/org/factors/yubikey_token/tokens` ({serialNumber, publicId, privateId, aesKey}), and
 * admin role assignment, as Okta's `POST /api/v1/users/{id}/roles` ({type}); a role lets a user into
 * the support console.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { updateUser } from '../store/user-store.ts';
import { listYubikeys } from '../store/yubikey-store.ts';
import { iso } from '../org-context.ts';
import { addYubikey, YubikeySeed } from './yubikey-admin.ts';
import { userFromPath } from './users-routes.ts';

export const ADMIN_ROLES = ['SUPER_ADMIN', 'HELP_DESK_ADMIN'] as const;
const RoleBody = z.looseObject({ type: z.enum(ADMIN_ROLES) });

export function orgAdminRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  const admin = (handler: Route['handler']): Route['handler'] => (rc) => {
    requireAdmin(rc);
    return handler(rc);
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/org/factors/yubikey_token/tokens',
      handler: admin(async (rc) => {
        const seed = parseWith(YubikeySeed, await readJson(rc.req));
        const key = addYubikey(ctx, seed);
        return json({ id: key.public_id, serialNumber: key.serial, status: 'UNASSIGNED', created: iso(key.created_ms) });
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/org/factors/yubikey_token/tokens',
      handler: admin(() =>
        json(listYubikeys(ctx.db).map((key) => ({ id: key.public_id, serialNumber: key.serial, status: key.user_id ? 'ASSIGNED' : 'UNASSIGNED', created: iso(key.created_ms) }))),
      ),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:uid/roles',
      handler: admin(async (rc) => {
        const user = userFromPath(ctx, rc);
        const { type } = parseWith(RoleBody, await readJson(rc.req));
        if (user.status !== 'ACTIVE') throw new OktaFailure('E0000038');
        inTransaction(ctx.db, () => updateUser(ctx.db, user.id, { role: type, updated_ms: ctx.clock.nowMs() }));
        return json({ id: `ra1${user.id.slice(3)}`, label: type, type, status: 'ACTIVE', assignmentType: 'USER' }, 201);
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/users/:uid/roles',
      handler: admin((rc) => {
        const user = userFromPath(ctx, rc);
        return json(user.role ? [{ id: `ra1${user.id.slice(3)}`, label: user.role, type: user.role, status: 'ACTIVE', assignmentType: 'USER' }] : []);
      }),
    },
  ];
}
