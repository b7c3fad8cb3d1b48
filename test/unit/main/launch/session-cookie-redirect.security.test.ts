import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../main/core/redact.ts';
import { DEFAULT_ALLOWED_HOSTS, isAllowedDestination } from '../../../../main/launch/destination-allow-list.ts';
import { createLauncher, sessionCookieRedirectUrl } from '../../../../main/launch/session-cookie-redirect.ts';

function launcher(diagnosticsUrl: string, orgUrl = 'https://fcawitech.okta.com') {
  const opened: string[] = [];
  const lines: string[] = [];
  const launch = createLauncher({
    destination: () => ({ orgUrl, diagnosticsUrl }),
    allowedHosts: () => DEFAULT_ALLOWED_HOSTS,
    openExternal: async (url) => void opened.push(url),
    log: createLogger((line) => lines.push(line)),
  });
  return { launch, opened, lines };
}

describe('diagnostics hand-off', () => {
  it('opens the org’s sessionCookieRedirect with the token and the diagnostics URL', async () => {
    const { launch, opened } = launcher('https://login.am.fcawitech.com/');
    expect(await launch.open('20111tok')).toEqual({ ok: true, value: { destinationHost: 'login.am.fcawitech.com' } });
    const url = new URL(opened[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://fcawitech.okta.com/login/sessionCookieRedirect');
    expect(url.searchParams.get('token')).toBe('20111tok');
    expect(url.searchParams.get('redirectUrl')).toBe('https://login.am.fcawitech.com/');
  });

  it.each([
    ['an open redirect to another host', 'https://evil.example/'],
    ['a look-alike host', 'https://login.am.fcawitech.com.evil.example/'],
    ['plain http to a trusted host', 'http://login.am.fcawitech.com/'],
    ['credentials in the URL', 'https://user:pw@login.am.fcawitech.com/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file URL', 'file:///C:/Windows/System32/calc.exe'],
  ])('refuses %s and opens nothing', async (_attack, diagnosticsUrl) => {
    const { launch, opened } = launcher(diagnosticsUrl.startsWith('https://') || diagnosticsUrl.startsWith('http://') ? diagnosticsUrl : 'https://evil.example/');
    if (!diagnosticsUrl.startsWith('http')) {
      expect(isAllowedDestination({ orgUrl: 'https://fcawitech.okta.com', diagnosticsUrl }, DEFAULT_ALLOWED_HOSTS)).toBe(false);
    }
    expect(await launch.open('20111tok')).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
    expect(opened).toEqual([]);
  });

  it('refuses to send the session token to an org that is not allow-listed', async () => {
    const { launch, opened } = launcher('https://login.am.fcawitech.com/', 'https://phish.example');
    expect(await launch.open('20111tok')).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
    expect(opened).toEqual([]);
  });

  it('never writes the session token to the log', async () => {
    const { launch, lines } = launcher('https://login.am.fcawitech.com/');
    await launch.open('20111secretSessionToken');
    expect(lines.join('\n')).not.toContain('20111secretSessionToken');
    expect(sessionCookieRedirectUrl('https://o.test', 'a&b', 'https://x.test/?q=1')).toBe('https://o.test/login/sessionCookieRedirect?token=a%26b&redirectUrl=https%3A%2F%2Fx.test%2F%3Fq%3D1');
  });
});
