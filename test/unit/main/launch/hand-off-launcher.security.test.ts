/**
 * The hand-off on both engines: Classic's session token through sessionCookieRedirect, Identity Engine's
 * tokens through Native-to-Web SSO (exchange, then authorize with the interclient token), one allow-list
 * for both, typed refusals, and no token in the log.
 */
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../main/auth/authn-http.ts';
import type { HandOffGrant, OidcTokensGrant } from '../../../../main/auth/hand-off-grant.ts';
import { createLogger } from '../../../../main/core/redact.ts';
import { DEFAULT_ALLOWED_HOSTS, isAllowedDestination } from '../../../../main/launch/destination-allow-list.ts';
import { createLauncher } from '../../../../main/launch/hand-off-launcher.ts';
import type { WebAppTarget } from '../../../../main/launch/native-to-web-sso.ts';
import { sessionCookieRedirectUrl } from '../../../../main/launch/session-cookie-redirect.ts';

const ORG = 'https://fcawitech.okta.com';
const WEB: WebAppTarget = { clientId: '0oaWeb', redirectUri: 'https://login.am.fcawitech.com/callback' };
const session = (token = '20111tok'): HandOffGrant => ({ kind: 'session-token', sessionToken: token, login: 'ana@garage.test', expiresAtMs: Number.MAX_SAFE_INTEGER });
const tokens = (issuer = `${ORG}/oauth2/default`): OidcTokensGrant => ({
  kind: 'oidc-tokens', issuer, clientId: '0oaNative', accessToken: 'eyAccessTokenSecretValue', idToken: 'eyIdTokenSecretValue', login: 'ana@garage.test', expiresAtMs: Number.MAX_SAFE_INTEGER,
});

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
const exchanged: Answer = { status: 200, body: { token_type: 'N_A', expires_in: 300, access_token: 'icTokenSecretValue12345', issued_token_type: 'urn:okta:params:oauth:token-type:interclient_token' } };

function launcher(diagnosticsUrl: string, options: { orgUrl?: string; webApp?: WebAppTarget | undefined; answer?: Answer; kind?: 'session-token' | 'oidc-tokens' } = {}) {
  const opened: string[] = [];
  const lines: string[] = [];
  const sent: Array<{ url: string; body: string; redirect: string }> = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, body: init.body ?? '', redirect: init.redirect });
    const answer = options.answer ?? exchanged;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  const launch = createLauncher({
    destination: () => ({ orgUrl: options.orgUrl ?? ORG, diagnosticsUrl }),
    allowedHosts: () => DEFAULT_ALLOWED_HOSTS,
    webApp: () => ('webApp' in options ? options.webApp : WEB),
    kind: () => options.kind ?? 'session-token',
    openExternal: async (url) => void opened.push(url),
    fetch,
    random: (n) => new Uint8Array(n).fill(7),
    log: createLogger((line) => lines.push(line)),
  });
  return { launch, opened, lines, sent };
}

