/**
 * The shared start-up on an embedded org running the Identity Engine: with nothing configured, the app
 * detects the engine and signs the demo technician in through IDX with its own native client (loopback
 * redirect), the org's client registered at its first start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../../main/auth/authn-http.ts';
import { DEMO_PASSWORD } from '../../../main/local-org/demo-seed.ts';
import { startApp, type RunningApp } from '../../../main/start/start-app.ts';
import { CHEAP_SCRYPT } from '../../support/local-org/test-org.ts';
import { fakeElectronPlatform } from '../../support/start/fake-electron-platform.ts';

vi.mock('electron', () => ({ default: {} }));

let dir: string;
let running: RunningApp;
const paths: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'garage-idx-start-'));
  const fake = fakeElectronPlatform({ userData: join(dir, 'data') });
  const recording: FetchLike = (url, init) => {
    paths.push(new URL(url).pathname);
    return fake.platform.fetch(url, init);
  };
  const outcome = await startApp({ ...fake.platform, isPackaged: false, fetch: recording }, { appOrigins: ['app://garage'], org: { engine: 'identity', policy: { scrypt: CHEAP_SCRYPT } } });
  if (outcome.kind !== 'running') throw new Error('exited');
  running = outcome.app;
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the app on an embedded Identity Engine org', () => {
  it('signs the demo technician in with password and TOTP through IDX, with no configuration', async () => {
    const julie = running.org?.seeded.find((u) => u.login === 'julie.roy@garage.example');
    expect(running.org?.engine()).toBe('identity');
    expect(julie?.totpSecret).toBeDefined();
    const { handlers } = running.composition;
    const first = await handlers['auth.signIn']({ username: 'julie.roy@garage.example', password: DEMO_PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
    const factorId = first.ok ? first.value.factors?.find((f) => f.kind === 'totp-google')?.id : undefined;
    const done = await handlers['auth.verify']({ factorId: factorId ?? '', passCode: generateSync({ secret: julie?.totpSecret ?? '' }) });
    expect(done).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login: 'julie.roy@garage.example' } } });
    expect(paths).toContain('/.well-known/okta-organization');
    expect(paths).toContain('/oauth2/default/v1/token');
    expect(paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
  });

  it('names the engine in app.info and in the help request diagnostics', async () => {
    const { handlers } = running.composition;
    expect(await handlers['app.info']({})).toMatchObject({ ok: true, value: { engine: 'identity' } });
    expect(await handlers['support.diagnostics']({ screenId: 'E-01' })).toMatchObject({ ok: true, value: { engine: 'identity' } });
  });
});
