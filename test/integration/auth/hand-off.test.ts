/**
 * The hand-off to diagnostics through the shared start-up, on both engines of the embedded org: after an
 * IDX sign-in, `launch.open` trades the app's tokens for an interclient token (Native-to-Web SSO) and the
 * opened URL, followed as a browser would (redirects, cookie jar), lands on the diagnostics page signed in;
 * after a Classic sign-in it still goes through `/login/sessionCookieRedirect`. No token reaches the log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../../main/auth/authn-http.ts';
import { DEMO_PASSWORD } from '../../../main/local-org/demo-seed.ts';
import type { OrgEngine } from '../../../main/local-org/idx/engine.ts';
import { startApp, type RunningApp } from '../../../main/start/start-app.ts';
import { CHEAP_SCRYPT } from '../../support/local-org/test-org.ts';
import { fakeElectronPlatform, type ElectronPlatformRecord } from '../../support/start/fake-electron-platform.ts';

vi.mock('electron', () => ({ default: {} }));

const JULIE = 'julie.roy@garage.example';
const started: Array<{ app: RunningApp; dir: string }> = [];

afterAll(async () => {
  for (const { app, dir } of started) {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

async function start(engine: OrgEngine): Promise<{ app: RunningApp; record: ElectronPlatformRecord; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), `garage-hand-off-${engine}-`));
  const fake = fakeElectronPlatform({ userData: join(dir, 'data') });
  const paths: string[] = [];
  const recording: FetchLike = (url, init) => {
    paths.push(new URL(url).pathname);
    return fake.platform.fetch(url, init);
  };
  const outcome = await startApp({ ...fake.platform, isPackaged: false, fetch: recording }, { appOrigins: ['app://garage'], org: { engine, policy: { scrypt: CHEAP_SCRYPT } } });
  if (outcome.kind !== 'running') throw new Error('exited');
  started.push({ app: outcome.app, dir });
  return { app: outcome.app, record: fake.record, paths };
}

async function signInJulie(app: RunningApp): Promise<void> {
  const julie = app.org?.seeded.find((u) => u.login === JULIE);
  const { handlers } = app.composition;
  const first = await handlers['auth.signIn']({ username: JULIE, password: DEMO_PASSWORD });
  const factorId = first.ok ? first.value.factors?.find((f) => f.kind === 'totp-google')?.id : undefined;
  const done = await handlers['auth.verify']({ factorId: factorId ?? '', passCode: generateSync({ secret: julie?.totpSecret ?? '' }) });
  expect(done).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
}

/** Follows redirects as the system browser would, keeping the cookies each host sets; returns the last page. */
async function browse(url: string): Promise<{ url: string; html: string; hops: string[] }> {
  const jar = new Map<string, string>();
  const hops: string[] = [];
  let current = url;
  for (let i = 0; i < 10; i += 1) {
    hops.push(current);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(current, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    return { url: current, html: await response.text(), hops };
  }
  throw new Error('too many redirects');
}

describe('the hand-off to diagnostics', () => {
  it('on Identity Engine: Native-to-Web SSO opens the diagnostics page signed in, once, and no token is logged', async () => {
    const { app, record, paths } = await start('identity');
    await signInJulie(app);
    const { handlers } = app.composition;
    const orgHost = new URL(app.org?.url ?? '').host;
    expect(await handlers['launch.describe']({})).toEqual({ ok: true, value: { destinationHost: orgHost, allowed: true } });
    const launched = await handlers['launch.open']({});
    expect(launched).toEqual({ ok: true, value: { destinationHost: orgHost } });
    expect(paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
    expect(paths.at(-1)).toBe('/oauth2/default/v1/token');

    const opened = new URL(record.opened[0] ?? '');
    expect(opened.pathname).toBe('/oauth2/default/v1/authorize');
    expect(opened.searchParams.get('client_id')).toBe(app.org?.clients.diagnostics);
    const interclient = opened.searchParams.get('interclient_token') ?? '';
    expect(interclient.length).toBeGreaterThan(20);

    const landed = await browse(opened.toString());
    expect(landed.url).toBe(`${app.org?.url}/diagnostics`);
    expect(landed.hops.map((hop) => new URL(hop).pathname)).toEqual(['/oauth2/default/v1/authorize', '/diagnostics/callback', '/diagnostics']);
    expect(landed.html).toContain('data-signed-in="true"');
    expect(landed.html).toContain(`data-login="${JULIE}"`);

    // The grant is spent: a second click needs a new sign-in, and the interclient token does not open twice.
    expect(await handlers['launch.open']({})).toMatchObject({ ok: false, error: { code: 'E_AUTH_NO_TRANSACTION' } });
    expect(record.opened).toHaveLength(1);
    expect((await browse(opened.toString())).html).toContain('data-signed-in="false"');

    const log = record.logLines.join('\n');
    expect(log).toContain('launch.opened');
    expect(log).not.toContain(interclient);
  });

  it('on Classic: the session token still goes through sessionCookieRedirect and lands signed in', async () => {
    const { app, record, paths } = await start('classic');
    await signInJulie(app);
    expect(await app.composition.handlers['launch.open']({})).toMatchObject({ ok: true });
    expect(paths.some((p) => p.startsWith('/oauth2/'))).toBe(false);
    const opened = new URL(record.opened[0] ?? '');
    expect(opened.pathname).toBe('/login/sessionCookieRedirect');
    expect(opened.searchParams.get('redirectUrl')).toBe(`${app.org?.url}/diagnostics`);
    const landed = await browse(opened.toString());
    expect(landed.url).toBe(`${app.org?.url}/diagnostics`);
    expect(landed.html).toContain('data-signed-in="true"');
    expect(record.logLines.join('\n')).not.toContain(opened.searchParams.get('token') ?? 'no token');
  });
});

describe('what support sees of the engine', () => {
  it('on Identity Engine: the engine and the org’s authenticators in app.info, the help request’s diagnostics and the self-test', async () => {
    const { app } = await start('identity');
    const { handlers } = app.composition;
    const before = await handlers['support.selfTest']({});
    expect(before.ok && before.value.checks.find((c) => c.id === 'engine')).toMatchObject({ ok: true, detail: 'Identity Engine (IDX); authenticators: known after a sign-in' });
    await signInJulie(app);
    const info = await handlers['app.info']({});
    expect(info).toMatchObject({ ok: true, value: { engine: 'identity', authenticators: expect.arrayContaining(['google_otp', 'okta_password']) } });
    const diagnostics = await handlers['support.diagnostics']({ screenId: 'E-20' });
    expect(diagnostics).toMatchObject({ ok: true, value: { engine: 'identity', authenticators: expect.arrayContaining(['google_otp', 'okta_password']) } });
    const report = await handlers['support.selfTest']({});
    const engine = report.ok ? report.value.checks.find((c) => c.id === 'engine') : undefined;
    expect(engine).toMatchObject({ ok: true, detail: expect.stringMatching(/^Identity Engine \(IDX\); authenticators: .*google_otp/) });
  });

  it('on Classic: the engine, and no authenticator list', async () => {
    const { app } = await start('classic');
    const { handlers } = app.composition;
    await signInJulie(app);
    const diagnostics = await handlers['support.diagnostics']({ screenId: 'E-20' });
    expect(diagnostics).toMatchObject({ ok: true, value: { engine: 'classic' } });
    expect(diagnostics.ok && 'authenticators' in diagnostics.value).toBe(false);
    const report = await handlers['support.selfTest']({});
    expect(report.ok && report.value.checks.find((c) => c.id === 'engine')).toMatchObject({ ok: true, detail: 'Classic Engine (Authn API)' });
  });
});