describe('diagnostics hand-off on Classic', () => {
  it('opens the org’s sessionCookieRedirect with the token and the diagnostics URL', async () => {
    const { launch, opened, sent } = launcher('https://login.am.fcawitech.com/');
    expect(await launch.open(session())).toEqual({ ok: true, value: { destinationHost: 'login.am.fcawitech.com' } });
    const url = new URL(opened[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://fcawitech.okta.com/login/sessionCookieRedirect');
    expect(url.searchParams.get('token')).toBe('20111tok');
    expect(url.searchParams.get('redirectUrl')).toBe('https://login.am.fcawitech.com/');
    expect(sent).toEqual([]);
  });

  it.each([
    ['an open redirect to another host', 'https://evil.example/'],
    ['a look-alike host', 'https://login.am.fcawitech.com.evil.example/'],
    ['plain http to a trusted host', 'http://login.am.fcawitech.com/'],
    ['credentials in the URL', 'https://user:pw@login.am.fcawitech.com/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file URL', 'file:///C:/Windows/System32/calc.exe'],
  ])('refuses %s and opens nothing, on either engine', async (_attack, diagnosticsUrl) => {
    expect(isAllowedDestination({ orgUrl: ORG, diagnosticsUrl }, DEFAULT_ALLOWED_HOSTS)).toBe(false);
    for (const grant of [session(), tokens()]) {
      const { launch, opened, sent } = launcher(diagnosticsUrl);
      expect(await launch.open(grant)).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
      expect(opened).toEqual([]);
      expect(sent).toEqual([]);
    }
  });

  it('refuses to send the session token to an org that is not allow-listed', async () => {
    const { launch, opened } = launcher('https://login.am.fcawitech.com/', { orgUrl: 'https://phish.example' });
    expect(await launch.open(session())).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
    expect(opened).toEqual([]);
  });

  it('never writes the session token to the log', async () => {
    const { launch, lines } = launcher('https://login.am.fcawitech.com/');
    await launch.open(session('20111secretSessionToken'));
    expect(lines.join('\n')).not.toContain('20111secretSessionToken');
    expect(sessionCookieRedirectUrl('https://o.test', 'a&b', 'https://x.test/?q=1')).toBe('https://o.test/login/sessionCookieRedirect?token=a%26b&redirectUrl=https%3A%2F%2Fx.test%2F%3Fq%3D1');
  });

  it('says there is nothing to hand off without a grant', async () => {
    const { launch } = launcher('https://login.am.fcawitech.com/');
    expect(await launch.open(undefined)).toMatchObject({ ok: false, error: { code: 'E_AUTH_NO_TRANSACTION' } });
  });
});

describe('diagnostics hand-off on Identity Engine (Native-to-Web SSO)', () => {
  it('exchanges the tokens at the issuer, then opens authorize with the interclient token for the web app', async () => {
    const { launch, opened, sent, lines } = launcher('https://login.am.fcawitech.com/', { kind: 'oidc-tokens' });
    expect(launch.describe()).toEqual({ ok: true, value: { destinationHost: 'login.am.fcawitech.com', allowed: true } });
    expect(await launch.open(tokens())).toEqual({ ok: true, value: { destinationHost: 'login.am.fcawitech.com' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(`${ORG}/oauth2/default/v1/token`);
    expect(sent[0]?.redirect).toBe('manual');
    expect(Object.fromEntries(new URLSearchParams(sent[0]?.body))).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: '0oaNative',
      actor_token: 'eyAccessTokenSecretValue',
      actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: 'eyIdTokenSecretValue',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:okta:params:oauth:token-type:interclient_token',
      audience: 'urn:okta:apps:0oaWeb',
    });
    const url = new URL(opened[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${ORG}/oauth2/default/v1/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '0oaWeb', response_type: 'code', scope: 'openid', redirect_uri: WEB.redirectUri, state: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/), interclient_token: 'icTokenSecretValue12345',
    });
    const log = lines.join('\n');
    for (const secret of ['eyAccessTokenSecretValue', 'eyIdTokenSecretValue', 'icTokenSecretValue12345']) expect(log).not.toContain(secret);
  });

  it('refuses a web app whose redirect URI is not allow-listed, before anything is sent', async () => {
    const { launch, opened, sent } = launcher('https://login.am.fcawitech.com/', { kind: 'oidc-tokens', webApp: { clientId: '0oaWeb', redirectUri: 'https://evil.example/callback' } });
    expect(launch.describe()).toEqual({ ok: true, value: { destinationHost: 'evil.example', allowed: false } });
    expect(await launch.open(tokens())).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
    expect(opened).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('never sends the tokens to an issuer on another host than the org', async () => {
    const { launch, opened, sent } = launcher('https://login.am.fcawitech.com/', { kind: 'oidc-tokens' });
    expect(await launch.open(tokens('https://login.am.fcawitech.com/oauth2/default'))).toMatchObject({ ok: false, error: { code: 'E_LAUNCH_NOT_ALLOWED' } });
    expect(sent).toEqual([]);
    expect(opened).toEqual([]);
  });

  it.each([
    ['the web app not trusting this client', { status: 400, body: { error: 'invalid_target', error_description: 'The audience is not an app that allows this client.' } }, 'E_LAUNCH_TARGET_REFUSED'],
    ['a token without interclient_access', { status: 400, body: { error: 'invalid_scope', error_description: "The actor token lacks the 'interclient_access' scope." } }, 'E_LAUNCH_EXCHANGE_REFUSED'],
    ['expired tokens', { status: 400, body: { error: 'invalid_grant', error_description: 'The actor token is invalid or expired.' } }, 'E_LAUNCH_EXCHANGE_REFUSED'],
    ['a redirect to another host', { status: 302, headers: { location: 'https://portal.example/login' } }, 'E_LAUNCH_REDIRECTED'],
    ['a reply of another token type', { status: 200, body: { access_token: 'x', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' } }, 'E_NET_BAD_RESPONSE'],
    ['a server error', { status: 503, body: 'down' }, 'E_NET_SERVER_ERROR'],
  ] as const)('ends on a typed error for %s and opens nothing', async (_case, answer, code) => {
    const { launch, opened, lines } = launcher('https://login.am.fcawitech.com/', { kind: 'oidc-tokens', answer });
    expect(await launch.open(tokens())).toMatchObject({ ok: false, error: { code } });
    expect(opened).toEqual([]);
    expect(lines.join('\n')).not.toContain('eyAccessTokenSecretValue');
  });

  it('without a web app that trusts the client, opens the diagnostics page to sign in there and sends no token', async () => {
    const { launch, opened, sent } = launcher('https://login.am.fcawitech.com/', { kind: 'oidc-tokens', webApp: undefined });
    expect(await launch.open(tokens())).toEqual({ ok: true, value: { destinationHost: 'login.am.fcawitech.com' } });
    expect(opened).toEqual(['https://login.am.fcawitech.com/']);
    expect(sent).toEqual([]);
  });
});
