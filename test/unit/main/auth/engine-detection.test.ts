import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../main/auth/authn-http.ts';
import { createEngineDetector, engineOfPipeline } from '../../../../main/auth/engine-detection.ts';
import { manualClock } from '../../../../main/core/clock.ts';

const ORG = 'https://garage.okta.test';
const T0 = Date.parse('2026-05-01T10:00:00Z');

/** Replies in order; each call is recorded. A reply of `'down'` throws as fetch does when the org is unreachable. */
function setup(replies: Array<{ status: number; body: unknown } | 'down'>, pin?: 'classic' | 'identity' | 'auto') {
  const urls: string[] = [];
  const fetcher: FetchLike = async (url) => {
    urls.push(url);
    const reply = replies.shift() ?? 'down';
    if (reply === 'down') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  const clock = manualClock(T0);
  const detector = createEngineDetector({ orgUrl: ORG, fetch: fetcher, clock, sleep: async () => undefined, pin });
  return { detector, urls, clock };
}

const org = (pipeline: string) => ({ status: 200, body: { id: '00o1', pipeline, settings: {}, _links: {} } });

describe('engine detection', () => {
  it.each([
    ['v1', 'classic'],
    ['idx', 'identity'],
    ['v2', undefined],
    ['', undefined],
  ])('reads pipeline %j as %s', (pipeline, engine) => {
    expect(engineOfPipeline(pipeline)).toBe(engine);
  });

  it('asks the org without credentials and keeps the answer with its date', async () => {
    const { detector, urls } = setup([org('idx')]);
    expect(detector.current()).toBeUndefined();
    expect(await detector.detect()).toEqual({ ok: true, value: { engine: 'identity', detectedAtMs: T0, source: 'org' } });
    expect(urls).toEqual([`${ORG}/.well-known/okta-organization`]);
    expect(detector.current()).toEqual({ engine: 'identity', detectedAtMs: T0, source: 'org' });
  });

  it('asks again at each detection, so an org upgraded between two sign-ins is seen', async () => {
    const { detector, clock } = setup([org('v1'), org('idx')]);
    expect((await detector.detect()).ok && detector.current()?.engine).toBe('classic');
    clock.advance(60_000);
    await detector.detect();
    expect(detector.current()).toEqual({ engine: 'identity', detectedAtMs: T0 + 60_000, source: 'org' });
  });

  it('keeps the last answer when the org stops answering', async () => {
    const { detector, clock } = setup([org('idx'), 'down', 'down', 'down']);
    await detector.detect();
    clock.advance(1000);
    expect(await detector.detect()).toEqual({ ok: true, value: { engine: 'identity', detectedAtMs: T0, source: 'org' } });
  });

  it.each([
    ['an unreachable org', 'down' as const, 'E_NET_UNREACHABLE'],
    ['a missing document', { status: 404, body: { errorCode: 'E0000007', errorSummary: 'Not found' } }, 'E_NET_BAD_RESPONSE'],
    ['an unknown pipeline', org('v9'), 'E_AUTH_ENGINE_UNKNOWN'],
    ['a body without pipeline', { status: 200, body: { id: '00o1' } }, 'E_NET_BAD_RESPONSE'],
  ])('falls back to Classic, saying why, on %s with nothing known', async (_name, reply, failure) => {
    const { detector } = setup([reply, reply, reply]);
    expect(await detector.detect()).toEqual({ ok: true, value: { engine: 'classic', detectedAtMs: T0, source: 'fallback', failure } });
    expect(detector.current()).toBeUndefined();
  });

  it('obeys a policy pin without asking the org', async () => {
    const { detector, urls } = setup([org('v1')], 'identity');
    expect(await detector.detect()).toEqual({ ok: true, value: { engine: 'identity', detectedAtMs: T0, source: 'policy' } });
    expect(urls).toEqual([]);
    expect(detector.pinned()).toBe(true);
  });

  it('treats the policy value auto as no pin', async () => {
    const { detector, urls } = setup([org('v1')], 'auto');
    expect((await detector.detect()).ok && detector.current()?.engine).toBe('classic');
    expect(urls).toHaveLength(1);
    expect(detector.pinned()).toBe(false);
  });
});
