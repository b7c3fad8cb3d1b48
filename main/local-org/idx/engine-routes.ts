/**
 * `GET /.well-known/okta-organization` as Okta answers it without authentication (okta-idx.md §1), and
 * the local admin call that upgrades a running classic org to Identity Engine (Okta upgrades orgs from
 * its side; there is no public API, so `POST /api/v1/org/upgrade` is a local addition, SSWS only).
 */
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { json } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import { alphanumericToken } from '../security/secret-token.ts';
import { engineOf, pipelineOf, upgradeToIdentity } from './engine.ts';

/** The org's Okta id (`00o…`), made once per data folder. */
export function orgId(ctx: OrgContext): string {
  const known = getMeta(ctx.db, 'org-id');
  if (known) return known;
  return inTransaction(ctx.db, () => {
    const again = getMeta(ctx.db, 'org-id');
    if (again) return again;
    const id = `00o${alphanumericToken(ctx.random, 17)}`;
    setMeta(ctx.db, 'org-id', id);
    return id;
  });
}

export function engineRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  return [
    {
      method: 'GET',
      path: '/.well-known/okta-organization',
      handler: () =>
        json(
          {
            id: orgId(ctx),
            pipeline: pipelineOf(engineOf(ctx.db)),
            settings: { analyticsCollectionEnabled: false, bugReportingEnabled: false, omEnabled: false },
            _links: { organization: { href: ctx.url() }, alternate: { href: ctx.url() } },
          },
          200,
          // Okta serves this document to any origin (the widget reads it cross-origin).
          { 'Access-Control-Allow-Origin': '*' },
        ),
    },
    {
      method: 'POST',
      path: '/api/v1/org/upgrade',
      handler: (rc) => {
        requireAdmin(rc);
        const { engine, already } = upgradeToIdentity(ctx.db);
        ctx.log.info('local-org.upgraded', { engine, already });
        return json({ engine, pipeline: pipelineOf(engine), alreadyUpgraded: already });
      },
    },
  ];
}
