/**
 * Okta's Users API subset support and installers use (`Authorization: SSWS <token>`):
 * create, get, list, lifecycle activate / reactivate / reset_factors / unlock (okta-authn.md §8).
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { findUserByIdOrLogin, listUsers, type UserRow } from '../store/user-store.ts';
import { activateUser, createUser, resetFactors, unlockUser } from './user-admin.ts';
import { userJson } from './user-json.ts';

const CreateUserBody = z.looseObject({
  profile: z.looseObject({
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    email: z.email().max(320),
    login: z.string().min(3).max(320),
    locale: z.string().max(16).optional(),
  }),
  credentials: z
    .looseObject({
      password: z.looseObject({ value: z.string().max(1024) }).optional(),
      recovery_question: z.looseObject({ question: z.string().max(100), answer: z.string().max(256) }).optional(),
    })
    .optional(),
});

export function userFromPath(ctx: OrgContext, rc: RouteContext): UserRow {
  const id = rc.params.uid ?? '';
  const user = findUserByIdOrLogin(ctx.db, id);
  if (!user) throw new OktaFailure('E0000007', [], {}, `${id} (User)`);
  return user;
}

/** Okta query booleans: absent → default, "false" → false, anything else → true. */
export function queryFlag(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  return value === null ? fallback : value !== 'false';
}

export function usersRoutes(ctx: OrgContext, requireAdmin: (rc: RouteContext) => void): Route[] {
  const admin = (handler: Route['handler']): Route['handler'] => (rc) => {
    requireAdmin(rc);
    return handler(rc);
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/users',
      handler: admin(async ({ req, url }) => {
        const body = parseWith(CreateUserBody, await readJson(req));
        const { user } = await createUser(
          ctx,
          {
            ...body.profile,
            locale: body.profile.locale ?? 'en_US',
            password: body.credentials?.password?.value,
            recoveryQuestion: body.credentials?.recovery_question,
          },
          queryFlag(url, 'activate', true),
        );
        return json(userJson(ctx, user));
      }),
    },
    { method: 'GET', path: '/api/v1/users', handler: admin(() => json(listUsers(ctx.db).map((user) => userJson(ctx, user)))) },
    { method: 'GET', path: '/api/v1/users/:uid', handler: admin((rc) => json(userJson(ctx, userFromPath(ctx, rc)))) },
    ...['activate', 'reactivate'].map(
      (verb): Route => ({
        method: 'POST',
        path: `/api/v1/users/:uid/lifecycle/${verb}`,
        handler: admin(async (rc) => {
          const sendEmail = queryFlag(rc.url, 'sendEmail', true);
          const { activation } = await activateUser(ctx, userFromPath(ctx, rc), sendEmail);
          return json(sendEmail ? {} : { activationUrl: activation.activationUrl, activationToken: activation.activationToken });
        }),
      }),
    ),
    {
      method: 'POST',
      path: '/api/v1/users/:uid/lifecycle/reset_factors',
      handler: admin(async (rc) => {
        await resetFactors(ctx, userFromPath(ctx, rc), queryFlag(rc.url, 'sendEmail', true));
        return json({});
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:uid/lifecycle/unlock',
      handler: admin(async (rc) => {
        await unlockUser(ctx, userFromPath(ctx, rc), queryFlag(rc.url, 'sendEmail', false));
        return json({});
      }),
    },
  ];
}
