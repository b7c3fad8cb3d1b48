/**
 * The classic Okta security image: `GET {org}/login/getimage?username=` answers `{pwdImg}` (an image URL,
 * usually relative). Main fetches the image itself and hands the renderer a data: URL, so the page makes
 * no network request and the CSP stays `img-src 'self' data:`. Only same-origin images are followed.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../core/result.ts';
import type { FetchLike } from './authn-http.ts';
import { requestJson, type HttpDeps } from './authn-http.ts';

const GetImage = z.looseObject({ result: z.string().optional(), pwdImg: z.string().max(2000), imageDescription: z.string().max(200).optional() });
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml', 'image/webp'];
const MAX_IMAGE_BYTES = 200_000;

/** Downloads an org-hosted image as a data: URL; undefined for another origin, a non-image or an oversized body. */
export async function orgImageAsDataUrl(fetcher: FetchLike, orgUrl: string, href: string): Promise<string | undefined> {
  const url = new URL(href, orgUrl);
  if (url.origin !== new URL(orgUrl).origin) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const response = await fetcher(url.toString(), { method: 'GET', headers: { accept: 'image/*' }, signal: controller.signal, redirect: 'error' });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!response.ok || !IMAGE_TYPES.includes(type)) return undefined;
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_IMAGE_BYTES) return undefined;
    return `data:${type};base64,${body.toString('base64')}`;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The image and its description, asked in the technician's language (Accept-Language, as a browser on the
 * org's page sends it): the description is the image's accessible name on a screen in that language.
 */
export async function securityImage(deps: HttpDeps & { orgUrl: string }, request: { username: string; language?: string | undefined }): Promise<Result<{ dataUrl: string; description?: string }>> {
  const url = new URL('/login/getimage', deps.orgUrl);
  url.searchParams.set('username', request.username);
  const answer = await requestJson(deps, 'GET', url.toString(), undefined, GetImage, { idempotent: true, ...(request.language ? { language: request.language } : {}) });
  if (!answer.ok) return answer;
  const dataUrl = await orgImageAsDataUrl(deps.fetch, deps.orgUrl, answer.value.pwdImg);
  if (!dataUrl) return fail('E_NET_BAD_RESPONSE');
  return ok(answer.value.imageDescription ? { dataUrl, description: answer.value.imageDescription } : { dataUrl });
}
