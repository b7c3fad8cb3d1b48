/**
 * The org's HTTP surface as a web page or another local user would attack it (issue 15): bodies in
 * another content type, foreign Origins and Hosts, the console's sign-in without limits, second-factor
 * guessing across transactions, and the console reached from another localhost port.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type Json, type TestOrg } from '../../support/local-org/test-org.ts';
import { consoleClient } from '../../support/local-org/console-browser.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
let port = 0;
const TRUSTED_BY_OPTION = 'http://localhost:47001';

beforeAll(async () => {
  t = await startTestOrg({ clock, expectedOrigins: [TRUSTED_BY_OPTION], policy: { userPerMinute: 5, ipPerMinute: 1000 } });
  port = Number(new URL(t.url).port);
});
afterAll(() => t.close());
// A fresh rate-limit window for each test: the per-user limit is low here on purpose.
beforeEach(() => clock.advance(60_000));

/** A raw request, so that Host and Content-Type are exactly what a hostile page or rebinding DNS would send. */
function raw(options: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string; address?: string }): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: options.address ?? '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers: { Host: options.host ?? `localhost:${port}`, ...(options.headers ?? {}) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let body: Json;
          try {
            body = JSON.parse(text);
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

const statusOf = async (id: string) => (await t.admin('GET', `/api/v1/users/${id}`)).body.status as string;

describe('content types', () => {
  it('refuses a text/plain primary authentication with 415, before any password is checked', async () => {
    const { id } = await t.activeUser('plain-text@garage.test');
    for (let i = 0; i < 11; i += 1) {
      const result = await t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: 'wrong' }, { 'Content-Type': 'text/plain' });
      expect(result.status).toBe(415);
      expect(result.body).toMatchObject({ errorCode: 'E0000415', errorSummary: 'Unsupported Media Type', errorCauses: [{ errorSummary: 'Content-Type: expected application/json' }] });
    }
    expect(await statusOf(id)).toBe('ACTIVE');
    expect((await signIn(t, 'plain-text@garage.test')).status).toBe(200);
  });

  it.each([
    ['a help request', '/api/v1/support/requests', { email: 'x@garage.test', reason: 'Cannot log in', message: 'hello' }],
    ['a recovery e-mail', '/api/v1/authn/recovery/password', { username: 'plain-text@garage.test', factorType: 'EMAIL' }],
  ])('refuses %s sent as a form or without a content type', async (_case, path, body) => {
    const before = t.outbox().length;
    const form = await t.post(path, new URLSearchParams(body).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const none = await raw({ path, body: JSON.stringify(body) });
    expect(none.status).toBe(415);
    expect(t.outbox().length).toBe(before);
  });

  it('accepts application/json with parameters', async () => {
    const result = await t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: PASSWORD }, { 'Content-Type': 'application/json; charset=UTF-8' });
    expect(result.status).toBe(200);
  });

  it('refuses an admin API call in another content type', async () => {
    const result = await raw({ path: '/api/v1/users?activate=false', headers: { 'Content-Type': 'text/plain', Authorization: `SSWS ${t.org.adminToken}` }, body: JSON.stringify({ profile: { firstName: 'A', lastName: 'B', email: 'ct@garage.test', login: 'ct@garage.test' } }) });
    expect(result.status).toBe(415);
  });

  it('refuses a console form sent as JSON', async () => {
    const result = await t.post('/admin/login', { username: 'a', password: 'b', csrf: 'c' }, { Origin: t.url });
    expect(result.status).toBe(415);
  });
});

