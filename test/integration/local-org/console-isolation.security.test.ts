/**
 * The support console against another localhost port (cookies on `localhost` are shared by every
 * port), the org's files against other local users, and the demo org's support account outside the
 * preview (issue 15).
 */
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { startLocalOrg, type LocalOrg } from '../../../main/local-org/server.ts';
import { startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';
import { consoleClient, type ConsoleClient } from '../../support/local-org/console-browser.ts';
import { runCli } from '../../support/local-org/cli-process.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
let adminSecret = '';
let reference = '';

beforeAll(async () => {
  t = await startTestOrg({ clock, policy: { userPerMinute: 1000 } });
  const admin = await t.activeUser('desk@garage.test', { totp: true });
  adminSecret = admin.secret ?? '';
  await t.admin('POST', `/api/v1/users/${admin.id}/roles`, { type: 'HELP_DESK_ADMIN' });
  await t.activeUser('tech@garage.test', { totp: true });
  reference = String((await t.post('/api/v1/support/requests', { email: 'tech@garage.test', reason: 'Cannot log in', message: 'Téléphone perdu' })).body.reference);
});
afterAll(() => t.close());

async function signedIn(): Promise<ConsoleClient> {
  const browser = consoleClient(t.url);
  expect((await browser.post('/admin/login', { username: 'desk@garage.test', password: 'Atelier-2024' })).status).toBe(303);
  const factorId = /<option value="([^"]+)"/.exec((await browser.get('/admin/mfa')).html)?.[1] ?? '';
  clock.advance(30_000);
  expect((await browser.post('/admin/mfa', { factorId, passCode: totpAt(adminSecret, clock) }, '/admin/mfa')).status).toBe(303);
  return browser;
}

