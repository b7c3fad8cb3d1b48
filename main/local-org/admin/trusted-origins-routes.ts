/**
 * Okta's Trusted Origins API (SSWS): `GET|POST /api/v1/trustedOrigins`, `GET|PUT|DELETE
 * /api/v1/trustedOrigins/{id}`, `POST .../lifecycle/activate|deactivate`. An ACTIVE origin with the
 * CORS scope may send state-changing requests from a browser (request-guard.ts); REDIRECT is stored for
 * Okta parity. `createdBy`/`lastUpdatedBy` are left out: the local org's API token belongs to no user.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { newId } from '../security/okta-ids.ts';
import {
  deleteTrustedOrigin, findTrustedOrigin, findTrustedOriginByOrigin, insertTrustedOrigin, listTrustedOrigins, scopesOf,
  setTrustedOriginStatus, updateTrustedOrigin, type TrustedOriginRow,
} from '../store/trusted-origin-store.ts';

/** `scheme://host[:port]` exactly as a browser serializes it in `Origin` (no path, no trailing slash). */
const OriginString = z.string().max(1024).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
});

const TrustedOriginBody = z.looseObject({
  name: z.string().trim().min(1).max(255),
  origin: OriginString,
  scopes: z.array(z.looseObject({ type: z.enum(['CORS', 'REDIRECT', 'IFRAME_EMBED']) })).min(1).max(3),
});

function view(ctx: OrgContext, row: TrustedOriginRow): Record<string, unknown> {
  const self = `${ctx.url()}/api/v1/trustedOrigins/${row.id}`;
  const toggle = row.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: row.id,
    name: row.name,
    origin: row.origin,
    scopes: scopesOf(row).map((type) => ({ type })),
    status: row.status,
    created: iso(row.created_ms),
    lastUpdated: iso(row.updated_ms),
    _links: {
      self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
      [toggle]: { href: `${self}/lifecycle/${toggle}`, hints: { allow: ['POST'] } },
    },
  };
}

export function trustedOriginsRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  const admin = (handler: Route['handler']): Route['handler'] => (rc) => {
    requireAdmin(rc);
    return handler(rc);
  };
  const byId = (rc: RouteContext) => {
    const row = findTrustedOrigin(ctx.db, rc.params.id ?? '');
    if (!row) throw new OktaFailure('E0000007', [], {}, `${rc.params.id ?? ''} (TrustedOrigin)`);
    return row;
  };
  const body = async (rc: RouteContext, except?: string) => {
    const parsed = parseWith(TrustedOriginBody, await readJson(rc.req));
    const taken = findTrustedOriginByOrigin(ctx.db, parsed.origin);
    if (taken && taken.id !== except) throw new OktaFailure('E0000001', [{ errorSummary: 'origin: The origin is already in use.' }], {}, 'origin');
    return { name: parsed.name, origin: parsed.origin, scopes: JSON.stringify([...new Set(parsed.scopes.map((s) => s.type))]) };
  };
  const lifecycle = (status: 'ACTIVE' | 'INACTIVE'): Route['handler'] =>
    admin((rc) => {
      const row = byId(rc);
      inTransaction(ctx.db, () => setTrustedOriginStatus(ctx.db, row.id, status, ctx.clock.nowMs()));
      return json(view(ctx, byId(rc)));
    });
  return [
    {
      method: 'POST',
      path: '/api/v1/trustedOrigins',
      handler: admin(async (rc) => {
        const fields = await body(rc);
        const now = ctx.clock.nowMs();
        const id = newId(ctx.random, 'trustedOrigin');
        inTransaction(ctx.db, () => insertTrustedOrigin(ctx.db, { id, ...fields, status: 'ACTIVE', created_ms: now, updated_ms: now }));
        return json(view(ctx, findTrustedOrigin(ctx.db, id) as TrustedOriginRow));
      }),
    },
    { method: 'GET', path: '/api/v1/trustedOrigins', handler: admin(() => json(listTrustedOrigins(ctx.db).map((row) => view(ctx, row)))) },
    { method: 'GET', path: '/api/v1/trustedOrigins/:id', handler: admin((rc) => json(view(ctx, byId(rc)))) },
    {
      method: 'PUT',
      path: '/api/v1/trustedOrigins/:id',
      handler: admin(async (rc) => {
        const row = byId(rc);
        const fields = await body(rc, row.id);
        inTransaction(ctx.db, () => updateTrustedOrigin(ctx.db, row.id, fields, ctx.clock.nowMs()));
        return json(view(ctx, byId(rc)));
      }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/trustedOrigins/:id',
      handler: admin((rc) => {
        const row = byId(rc);
        inTransaction(ctx.db, () => deleteTrustedOrigin(ctx.db, row.id));
        return { status: 204 };
      }),
    },
    { method: 'POST', path: '/api/v1/trustedOrigins/:id/lifecycle/activate', handler: lifecycle('ACTIVE') },
    { method: 'POST', path: '/api/v1/trustedOrigins/:id/lifecycle/deactivate', handler: lifecycle('INACTIVE') },
  ];
}
