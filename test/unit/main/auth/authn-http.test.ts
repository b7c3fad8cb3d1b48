import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestJson, type FetchLike } from '../../../../main/auth/authn-http.ts';
import { manualClock } from '../../../../main/core/clock.ts';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error' | 'hang';

/** A scripted org: each request takes the next reply; records what was sent. */
function scripted(replies: Reply[]) {
  const sent: Array<{ url: string; body?: string }> = [];
  const fetcher: FetchLike = async (url, init) => {
    sent.push({ url, ...(init.body === undefined ? {} : { body: init.body }) });
    const reply = replies.shift();
    if (!reply || reply === 'network-error') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    return new Response(text, { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers } });
  };
  return { sent, fetcher };
}

const Tx = z.looseObject({ status: z.string() });

function deps(fetcher: FetchLike, extra: { timeoutMs?: number } = {}) {
  const clock = manualClock(Date.parse('2026-05-01T10:00:00Z'));
  const sleeps: number[] = [];
  const dates: Array<[number, number]> = [];
  return {
    sleeps,
    dates,
    clock,
    http: { fetch: fetcher, clock, sleep: async (ms: number) => void sleeps.push(ms), onServerDate: (s: number, l: number) => void dates.push([s, l]), ...extra },
  };
}

describe('Authn HTTP', () => {
  it('returns the parsed body of a 200', async () => {
    const { fetcher } = scripted([{ status: 200, body: { status: 'MFA_REQUIRED' } }]);
    expect(await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx)).toEqual({ ok: true, value: { status: 'MFA_REQUIRED' } });
  });

  it('maps an Okta error body to our code and keeps Okta’s code for support', async () => {
    const { fetcher } = scripted([{ status: 401, body: { errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] } }]);
    const result = await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_AUTH_BAD_CREDENTIALS', oktaCode: 'E0000004' } });
  });

  it('waits for X-Rate-Limit-Reset and retries a 429 once the window reopens', async () => {
    const { fetcher, sent } = scripted([
      { status: 429, body: { errorCode: 'E0000047' }, headers: { 'x-rate-limit-reset': String(Date.parse('2026-05-01T10:00:03Z') / 1000) } },
      { status: 200, body: { status: 'SUCCESS' } },
    ]);
    const d = deps(fetcher);
    expect(await requestJson(d.http, 'POST', 'https://org.test/api/v1/authn', {}, Tx)).toMatchObject({ ok: true });
    expect(sent).toHaveLength(2);
    expect(d.sleeps).toContain(3000);
  });

  it('gives up on a 429 whose window is too far away and says when to retry', async () => {
    const { fetcher, sent } = scripted([{ status: 429, body: { errorCode: 'E0000047' }, headers: { 'x-rate-limit-reset': String(Date.parse('2026-05-01T10:01:00Z') / 1000) } }]);
    const result = await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_NET_RATE_LIMITED', retryAfterSeconds: 60 } });
    expect(sent).toHaveLength(1);
  });

  it('never resends a non-idempotent request after a 503 (a verify must not be replayed)', async () => {
    const { fetcher, sent } = scripted([{ status: 503, body: {} }, { status: 200, body: { status: 'SUCCESS' } }]);
    const result = await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn/factors/x/verify', { passCode: '123456' }, Tx);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_NET_SERVER_ERROR' } });
    expect(sent).toHaveLength(1);
  });

  it('retries an idempotent request after a 503 and a network error, with growing backoff', async () => {
    const { fetcher, sent } = scripted([{ status: 503, body: {} }, 'network-error', { status: 200, body: { status: 'MFA_CHALLENGE' } }]);
    const d = deps(fetcher);
    expect(await requestJson(d.http, 'POST', 'https://org.test/poll', {}, Tx, { idempotent: true })).toMatchObject({ ok: true });
    expect(sent).toHaveLength(3);
    expect(d.sleeps).toEqual([500, 1000]);
  });

  it('times out cleanly when the org never answers', async () => {
    const { fetcher } = scripted(['hang']);
    const result = await requestJson(deps(fetcher, { timeoutMs: 20 }).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_NET_TIMEOUT' } });
  });

  it.each([
    ['a body of the wrong shape', { hello: 'world' }],
    ['a JSON array', [1, 2]],
  ])('refuses %s from the org as E_NET_BAD_RESPONSE', async (_case, body) => {
    const { fetcher } = scripted([{ status: 200, body }]);
    expect(await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx)).toMatchObject({ ok: false, error: { code: 'E_NET_BAD_RESPONSE' } });
  });

  it('reports the org’s Date header so clock drift can be shown', async () => {
    const { fetcher } = scripted([{ status: 200, body: { status: 'SUCCESS' }, headers: { date: 'Fri, 01 May 2026 09:59:00 GMT' } }]);
    const d = deps(fetcher);
    await requestJson(d.http, 'POST', 'https://org.test/api/v1/authn', {}, Tx);
    expect(d.dates).toEqual([[Date.parse('2026-05-01T09:59:00Z'), Date.parse('2026-05-01T10:00:00Z')]]);
  });

  it.each([
    ['a captive portal page (200 HTML)', 200, 'E_NET_CAPTIVE_PORTAL'],
    ['a proxy asking for credentials (407 HTML)', 407, 'E_NET_PROXY_AUTH'],
    ['a gateway page (502 HTML)', 502, 'E_NET_SERVER_ERROR'],
    ['a 404 page', 404, 'E_NET_BAD_RESPONSE'],
  ])('names who answered when the answer is not the org\'s JSON: %s', async (_name, status, code) => {
    const { fetcher } = scripted([{ status, body: '<!doctype html><html><body>Wi-Fi</body></html>', headers: { 'content-type': 'text/html' } }]);
    expect(await requestJson(deps(fetcher).http, 'POST', 'https://org.test/api/v1/authn', {}, Tx)).toMatchObject({ ok: false, error: { code } });
  });
});
