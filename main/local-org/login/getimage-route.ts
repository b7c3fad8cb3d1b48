/**
 * `GET /login/getimage?username=` as Okta's classic widget calls it: JSON
 * `{"result":"success","pwdImg":"<url>","imageDescription":"…"}` (okta-authn.md §9). A user who has not
 * chosen an image, and a login that does not exist, get a decoy picked by HMAC of the lower-cased
 * username under a per-org secret: stable for the same name, unpredictable across orgs, and the
 * same shape and speed as a real answer, so the endpoint does not reveal which logins exist.
 * Image files are served from `/img/security/<id>.svg` with a CSP that forbids any script in the SVG;
 * `GET /login/security-images` lists them (id, href, description in English and French) for activation.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json } from '../http/request-io.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import { findUserByLogin } from '../store/user-store.ts';
import { DEFAULT_IMAGE, SECURITY_IMAGES, imageById, type SecurityImage } from './security-images.ts';

function decoySecret(ctx: OrgContext): string {
  let secret = getMeta(ctx.db, 'decoy-secret');
  if (!secret) {
    secret = Buffer.from(ctx.random(32)).toString('base64url');
    setMeta(ctx.db, 'decoy-secret', secret);
  }
  return secret;
}

export function imageFor(ctx: OrgContext, username: string): SecurityImage {
  const login = username.trim().toLowerCase();
  if (login === '') return DEFAULT_IMAGE;
  const chosen = findUserByLogin(ctx.db, login)?.security_image;
  const image = chosen ? imageById(chosen) : undefined;
  if (image) return image;
  const digest = createHmac('sha256', decoySecret(ctx)).update(login).digest();
  return SECURITY_IMAGES[digest.readUInt32BE(0) % SECURITY_IMAGES.length] as SecurityImage;
}

export function getImageRoutes(ctx: OrgContext, imagesDir: string): Route[] {
  return [
    {
      method: 'GET',
      path: '/login/getimage',
      handler: ({ url, req, ip }) => {
        ctx.limiter.hit(`getimage:${ip}`, ctx.policy.ipPerMinute);
        const image = imageFor(ctx, (url.searchParams.get('username') ?? '').slice(0, 320));
        const french = /^fr\b/i.test(req.headers['accept-language'] ?? '');
        return json({ result: 'success', pwdImg: `${ctx.url()}/img/security/${image.id}.svg`, imageDescription: french ? image.fr : image.en });
      },
    },
    {
      // The catalogue the activation screen offers (local-org addition: Okta's hosted welcome page had it built in).
      method: 'GET',
      path: '/login/security-images',
      handler: () => json(SECURITY_IMAGES.map((image) => ({ id: image.id, href: `${ctx.url()}/img/security/${image.id}.svg`, description: { en: image.en, fr: image.fr } }))),
    },
    {
      method: 'GET',
      path: '/img/security/:file',
      handler: async ({ params }) => {
        const id = (params.file ?? '').replace(/\.svg$/, '');
        if (!imageById(id)) throw new OktaFailure('E0000007', [], {}, 'image');
        const svg = await readFile(join(imagesDir, `${id}.svg`));
        return {
          status: 200,
          raw: svg,
          headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
        };
      },
    },
  ];
}
