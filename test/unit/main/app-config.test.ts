import { describe, expect, it } from 'vitest';
import { resolveAppConfig, WITECH_LOGIN_URL } from '../../../main/app-config.ts';

describe('app configuration', () => {
  it('runs on the local org as a training org when nothing is configured', () => {
    const result = resolveAppConfig({}, 'http://localhost:5181');
    expect(result).toEqual({
      ok: true,
      value: { orgUrl: 'http://localhost:5181', diagnosticsUrl: 'http://localhost:5181/diagnostics', supportUrl: 'http://localhost:5181', allowedHosts: ['localhost:5181'], trainingOrg: true },
    });
  });

  it('uses the configured org, hands off to the wiTECH login by default, and trusts only named hosts', () => {
    const result = resolveAppConfig({ orgUrl: 'https://fcawitech.okta.com' }, undefined);
    expect(result).toMatchObject({ ok: true, value: { trainingOrg: false, diagnosticsUrl: WITECH_LOGIN_URL } });
    if (result.ok) expect([...result.value.allowedHosts].sort()).toEqual(['fcawitech.okta.com', 'login.am.fcawitech.com']);
  });

  it.each([
    ['plain http to a remote org', { orgUrl: 'http://fcawitech.okta.com' }, ['orgUrl']],
    ['credentials in the diagnostics URL', { orgUrl: 'https://o.test', diagnosticsUrl: 'https://u:p@d.test/' }, ['diagnosticsUrl']],
    ['not a URL at all', { supportUrl: 'support desk' }, ['supportUrl']],
  ])('refuses %s and names the setting', (_case, configured, fields) => {
    expect(resolveAppConfig(configured, 'http://localhost:1')).toEqual({ ok: false, error: { code: 'E_SETTINGS_INVALID', fields } });
  });

  it('refuses to start with neither a configured org nor a local org', () => {
    expect(resolveAppConfig({}, undefined)).toMatchObject({ ok: false, error: { code: 'E_SETTINGS_INVALID' } });
  });
});
