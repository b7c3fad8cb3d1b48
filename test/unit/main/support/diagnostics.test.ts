import { describe, expect, it } from 'vitest';
import { diagnosticsView } from '../../../../main/support/diagnostics.ts';

const base = { orgUrl: 'https://fcawitech.okta.com', version: '1.2.0 (abc, 2026-11-24, signed)', platform: 'win32 10.0 x64', screenId: 'E-16', driftSeconds: undefined, lastErrorCode: 'E_AUTH_INVALID_PASSCODE', keyPath: { path: 'os-webauthn', reason: 'windows-hid-needs-admin' } } as const;

describe('help request diagnostics', () => {
  it('takes reachability and clock drift from the self-test checks', () => {
    const view = diagnosticsView({ ...base, checks: [{ id: 'org', ok: true, detail: 'answered' }, { id: 'clock', ok: false, code: 'E_CLOCK_DRIFT', detail: 'off', driftSeconds: 95 }] });
    expect(view).toEqual({ appVersion: base.version, os: base.platform, orgHost: 'fcawitech.okta.com', orgReachable: true, clockDriftSeconds: 95, lastErrorCode: 'E_AUTH_INVALID_PASSCODE', screenId: 'E-16', securityKeyPath: 'os-webauthn', securityKeyPathReason: 'windows-hid-needs-admin' });
  });

  it('reports an unreachable org and falls back to the drift learned earlier', () => {
    const view = diagnosticsView({ ...base, driftSeconds: 3, checks: [{ id: 'org', ok: false, code: 'E_NET_UNREACHABLE', detail: 'refused' }, { id: 'clock', ok: false, code: 'E_NET_UNREACHABLE', detail: 'not checked' }] });
    expect(view).toMatchObject({ orgReachable: false, clockDriftSeconds: 3 });
  });

  it('carries nothing personal: no username, no token', () => {
    const view = diagnosticsView({ ...base, checks: [] });
    expect(Object.keys(view).sort()).toEqual(['appVersion', 'lastErrorCode', 'orgHost', 'orgReachable', 'os', 'screenId', 'securityKeyPath', 'securityKeyPathReason']);
  });
});
