import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { signIn, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
let counter = 0;

beforeAll(async () => {
  t = await startTestOrg({ clock, redirectAllowList: ['https://login.witech.example', 'https://apps.witech.example/portal'] });
});
afterAll(() => t.close());

/** A fresh sessionToken from a full password + TOTP sign-in. */
async function sessionToken(): Promise<string> {
  counter += 1;
  const login = `handoff${counter}@garage.test`;
  const { secret } = await t.activeUser(login, { totp: true });
  const { body } = await signIn(t, login);
  const done = await t.post(`/api/v1/authn/factors/${body._embedded.factors[0].id}/verify`, { stateToken: body.stateToken, passCode: totpAt(secret ?? '', clock) });
  return String(done.body.sessionToken);
}

const redirect = (token: string, target: string) => t.get(`/login/sessionCookieRedirect?token=${encodeURIComponent(token)}&redirectUrl=${encodeURIComponent(target)}`);

describe('session cookie redirect', () => {
  it('consumes the sessionToken, sets the sid cookie and redirects to the diagnostics page that shows the user', async () => {
    const token = await sessionToken();
    const result = await redirect(token, `${t.url}/diagnostics`);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe(`${t.url}/diagnostics`);
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const sid = cookie.split(';')[0] ?? '';
    const me = await t.get('/api/v1/sessions/me', { Cookie: sid });
    expect(me.body).toMatchObject({ login: `handoff${counter}@garage.test`, status: 'ACTIVE', amr: ['pwd', 'mfa'] });
    expect(me.body.id).toMatch(/^102/);
    const page = await t.get('/diagnostics', { Cookie: sid });
    expect(page.body.text).toContain(`data-login="handoff${counter}@garage.test"`);
    expect((await redirect(token, `${t.url}/diagnostics`)).body.errorCode).toBe('E0000011');
  });

  it.each([
    ['an allow-listed origin', 'https://login.witech.example/any/page?x=1'],
    ['a path under an allow-listed prefix', 'https://apps.witech.example/portal/home'],
  ])('redirects to %s', async (_case, target) => {
    const result = await redirect(await sessionToken(), target);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe(new URL(target).href);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a look-alike host', 'https://login.witech.example.evil.example/'],
    ['user-info before an evil host', 'https://login.witech.example@evil.example/'],
    ['user-info on the trusted host', 'https://evil@login.witech.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a relative path', '/diagnostics'],
    ['backslashes', 'https:\\\\evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['plain http to an https-only entry', 'http://login.witech.example/'],
    ['a sibling of an allowed path', 'https://apps.witech.example/portalevil'],
    ['an encoded slash escaping the allowed path', 'https://apps.witech.example/portal%2f..%2fadmin'],
    ['the org itself outside /diagnostics', 'ORG/api/v1/users'],
    ['an empty redirectUrl', ''],
  ])('refuses an open redirect to %s and does not burn the token', async (_case, target) => {
    const token = await sessionToken();
    const result = await redirect(token, target.replace('ORG', t.url));
    expect(result.status).toBe(400);
    expect(result.body.errorCode).toBe('E0000001');
    expect(result.headers.get('location')).toBeNull();
    expect((await redirect(token, `${t.url}/diagnostics`)).status).toBe(302);
  });

  it('refuses an expired sessionToken (five-minute lifetime)', async () => {
    const token = await sessionToken();
    clock.advance(5 * 60 * 1000);
    expect((await redirect(token, `${t.url}/diagnostics`)).body.errorCode).toBe('E0000011');
  });
});

describe('sessions API', () => {
  it.each([
    ['no cookie', {}],
    ['a forged cookie', { Cookie: 'sid=forged' }],
  ])('answers 404 E0000007 with %s', async (_case, headers) => {
    const result = await t.get('/api/v1/sessions/me', headers);
    expect(result.status).toBe(404);
    expect(result.body.errorCode).toBe('E0000007');
  });

  it('closes the session on DELETE', async () => {
    const result = await redirect(await sessionToken(), `${t.url}/diagnostics`);
    const sid = (result.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const closed = await fetch(`${t.url}/api/v1/sessions/me`, { method: 'DELETE', headers: { Cookie: sid } });
    expect(closed.status).toBe(204);
    expect((await t.get('/api/v1/sessions/me', { Cookie: sid })).status).toBe(404);
    expect((await t.get('/diagnostics', { Cookie: sid })).body.text).toContain('data-signed-in="false"');
  });
});
