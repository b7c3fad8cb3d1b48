/** `POST /api/v1/support/requests`: the "Request Help" form's endpoint (no sign-in; rate-limited per IP and per e-mail). */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { json, parseWith, readJson } from '../http/request-io.ts';
import { HelpRequestBody, requestJson, submitHelpRequest } from './help-requests.ts';

export function supportRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/support/requests',
      handler: async ({ req, ip }) => {
        ctx.limiter.hit(`help-ip:${ip}`, 20);
        const body = parseWith(HelpRequestBody, await readJson(req));
        ctx.limiter.hit(`help-email:${body.email.toLowerCase()}`, 3);
        return json(requestJson(await submitHelpRequest(ctx, body)), 201);
      },
    },
  ];
}