describe('Origin', () => {
  it('refuses a state-changing request from a foreign origin with 403 E0000006', async () => {
    const result = await t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: PASSWORD }, { Origin: 'http://evil.example' });
    expect(result.status).toBe(403);
    expect(result.body.errorCode).toBe('E0000006');
    const otherPort = await t.post('/api/v1/support/requests', { email: 'x@garage.test', reason: 'Cannot log in', message: 'hi' }, { Origin: 'http://localhost:1' });
    expect(otherPort.status).toBe(403);
  });

  it.each([
    ['none (okta-auth-js under Node, the app main process)', undefined],
    ['the org itself', 'self'],
    ['the org under 127.0.0.1', '127'],
    ['an origin of the expectedOrigins option', TRUSTED_BY_OPTION],
  ])('accepts %s', async (_case, origin) => {
    const value = origin === 'self' ? t.url : origin === '127' ? `http://127.0.0.1:${port}` : origin;
    const result = await t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: PASSWORD }, value ? { Origin: value } : {});
    expect(result.status).toBe(200);
  });

  it('accepts an origin once it is an active trusted origin (Okta Trusted Origins API), and not after deactivation or deletion', async () => {
    const origin = 'https://portal.garage.test';
    const attempt = () => t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: PASSWORD }, { Origin: origin });
    expect((await attempt()).status).toBe(403);
    const created = await t.admin('POST', '/api/v1/trustedOrigins', { name: 'Garage portal', origin, scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Garage portal', origin, status: 'ACTIVE', scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }] });
    expect(created.body.id).toMatch(/^tos/);
    expect(created.body._links.self.href).toBe(`${t.url}/api/v1/trustedOrigins/${created.body.id}`);
    expect((await t.admin('GET', '/api/v1/trustedOrigins')).body.map((o: Json) => o.origin)).toContain(origin);
    expect((await attempt()).status).toBe(200);
    expect((await t.admin('POST', `/api/v1/trustedOrigins/${created.body.id}/lifecycle/deactivate`)).body.status).toBe('INACTIVE');
    expect((await attempt()).status).toBe(403);
    expect((await t.admin('POST', `/api/v1/trustedOrigins/${created.body.id}/lifecycle/activate`)).body.status).toBe('ACTIVE');
    expect((await attempt()).status).toBe(200);
    expect((await t.admin('DELETE', `/api/v1/trustedOrigins/${created.body.id}`)).status).toBe(204);
    expect((await attempt()).status).toBe(403);
  });

  it('trusts only CORS-scoped origins for requests, and refuses malformed origins', async () => {
    const origin = 'https://redirect-only.garage.test';
    expect((await t.admin('POST', '/api/v1/trustedOrigins', { name: 'Redirect only', origin, scopes: [{ type: 'REDIRECT' }] })).status).toBe(200);
    expect((await t.post('/api/v1/authn', { username: 'plain-text@garage.test', password: PASSWORD }, { Origin: origin })).status).toBe(403);
    const bad = await t.admin('POST', '/api/v1/trustedOrigins', { name: 'Bad', origin: 'https://x.test/path', scopes: [{ type: 'CORS' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
  });
});

describe('Host', () => {
  it.each([['localhost'], ['127.0.0.1'], ['[::1]']])('answers requests for %s:<port>', async (host) => {
    expect((await raw({ method: 'GET', path: '/api/v1/users/questions', host: `${host}:${port}` })).status).not.toBe(421);
    const result = await raw({ path: '/api/v1/authn', host: `${host}:${port}`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'plain-text@garage.test', password: PASSWORD }) });
    expect(result.status).toBe(200);
  });

  it.each([['evil.example'], [`evil.example:${0}`], ['localhost:1'], ['localhost']])('refuses Host %j (DNS rebinding) with 421', async (host) => {
    const result = await raw({ path: '/api/v1/authn', host: host === 'evil.example:0' ? `evil.example:${port}` : host, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'plain-text@garage.test', password: PASSWORD }) });
    expect(result.status).toBe(421);
    expect(result.body.errorCode).toBe('E0000421');
  });
});

