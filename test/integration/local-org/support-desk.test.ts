import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { signIn, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';
import { consoleClient, type ConsoleClient } from '../../support/local-org/console-browser.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
let adminSecret = '';

const help = (body: Record<string, unknown>) => t.post('/api/v1/support/requests', body);
const valid = { email: 'lost.phone@garage.test', reason: 'Cannot log in', message: 'J’ai perdu mon téléphone, je ne peux plus générer de code.' };

beforeAll(async () => {
  t = await startTestOrg({ clock, policy: { userPerMinute: 1000 } });
  const admin = await t.activeUser('desk@garage.test', { totp: true });
  adminSecret = admin.secret ?? '';
  expect((await t.admin('POST', `/api/v1/users/${admin.id}/roles`, { type: 'HELP_DESK_ADMIN' })).status).toBe(201);
  await t.activeUser('lost.phone@garage.test', { totp: true, locale: 'fr_CA' });
  await t.activeUser('plain@garage.test', { totp: true });
});
afterAll(() => t.close());

async function signedInConsole(): Promise<ConsoleClient> {
  const browser = consoleClient(t.url);
  const login = await browser.post('/admin/login', { username: 'desk@garage.test', password: 'Atelier-2024' });
  expect(login).toMatchObject({ status: 303, location: '/admin/mfa' });
  const mfaPage = await browser.get('/admin/mfa');
  const factorId = /<option value="([^"]+)"/.exec(mfaPage.html)?.[1] ?? '';
  clock.advance(30_000);
  const mfa = await browser.post('/admin/mfa', { factorId, passCode: totpAt(adminSecret, clock) }, '/admin/mfa');
  expect(mfa).toMatchObject({ status: 303, location: '/admin' });
  return browser;
}

describe('help requests', () => {
  it('stores a request, answers 201 with an HR- reference and acknowledges it by e-mail in French', async () => {
    const result = await help({ ...valid, diagnostics: { app: '0.1.0', os: 'linux' } });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ status: 'OPEN', reason: 'Cannot log in' });
    expect(result.body.reference).toMatch(/^HR-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}$/);
    const ack = t.outbox().filter((m) => m.to === 'lost.phone@garage.test').pop();
    expect(ack?.subject).toBe(`Votre demande d’assistance ${result.body.reference} a été reçue`);
  });

  it.each([
    ['a malformed e-mail', { ...valid, email: 'nope' }],
    ['a reason outside the list', { ...valid, reason: 'Free text' }],
    ['an empty message', { ...valid, message: '   ' }],
    ['a message over 2,000 characters', { ...valid, message: 'x'.repeat(2001) }],
    ['an unknown field', { ...valid, priority: 'urgent' }],
    ['an oversized diagnostics block', { ...valid, diagnostics: { blob: 'x'.repeat(9000) } }],
  ])('refuses %s with 400 E0000001', async (_case, body) => {
    const result = await help(body);
    expect(result.status).toBe(400);
    expect(result.body.errorCode).toBe('E0000001');
  });

  it('limits requests per e-mail address with 429 E0000047', async () => {
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await help({ ...valid, email: 'spam@garage.test' })).status);
    expect(codes).toEqual([201, 201, 201, 429]);
  });
});

describe('support console', () => {
  it('shows the sign-in form to a visitor and refuses a user without an admin role', async () => {
    const browser = consoleClient(t.url);
    expect((await browser.get('/admin')).html).toContain('name="password"');
    const refused = await browser.post('/admin/login', { username: 'plain@garage.test', password: 'Atelier-2024' });
    expect(refused.status).toBe(401);
    expect((await browser.get('/admin/requests/HR-AAAA')).location).toBe('/admin');
  });

  it('requires the second factor before any page opens', async () => {
    const browser = consoleClient(t.url);
    await browser.post('/admin/login', { username: 'desk@garage.test', password: 'Atelier-2024' });
    expect((await browser.get('/admin/audit')).location).toBe('/admin');
    const wrong = await browser.post('/admin/mfa', { factorId: 'x', passCode: '000000' }, '/admin/mfa');
    expect(wrong.status).toBe(401);
  });

  it('sets HttpOnly SameSite=Strict cookies scoped to /admin', async () => {
    const browser = await signedInConsole();
    const session = browser.setCookies().find((line) => line.startsWith('admin_sid='));
    expect(session).toMatch(/; Path=\/admin; HttpOnly; SameSite=Strict/);
    expect(browser.setCookies().find((line) => line.startsWith('csrf='))).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it.each([
    ['no CSRF token', (fields: Record<string, string>) => ({ ...fields, csrf: '' }), {}],
    ['a forged CSRF token', (fields: Record<string, string>) => ({ ...fields, csrf: 'forged' }), {}],
    ['a foreign Origin', (fields: Record<string, string>) => fields, { Origin: 'https://evil.example' }],
  ])('refuses an action with %s (403)', async (_case, mutate, headers) => {
    const browser = await signedInConsole();
    const { body } = await help({ ...valid, email: 'plain@garage.test' });
    const page = await browser.get(`/admin/requests/${body.reference}`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const cookie = [...browser.cookies()].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${t.url}/admin/requests/${body.reference}/action`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: t.url, ...headers },
      body: new URLSearchParams(mutate({ csrf, action: 'reset-factors' })).toString(),
    });
    expect(response.status).toBe(403);
    expect((await signIn(t, 'plain@garage.test')).body.status).toBe('MFA_REQUIRED');
  });

  it('takes a help request through reset factors and close: e-mail sent, MFA_ENROLL at next sign-in, audit written', async () => {
    const { body } = await help({ ...valid, message: 'Téléphone cassé' });
    const browser = await signedInConsole();
    expect((await browser.get('/admin?q=cass%C3%A9')).html).toContain(body.reference);
    const detail = await browser.get(`/admin/requests/${body.reference}`);
    expect(detail.html).toContain('token:software:totp/GOOGLE ACTIVE');
    const reset = await browser.post(`/admin/requests/${body.reference}/action`, { action: 'reset-factors' }, `/admin/requests/${body.reference}`);
    expect(reset.location).toBe(`/admin/requests/${body.reference}?done=reset-factors`);
    const notice = t.outbox().filter((m) => m.to === 'lost.phone@garage.test').pop();
    expect(notice?.subject).toBe('Votre authentification multifacteur wiTECH 2.0 a été réinitialisée');
    expect((await signIn(t, 'lost.phone@garage.test')).body.status).toBe('MFA_ENROLL');
    await browser.post(`/admin/requests/${body.reference}/action`, { action: 'close', note: 'Factors reset, user informed' }, `/admin/requests/${body.reference}`);
    expect((await browser.get(`/admin/requests/${body.reference}`)).html).toContain('data-request-status="CLOSED"');
    expect((await browser.get('/admin')).html).not.toContain(body.reference);
    const auditLog = (await browser.get('/admin/audit')).html;
    expect(auditLog).toContain('reset-factors');
    expect(auditLog).toContain('close');
    expect(auditLog).toContain('desk@garage.test');
  });

  it('signs out and the old session cookie no longer opens pages', async () => {
    const browser = await signedInConsole();
    const sid = browser.cookies().get('admin_sid') ?? '';
    await browser.post('/admin/logout', {});
    const reuse = await fetch(`${t.url}/admin/audit`, { redirect: 'manual', headers: { Cookie: `admin_sid=${sid}` } });
    expect(reuse.headers.get('location')).toBe('/admin');
  });
});
