/**
 * HTTP of the Interaction Code flow through the app's fetch port (okta-idx.md §2): JSON posts to
 * `/idp/idx/*` answered with IDX bodies (on success and on failure alike: the body is read whatever the
 * status or content type says), and form posts to the authorization server (`/v1/interact`, `/v1/token`)
 * answered with OAuth JSON. No call is retried: an IDX step that reached the org must not run twice.
 * Redirects are refused, so nothing this client sends can be forwarded to another host.
 */
import { z } from 'zod';
import type { AppError } from '../../core/errors.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { HttpDeps } from '../authn-http.ts';
import { mapOktaError } from '../okta-error-map.ts';
import { OktaErrorBody } from '../okta-schemas.ts';
import { parseIdxReply, type IdxReply } from './idx-reply.ts';

const ION = 'application/ion+json; okta-version=1.0.0';
const MAX_BODY_CHARS = 1_000_000;

interface Raw {
  readonly status: number;
  readonly body: unknown;
}

async function send(deps: HttpDeps, url: string, contentType: string, accept: string, body: string): Promise<Result<Raw>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 15_000);
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, accept, ...(deps.userAgent ? { 'user-agent': deps.userAgent } : {}) },
      body,
      signal: controller.signal,
      redirect: 'error',
    });
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) deps.onServerDate?.(date, deps.clock.nowMs());
    const text = await response.text();
    if (text.length > MAX_BODY_CHARS) return fail('E_NET_BAD_RESPONSE', { cause: 'response too large' });
    let parsed: unknown = {};
    try {
      parsed = text.length === 0 ? {} : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    return ok({ status: response.status, body: parsed });
  } catch (error: unknown) {
    return { ok: false, error: { code: controller.signal.aborted ? 'E_NET_TIMEOUT' : 'E_NET_UNREACHABLE', cause: error } };
  } finally {
    clearTimeout(timer);
  }
}

export interface IdxAnswer {
  readonly status: number;
  readonly reply: IdxReply;
}

/**
 * POSTs an IDX step. A reply that parses is returned with its status, failures included (the caller
 * reads its messages and remediations). A classic-shaped error (`errorCode`, no `version`) is mapped:
 * E0000047 is Okta's rate limit (M/error-429-api-limit-exceeded.json) and E0000007 on an IDX path means
 * the org no longer runs the Identity Engine pipeline.
 */
export async function idxPost(deps: HttpDeps, url: string, body: Record<string, unknown>): Promise<Result<IdxAnswer>> {
  const raw = await send(deps, url, 'application/json', ION, JSON.stringify(body));
  if (!raw.ok) return raw;
  const classic = OktaErrorBody.safeParse(raw.value.body);
  if (classic.success && !(raw.value.body as Record<string, unknown>).version) {
    if (classic.data.errorCode === 'E0000007') return fail('E_AUTH_ENGINE_CHANGED', { oktaCode: 'E0000007' });
    return { ok: false, error: mapOktaError(raw.value.status, classic.data) };
  }
  const reply = parseIdxReply(raw.value.body);
  if (!reply.ok) {
    if (raw.value.status === 429) return fail('E_NET_RATE_LIMITED');
    if (raw.value.status >= 500) return fail('E_NET_SERVER_ERROR', { cause: { status: raw.value.status } });
    return reply;
  }
  return ok({ status: raw.value.status, reply: reply.value });
}

const OAuthError = z.looseObject({ error: z.string().max(100), error_description: z.string().max(1000).optional() });

/** OAuth errors of /interact and /token, in our codes (RFC 6749 §5.2; Okta's texts from okta-idx.md §1, §3). */
export function oauthError(status: number, body: unknown, endpoint: 'interact' | 'token'): AppError {
  const parsed = OAuthError.safeParse(body);
  if (!parsed.success) return { code: status === 429 ? 'E_NET_RATE_LIMITED' : status >= 500 ? 'E_NET_SERVER_ERROR' : 'E_NET_BAD_RESPONSE', cause: { status } };
  const { error, error_description: description = '' } = parsed.data;
  const cause = { status, error, description: description.slice(0, 200) };
  // A Classic org (or one with the Interaction Code grant off) answers /interact so (okta-idx.md §1).
  if (endpoint === 'interact' && error === 'access_denied' && /not enabled/i.test(description)) return { code: 'E_AUTH_ENGINE_CHANGED', oktaCode: error, cause };
  if (/activation token/i.test(description)) {
    const code = /already been used/i.test(description) ? 'E_AUTH_ACTIVATION_TOKEN_USED' : /expired/i.test(description) ? 'E_AUTH_ACTIVATION_TOKEN_EXPIRED' : 'E_AUTH_ACTIVATION_TOKEN_INVALID';
    return { code, oktaCode: error, cause };
  }
  if (endpoint === 'token' && error === 'invalid_grant') return { code: 'E_AUTH_TOKEN_REFUSED', oktaCode: error, cause };
  if (['invalid_client', 'unauthorized_client', 'invalid_scope', 'invalid_request'].includes(error)) return { code: 'E_AUTH_IDX_NOT_CONFIGURED', oktaCode: error, cause };
  if (status === 429) return { code: 'E_NET_RATE_LIMITED', oktaCode: error, cause };
  return { code: endpoint === 'token' ? 'E_AUTH_TOKEN_REFUSED' : status >= 500 ? 'E_NET_SERVER_ERROR' : 'E_NET_BAD_RESPONSE', oktaCode: error, cause };
}

/** A form post to the authorization server, its success body read with `schema`. */
export async function formPost<T extends z.ZodType>(deps: HttpDeps, url: string, params: Record<string, string>, schema: T, endpoint: 'interact' | 'token'): Promise<Result<z.output<T>>> {
  const raw = await send(deps, url, 'application/x-www-form-urlencoded', 'application/json', new URLSearchParams(params).toString());
  if (!raw.ok) return raw;
  if (raw.value.status < 200 || raw.value.status >= 300) return { ok: false, error: oauthError(raw.value.status, raw.value.body, endpoint) };
  const parsed = schema.safeParse(raw.value.body);
  if (!parsed.success) return fail('E_NET_BAD_RESPONSE', { cause: parsed.error.issues.map((issue) => issue.path.join('.')) });
  return ok(parsed.data);
}