describe('support console sign-in limits', () => {
  it('limits password attempts per user at the console as on the API (429 after userPerMinute)', async () => {
    const { id } = await t.activeUser('console-spray@garage.test', { totp: true });
    expect((await t.admin('POST', `/api/v1/users/${id}/roles`, { type: 'HELP_DESK_ADMIN' })).status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await consoleClient(t.url).post('/admin/login', { username: 'console-spray@garage.test', password: `wrong-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Spent on the console, the user's budget is spent on the API too.
    expect((await signIn(t, 'console-spray@garage.test')).status).toBe(429);
  });

  it('limits passcode attempts per user at /admin/mfa', async () => {
    clock.advance(60_000);
    const { id, secret } = await t.activeUser('console-mfa@garage.test', { totp: true });
    await t.admin('POST', `/api/v1/users/${id}/roles`, { type: 'HELP_DESK_ADMIN' });
    const browser = consoleClient(t.url);
    expect((await browser.post('/admin/login', { username: 'console-mfa@garage.test', password: PASSWORD })).status).toBe(303);
    const factorId = /<option value="([^"]+)"/.exec((await browser.get('/admin/mfa')).html)?.[1] ?? '';
    const statuses = [];
    // One per-user budget: the password used 1 of 5.
    for (let i = 0; i < 5; i += 1) statuses.push((await browser.post('/admin/mfa', { factorId, passCode: '000000' }, '/admin/mfa')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(secret).toBeTruthy();
  });
});

describe('second-factor lockout across transactions', () => {
  async function challenge(login: string) {
    const { id, secret } = await t.activeUser(login, { totp: true });
    const start = async () => {
      const { body } = await signIn(t, login);
      return { stateToken: String(body.stateToken), verify: String(body._embedded.factors[0]._links.verify.href).replace(t.url, '') };
    };
    return { id, secret: secret ?? '', start };
  }
  const verify = (c: { stateToken: string; verify: string }, passCode: string) => t.post(c.verify, { stateToken: c.stateToken, passCode });

  it('counts bad codes per factor across transactions: a new password does not reset them, the fifth locks the user', async () => {
    clock.advance(60_000);
    const c = await challenge('guesser@garage.test');
    const first = await c.start();
    for (let i = 0; i < 4; i += 1) expect((await verify(first, '111111')).body.errorCode).toBe('E0000068');
    clock.advance(60_000);
    const second = await c.start();
    const fifth = await verify(second, '111111');
    expect(fifth.status).toBe(403);
    expect(fifth.body.errorCode).toBe('E0000069');
    expect(await statusOf(c.id)).toBe('LOCKED_OUT');
    expect((await verify(second, totpAt(c.secret, clock))).body.errorCode).toBe('E0000011');
    expect((await signIn(t, 'guesser@garage.test')).body.status).toBe('LOCKED_OUT');
  });

  it('lets a wrong code then the right one through, and the right one clears the count', async () => {
    clock.advance(60_000);
    const c = await challenge('typo@garage.test');
    const first = await c.start();
    for (let i = 0; i < 4; i += 1) await verify(first, '222222');
    expect((await verify(first, totpAt(c.secret, clock))).body.status).toBe('SUCCESS');
    clock.advance(60_000);
    const second = await c.start();
    for (let i = 0; i < 4; i += 1) expect((await verify(second, '222222')).body.errorCode).toBe('E0000068');
    expect((await verify(second, totpAt(c.secret, clock))).body.status).toBe('SUCCESS');
  });

  it('admin unlock clears the count', async () => {
    clock.advance(60_000);
    const c = await challenge('unlock-me@garage.test');
    const first = await c.start();
    for (let i = 0; i < 5; i += 1) await verify(first, '333333');
    expect(await statusOf(c.id)).toBe('LOCKED_OUT');
    expect((await t.admin('POST', `/api/v1/users/${c.id}/lifecycle/unlock`)).status).toBe(200);
    clock.advance(60_000);
    const again = await c.start();
    expect((await verify(again, '333333')).body.errorCode).toBe('E0000068');
    expect(await statusOf(c.id)).toBe('ACTIVE');
  });

  it('counts console passcode failures too', async () => {
    clock.advance(60_000);
    const c = await challenge('console-guess@garage.test');
    await t.admin('POST', `/api/v1/users/${c.id}/roles`, { type: 'HELP_DESK_ADMIN' });
    const first = await c.start();
    for (let i = 0; i < 4; i += 1) await verify(first, '444444');
    const browser = consoleClient(t.url);
    await browser.post('/admin/login', { username: 'console-guess@garage.test', password: PASSWORD });
    const factorId = /<option value="([^"]+)"/.exec((await browser.get('/admin/mfa')).html)?.[1] ?? '';
    expect((await browser.post('/admin/mfa', { factorId, passCode: '444444' }, '/admin/mfa')).status).toBe(401);
    expect(await statusOf(c.id)).toBe('LOCKED_OUT');
  });

  it('enrollment typos end the transaction without claiming a lock', async () => {
    clock.advance(60_000);
    await t.activeUser('enroll-typo@garage.test');
    const start = await signIn(t, 'enroll-typo@garage.test');
    const enrolled = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider: 'GOOGLE' });
    const activate = String(enrolled.body._links.next.href).replace(t.url, '');
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await t.post(activate, { stateToken: start.body.stateToken, passCode: '555555' })).body.errorCode);
    expect(codes).toEqual(['E0000068', 'E0000068', 'E0000068', 'E0000068', 'E0000068', 'E0000011']);
  });
});
