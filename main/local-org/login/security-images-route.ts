/**
 * `GET /login/security-images`: the pictures a user may choose at activation, for a client that shows its
 * own "Create My Account" form (local-org addition; Okta's hosted welcome page embeds the list in HTML).
 * Public, like the images themselves: the list is the same for everyone and reveals nothing about users.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { json } from '../http/request-io.ts';
import { SECURITY_IMAGES } from './security-images.ts';

export function securityImageListRoutes(ctx: OrgContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/login/security-images',
      handler: () =>
        json(SECURITY_IMAGES.map((image) => ({ id: image.id, href: `${ctx.url()}/img/security/${image.id}.svg`, description: { en: image.en, fr: image.fr } }))),
    },
  ];
}
