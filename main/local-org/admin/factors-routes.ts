/**
 * Okta's Factors API for admins (`/api/v1/users/{uid}/factors`, SSWS): list, enroll
 * (`?activate=true` makes the factor ACTIVE at once; TOTP returns `_embedded.activation.sharedSecret`),
 * activate with a passcode, delete. Also the two endpoints Okta serves without SSWS during authn:
 * the question catalogue and the TOTP QR code (a capability URL).
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { activateFactor, deleteFactor, findFactor, listFactors } from '../store/factor-store.ts';
import { peekToken, tokenData } from '../store/token-store.ts';
import type { Tx } from '../store/transaction-store.ts';
import { driverFor, driverOf } from '../factors/factor-registry.ts';
import { questionCatalogue } from '../factors/security-questions.ts';
import { otpauthUri } from '../factors/totp-engine.ts';
import { factorJson } from './user-json.ts';
import { queryFlag, userFromPath } from './users-routes.ts';

const EnrollBody = z.looseObject({ factorType: z.string().max(64), provider: z.string().max(64) });

/** Admin enrollment runs the same driver as the authn flow, with a transaction that is never stored. */
function detachedTx(userId: string, now: number): Tx {
  return { hash: '', userId, status: 'MFA_ENROLL', expiresMs: now, data: { passcodeFailures: 0 }, createdMs: now, stateToken: '' };
}

export function factorsRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  const admin = (handler: Route['handler']): Route['handler'] => (rc) => {
    requireAdmin(rc);
    return handler(rc);
  };
  const factorFromPath = (rc: RouteContext) => {
    const user = userFromPath(ctx, rc);
    const factor = findFactor(ctx.db, user.id, rc.params.fid ?? '');
    if (!factor) throw new OktaFailure('E0000007', [], {}, `${rc.params.fid ?? ''} (UserFactor)`);
    return { user, factor };
  };
  return [
    {
      method: 'GET',
      path: '/api/v1/users/:uid/factors',
      handler: admin((rc) => {
        const user = userFromPath(ctx, rc);
        return json(listFactors(ctx.db, user.id).map((factor) => factorJson(ctx, user, factor)));
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:uid/factors',
      handler: admin(async (rc) => {
        const user = userFromPath(ctx, rc);
        const raw = await readJson(rc.req);
        const body = parseWith(EnrollBody, raw);
        const driver = driverFor(body.factorType, body.provider);
        if (!driver) throw new OktaFailure('E0000001', [{ errorSummary: 'factorType: unsupported factor' }], {}, 'factorType');
        const now = ctx.clock.nowMs();
        const tx = detachedTx(user.id, now);
        const factor = await driver.enroll({ ctx, tx, user, body: raw });
        if (queryFlag(rc.url, 'activate', false) && factor.status !== 'ACTIVE') activateFactor(ctx.db, factor.id, now);
        const stored = findFactor(ctx.db, user.id, factor.id) ?? factor;
        return json(factorJson(ctx, user, stored, driver.activation?.({ ctx, tx, user }, factor)));
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:uid/factors/:fid/lifecycle/activate',
      handler: admin(async (rc) => {
        const { user, factor } = factorFromPath(rc);
        const driver = driverOf(factor);
        if (factor.status !== 'PENDING_ACTIVATION' || !driver.activate) throw new OktaFailure('E0000079');
        const raw = await readJson(rc.req);
        await driver.activate({ ctx, tx: detachedTx(user.id, ctx.clock.nowMs()), user, body: raw }, factor);
        return json(factorJson(ctx, user, findFactor(ctx.db, user.id, factor.id) ?? factor));
      }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/:uid/factors/:fid',
      handler: admin((rc) => {
        const { factor } = factorFromPath(rc);
        inTransaction(ctx.db, () => deleteFactor(ctx.db, factor.id));
        return { status: 204 };
      }),
    },
    { method: 'GET', path: '/api/v1/users/:uid/factors/questions', handler: () => json(questionCatalogue()) },
    {
      method: 'GET',
      path: '/api/v1/users/:uid/factors/:fid/qr/:token',
      handler: async (rc) => {
        const found = peekToken(ctx.db, rc.params.token ?? '', 'qr', ctx.clock.nowMs());
        const factorId = found.ok ? tokenData(found.token).factorId : undefined;
        const user = found.ok ? userFromPath(ctx, rc) : undefined;
        const factor = user && factorId === rc.params.fid ? findFactor(ctx.db, user.id, String(factorId)) : undefined;
        if (!user || !factor || factor.status !== 'PENDING_ACTIVATION') throw new OktaFailure('E0000007', [], {}, 'qrcode');
        // TOTP: the otpauth:// seed URI; push: the pairing link of the /device simulator.
        const text = factor.factor_type === 'push' ? `${ctx.url()}/device?code=${rc.params.token ?? ''}` : otpauthUri(factor.secret ?? '', user.login, 'wiTECH');
        const png = await QRCode.toBuffer(text, { type: 'png', margin: 2, width: 240 });
        return { status: 200, raw: png, headers: { 'Content-Type': 'image/png' } };
      },
    },
  ];
}
