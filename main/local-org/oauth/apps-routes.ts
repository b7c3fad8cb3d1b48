/**
 * Okta's Apps API subset for OpenID Connect apps (SSWS): `POST|GET /api/v1/apps`,
 * `GET /api/v1/apps/{id}`, and the Native-to-Web SSO allow-list
 * `POST|GET /api/v1/apps/{targetAppId}/interclient-allowed-apps` (`{id: originAppId}`, at most 50).
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { allowInterclient, findApp, interclientOrigins, listApps, type AppRow } from './app-store.ts';
import { appJson, createApp, CreateAppBody } from './app-admin.ts';

const AllowBody = z.looseObject({ id: z.string().min(1).max(100) });
export const MAX_INTERCLIENT_ORIGINS = 50;

function appFromPath(ctx: OrgContext, rc: RouteContext): AppRow {
  const id = rc.params.appId ?? '';
  const app = findApp(ctx.db, id);
  if (!app) throw new OktaFailure('E0000007', [], {}, `${id} (AppInstance)`);
  return app;
}

export function appsRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  const admin = (handler: Route['handler']): Route['handler'] => (rc) => {
    requireAdmin(rc);
    return handler(rc);
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/apps',
      handler: admin(async ({ req }) => {
        const created = createApp(ctx, parseWith(CreateAppBody, await readJson(req)));
        return json(appJson(ctx, created.app, created.clientSecret));
      }),
    },
    { method: 'GET', path: '/api/v1/apps', handler: admin(() => json(listApps(ctx.db).map((app) => appJson(ctx, app)))) },
    { method: 'GET', path: '/api/v1/apps/:appId', handler: admin((rc) => json(appJson(ctx, appFromPath(ctx, rc)))) },
    {
      method: 'POST',
      path: '/api/v1/apps/:appId/interclient-allowed-apps',
      handler: admin(async (rc) => {
        const target = appFromPath(ctx, rc);
        const { id } = parseWith(AllowBody, await readJson(rc.req));
        const origin = findApp(ctx.db, id);
        if (!origin) throw new OktaFailure('E0000007', [], {}, `${id} (AppInstance)`);
        inTransaction(ctx.db, () => {
          const known = interclientOrigins(ctx.db, target.id);
          if (!known.includes(origin.id) && known.length >= MAX_INTERCLIENT_ORIGINS) {
            throw new OktaFailure('E0000001', [{ errorSummary: `id: at most ${MAX_INTERCLIENT_ORIGINS} apps may be allowed` }], {}, 'id');
          }
          allowInterclient(ctx.db, target.id, origin.id);
        });
        return json({ id: origin.id });
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/apps/:appId/interclient-allowed-apps',
      handler: admin((rc) => json(interclientOrigins(ctx.db, appFromPath(ctx, rc).id).map((id) => ({ id })))),
    },
  ];
}
