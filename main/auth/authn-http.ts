/**
 * HTTP for the Okta Authentication API through an injected fetch (Electron's net.fetch in the app, so the
 * system proxy and certificate store apply; Node's fetch in tests). Every body is validated on `unknown`.
 * Retries: 429 is retried after X-Rate-Limit-Reset when the wait is short (Okta rejected it unprocessed);
 * network errors and 502/503/504 are retried only for requests marked `idempotent`, because a verify
 * request that reached the org must never be sent twice (a replayed code is refused, RFC 6238 §5.2).
 */
import type { z } from 'zod';
import type { AppError } from '../core/errors.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Clock } from '../core/clock.ts';
import { mapOktaError } from './okta-error-map.ts';
import { OktaErrorBody } from './okta-schemas.ts';

export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'error' | 'manual' }) => Promise<Response>;

export interface HttpDeps {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  /** Told the server's Date header on every response: feeds the clock-drift banner. */
  readonly onServerDate?: (serverMs: number, localMs: number) => void;
  readonly userAgent?: string;
}

export interface RequestOptions {
  readonly idempotent?: boolean;
  /** The technician's language, for answers the org words itself (the security image's description). */
  readonly language?: string;
}

const MAX_ATTEMPTS = 3;
const MAX_RATE_LIMIT_WAIT_MS = 10_000;
const MAX_BODY_CHARS = 1_000_000;

function retryAfterSeconds(response: Response, nowMs: number): number | undefined {
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.max(0, Math.ceil(reset - nowMs / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length > MAX_BODY_CHARS) throw new Error('response too large');
  return text.length === 0 ? {} : (JSON.parse(text) as unknown);
}

/**
 * An answer that is not JSON did not come from the org (it always answers JSON, errors included): name
 * who sent it, so the screen can say what to do. 407 is a proxy asking for credentials (RFC 9110 §15.5.8);
 * a 2xx page is a captive portal (guest Wi-Fi) answering in the org's place (RFC 8952 §2); a 5xx page is a
 * gateway or load balancer in front of an org that is down.
 */
function notFromOrg(status: number, cause: unknown): AppError {
  const code = status === 407 ? 'E_NET_PROXY_AUTH' : status >= 500 ? 'E_NET_SERVER_ERROR' : status < 300 ? 'E_NET_CAPTIVE_PORTAL' : 'E_NET_BAD_RESPONSE';
  return { code, cause: { status, error: cause } };
}

export async function requestJson<T extends z.ZodType>(
  deps: HttpDeps,
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  schema: T,
  options: RequestOptions = {},
): Promise<Result<z.output<T>>> {
  let lastError: AppError = { code: 'E_NET_UNREACHABLE' };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await deps.sleep(500 * 2 ** (attempt - 1));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 15_000);
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(deps.userAgent ? { 'user-agent': deps.userAgent } : {}),
          ...(options.language ? { 'accept-language': options.language } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (error) {
      clearTimeout(timer);
      lastError = { code: controller.signal.aborted ? 'E_NET_TIMEOUT' : 'E_NET_UNREACHABLE', cause: error };
      if (options.idempotent) continue;
      return { ok: false, error: lastError };
    }
    try {
      const date = Date.parse(response.headers.get('date') ?? '');
      if (Number.isFinite(date)) deps.onServerDate?.(date, deps.clock.nowMs());
      if (response.status === 429) {
        const wait = retryAfterSeconds(response, deps.clock.nowMs());
        lastError = mapOktaError(429, OktaErrorBody.safeParse(await readJson(response).catch(() => ({}))).data, wait);
        if (wait !== undefined && wait * 1000 <= MAX_RATE_LIMIT_WAIT_MS && attempt < MAX_ATTEMPTS - 1) {
          await deps.sleep(wait * 1000);
          continue;
        }
        return { ok: false, error: lastError };
      }
      let json: unknown;
      try {
        json = await readJson(response);
      } catch (error) {
        if (controller.signal.aborted) throw error;
        lastError = notFromOrg(response.status, error);
        if (options.idempotent && [502, 503, 504].includes(response.status)) continue;
        return { ok: false, error: lastError };
      }
      if (!response.ok) {
        lastError = mapOktaError(response.status, OktaErrorBody.safeParse(json).data);
        if (options.idempotent && [502, 503, 504].includes(response.status)) continue;
        return { ok: false, error: lastError };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        return fail('E_NET_BAD_RESPONSE', { cause: parsed.error.issues.map((issue) => issue.path.join('.')) });
      }
      return ok(parsed.data);
    } catch (error) {
      lastError = { code: controller.signal.aborted ? 'E_NET_TIMEOUT' : 'E_NET_BAD_RESPONSE', cause: error };
      if (options.idempotent && controller.signal.aborted) continue;
      return { ok: false, error: lastError };
    } finally {
      clearTimeout(timer);
    }
  }
  return { ok: false, error: lastError };
}
