/** The self-test's engine line: the engine the org runs (or the policy pins) and, on Identity Engine, its authenticators. */
import { describe, expect, it } from 'vitest';
import { engineCheck, renderReport } from '../../../../main/selftest/self-test.ts';

describe('self-test engine check', () => {
  it('names Classic, and Identity Engine with the authenticators of the last sign-in', () => {
    expect(engineCheck({ engine: 'classic', source: 'org', authenticators: [] })).toEqual({ id: 'engine', ok: true, detail: 'Classic Engine (Authn API)' });
    expect(engineCheck({ engine: 'identity', source: 'org', authenticators: ['google_otp', 'okta_password'] })).toEqual({
      id: 'engine', ok: true, detail: 'Identity Engine (IDX); authenticators: google_otp, okta_password',
    });
    expect(engineCheck({ engine: 'identity', source: 'policy', authenticators: [] }).detail).toBe('Identity Engine (IDX) (pinned by the machine policy); authenticators: known after a sign-in');
  });

  it('fails when the org did not say, with the reason, rather than passing on a guess', () => {
    const check = engineCheck({ engine: undefined, source: 'fallback', failure: 'E_NET_UNREACHABLE', authenticators: [] });
    expect(check).toMatchObject({ id: 'engine', ok: false, code: 'E_NET_UNREACHABLE' });
    expect(engineCheck({ engine: 'classic', source: 'fallback', authenticators: [] })).toMatchObject({ ok: false, code: 'E_AUTH_ENGINE_UNKNOWN' });
    expect(renderReport({ ok: false, checks: [check] })).toContain('FAIL  engine');
  });
});