const cookieHeader = (jar: ReadonlyMap<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** A GET with exactly these headers (fetch adds its own Sec-Fetch-Mode). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(t.url + path, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('support console seen from another localhost port', () => {
  it.each([
    ['a foreign Origin', { Origin: 'http://localhost:1' }],
    ['Origin null', { Origin: 'null' }],
    ['a same-site fetch (Sec-Fetch-Site)', { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' }],
  ])('refuses a data read with %s, even with the session cookie', async (_case, headers) => {
    const browser = await signedIn();
    for (const path of ['/admin', `/admin/requests/${reference}`, '/admin/audit']) {
      const response = await rawGet(path, { ...headers, Cookie: cookieHeader(browser.cookies()) });
      expect(response.status, path).toBe(403);
      expect(response.body).not.toContain('tech@garage.test');
    }
  });

  it('still opens for a plain navigation and for a link followed from elsewhere', async () => {
    const browser = await signedIn();
    const direct = await rawGet(`/admin/requests/${reference}`, { Cookie: cookieHeader(browser.cookies()) });
    expect(direct.status).toBe(200);
    expect(direct.body).toContain('tech@garage.test');
    const navigated = await rawGet(`/admin/requests/${reference}`, { Cookie: cookieHeader(browser.cookies()), 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' });
    expect(navigated.status).toBe(200);
  });

  it('refuses a form token that was not issued to the signed-in session (planted csrf cookie)', async () => {
    const victim = await signedIn();
    // The attacker's own page load gives it a csrf cookie and its token; cookies on localhost can be planted from any port.
    const attacker = consoleClient(t.url);
    const page = await attacker.get('/admin');
    const token = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const jar = new Map(victim.cookies());
    jar.set('csrf', attacker.cookies().get('csrf') ?? '');
    const response = await fetch(`${t.url}/admin/requests/${reference}/action`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: t.url, Cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrf: token, action: 'reset-factors' }).toString(),
    });
    expect(response.status).toBe(403);
    const factors = await t.admin('GET', `/api/v1/users/${String((await t.admin('GET', '/api/v1/users/tech@garage.test')).body.id)}/factors`);
    expect(factors.body).toHaveLength(1);
  });

  it('accepts the token of its own page', async () => {
    const browser = await signedIn();
    const result = await browser.post(`/admin/requests/${reference}/action`, { action: 'close', note: 'done' }, `/admin/requests/${reference}`);
    expect(result).toMatchObject({ status: 303 });
  });
});

describe('file modes', () => {
  it('keeps the org folder, its database and the outbox readable by the owner only', async () => {
    await t.provisionedUser('mode-check@garage.test');
    await t.admin('POST', `/api/v1/users/${String((await t.admin('GET', '/api/v1/users/mode-check@garage.test')).body.id)}/lifecycle/reactivate?sendEmail=true`);
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect(mode(t.dataDir)).toBe('700');
    expect(mode(join(t.dataDir, 'outbox'))).toBe('700');
    const files = readdirSync(t.dataDir).filter((name) => name.startsWith('org.sqlite'));
    expect(files).toEqual(expect.arrayContaining(['org.sqlite', 'org.sqlite-wal', 'org.sqlite-shm']));
    for (const name of files) expect(mode(join(t.dataDir, name)), name).toBe('600');
    const mails = readdirSync(join(t.dataDir, 'outbox'));
    expect(mails.length).toBeGreaterThan(0);
    for (const name of mails) expect(mode(join(t.dataDir, 'outbox', name)), name).toBe('600');
  });

  it('tightens a data folder created earlier with the usual 0755/0644', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-org-old-'));
    const first = await startLocalOrg({ dataDir: dir, port: 0, policy: { scrypt: { logN: 4, r: 8, p: 1 } } });
    await first.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'org.sqlite'), 0o644);
    chmodSync(join(dir, 'outbox'), 0o755);
    const again = await startLocalOrg({ dataDir: dir, port: 0, policy: { scrypt: { logN: 4, r: 8, p: 1 } } });
    try {
      expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
      expect((statSync(join(dir, 'org.sqlite')).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(join(dir, 'outbox')).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo org outside the preview', () => {
  let org: LocalOrg;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-org-demo-'));
    org = await startLocalOrg({ dataDir: dir, port: 0, seedDemo: true, policy: { scrypt: { logN: 4, r: 8, p: 1 } } });
  });
  afterAll(async () => {
    await org.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function consoleSignIn(password: string): Promise<number> {
    const support = org.seeded.find((user) => user.login === 'support@garage.example');
    const browser = consoleClient(org.url);
    const login = await browser.post('/admin/login', { username: 'support@garage.example', password });
    if (login.status !== 303) return login.status;
    const factorId = /<option value="([^"]+)"/.exec((await browser.get('/admin/mfa')).html)?.[1] ?? '';
    return (await browser.post('/admin/mfa', { factorId, passCode: totpAt(support?.totpSecret ?? '', undefined) }, '/admin/mfa')).status;
  }

  it('does not give the support admin the published password', async () => {
    expect(org.seeded.find((user) => user.login === 'support@garage.example')?.password).toBeUndefined();
    expect(await consoleSignIn('Atelier-2024')).toBe(401);
  });

  it('keeps the published password for the technicians', async () => {
    const response = await fetch(`${org.url}/api/v1/authn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'julie.roy@garage.example', password: 'Atelier-2024' }) });
    expect(((await response.json()) as { status: string }).status).toBe('MFA_REQUIRED');
  });

  it('prints the support password for the installer (support:password), and it signs in to the console', async () => {
    const result = await runCli(['support:password', '--data', dir]);
    expect(result.code).toBe(0);
    const password = /^SUPPORT_PASSWORD=(\S+)$/m.exec(result.stdout)?.[1] ?? '';
    expect(result.stdout).toMatch(/^SUPPORT_LOGIN=support@garage\.example$/m);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await consoleSignIn(password)).toBe(303);
  });

  it('keeps every file of the demo org folder private to its owner', () => {
    for (const name of readdirSync(dir)) expect((statSync(join(dir, name)).mode & 0o077).toString(8), name).toBe('0');
  });

  it('publishes the demo password for the browser preview when asked', async () => {
    const previewDir = mkdtempSync(join(tmpdir(), 'local-org-preview-'));
    const preview = await startLocalOrg({ dataDir: previewDir, port: 0, seedDemo: true, publishedDemoPasswords: true, policy: { scrypt: { logN: 4, r: 8, p: 1 } } });
    try {
      expect(preview.seeded.find((user) => user.login === 'support@garage.example')?.password).toBe('Atelier-2024');
    } finally {
      await preview.close();
      rmSync(previewDir, { recursive: true, force: true });
    }
  });
});
