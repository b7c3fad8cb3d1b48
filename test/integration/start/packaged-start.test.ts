/**
 * The packaged app's start-up, run under Node: the shared start-up with the packaged app's options and
 * fake Electron adapters, as main/index.ts calls it. What the packaged app does at start is exercised here:
 * the policy from its fixed path only (environment overrides ignored), the key path, the update decision,
 * `--selftest`, the stop order, and a technician signing in through the Electron IPC binding.
 */
import type { IpcMain, WebContents } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindIpc } from '../../../main/shell/ipc-binding.ts';
import { APP_ORIGIN } from '../../../main/shell/window-options.ts';
import { loadMachinePolicy } from '../../../main/settings/policy-loader.ts';
import { startApp, type RunningApp } from '../../../main/start/start-app.ts';
import type { PolicyLoader } from '../../../main/start/start-configuration.ts';
import { IPC_PREFIX } from '../../../preload/channel-names.ts';
import { fakeIpcMain, fakeWebContents } from '../../support/fakes/fake-electron.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../support/fakes/soft-ctap2-authenticator.ts';
import { createActiveUser, uniqueLogin } from '../../support/org-admin.ts';
import { fakeElectronPlatform, type ElectronPlatformRecord } from '../../support/start/fake-electron-platform.ts';

vi.mock('electron', () => ({ default: {} }));

const FIXED_LINUX_POLICY = '/etc/garage-signin/policy.json';
const POLICY = JSON.stringify({ language: 'en', allowedFactors: ['webauthn', 'totp-google'], updateUrl: 'https://updates.garage.example/stable/' });
let dir: string;
const asked: Array<{ file: string; trust: string }> = [];

/**
 * The real loader over an in-memory file system holding the installer's file at its fixed path: root's,
 * 0644, in root's folders (or, for the shared-account case, owned by the technician's uid 1000).
 */
function fixedPathLoader(owner: number): PolicyLoader {
  const folders = new Set(['/', '/etc', '/etc/garage-signin']);
  return (file, os, trust) => {
    asked.push({ file, trust });
    return loadMachinePolicy(file, {
      platform: os,
      trust,
      currentUid: 1000,
      stat: async (path) =>
        path === FIXED_LINUX_POLICY
          ? { isSymbolicLink: false, isFile: true, isDirectory: false, mode: 0o100644, uid: owner, size: POLICY.length }
          : folders.has(path)
            ? { isSymbolicLink: false, isFile: false, isDirectory: true, mode: 0o40755, uid: 0, size: 4096 }
            : undefined,
      read: async (path) => {
        if (path !== FIXED_LINUX_POLICY) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return POLICY;
      },
    });
  };
}
const policyLoader = fixedPathLoader(0);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'garage-packaged-'));
  const planted = join(dir, 'planted-policy.json');
  await writeFile(planted, JSON.stringify({ desktopAuthenticator: true }), { mode: 0o644 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the packaged app starting through the shared start-up', () => {
  let running: RunningApp;
  let record: ElectronPlatformRecord;
  const ipc = fakeIpcMain();
  const page = fakeWebContents(`${APP_ORIGIN}/index.html`);
  const call = (channel: string, payload: unknown = {}) => ipc.invoke(IPC_PREFIX + channel, payload, page) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>;

  beforeAll(async () => {
    const key = createFakeHidDevice(createSoftAuthenticator(), { touchKeepalives: 2 });
    const fake = fakeElectronPlatform({
      userData: join(dir, 'user-data'),
      key: key.device,
      // What a technician on a shared account could set: none of it may reach the packaged app.
      env: { GARAGE_SIGNIN_POLICY: join(dir, 'planted-policy.json'), GARAGE_SIGNIN_ORG_URL: 'https://phishing.example', GARAGE_SIGNIN_DIAGNOSTICS_URL: 'https://phishing.example/d' },
    });
    record = fake.record;
    const outcome = await startApp(fake.platform, { appOrigins: [APP_ORIGIN], policyLoader, org: { policy: { webauthnUserVerification: 'discouraged' } } });
    if (outcome.kind !== 'running') throw new Error('the packaged start-up exited');
    running = outcome.app;
    bindIpc(ipc as unknown as IpcMain, running.dispatch, () => page as unknown as WebContents);
  });

  it('reads the machine policy from its fixed path only, as a packaged app, and ignores every environment override', () => {
    expect(asked).toContainEqual({ file: FIXED_LINUX_POLICY, trust: 'packaged' });
    expect(asked.map((a) => a.file)).not.toContain(join(dir, 'planted-policy.json'));
    expect(running.startConfiguration.overrides).toEqual([]);
    expect(running.startConfiguration.policy).toMatchObject({ language: 'en' });
    expect(running.config.orgUrl).toBe(running.org?.url);
    expect(running.config.allowedHosts.join(' ')).not.toContain('phishing');
  });

  it('chooses the USB key path, decides updates from the policy, and starts the help-outbox timer', () => {
    expect(running.keys.keyPath).toEqual({ path: 'native-hid', reason: 'hid-available' });
    expect(record.updates).toEqual([running.updates]);
    expect(running.updates).toMatchObject({ action: 'check', feedUrl: 'https://updates.garage.example/stable/', channel: 'stable' });
    expect(record.timers.started).toBeGreaterThanOrEqual(2);
  });

  it('answers only the app window through the Electron binding, in the policy language', async () => {
    const info = await call('app.info');
    expect(info).toMatchObject({ ok: true, value: { language: 'en', keyPath: 'native-hid', updates: 'auto', trainingOrg: true } });
    expect(info.value).not.toHaveProperty('developmentOverrides');
    const stranger = fakeWebContents('https://phishing.example/');
    expect(await ipc.invoke(`${IPC_PREFIX}app.info`, {}, stranger)).toMatchObject({ ok: false, error: { code: 'E_IPC_FORBIDDEN_SENDER' } });
  });

  it('signs a technician in: password, then a security key enrolled over USB by main, then the diagnostics hand-off', async () => {
    const org = running.org;
    if (!org) throw new Error('no embedded org');
    const login = uniqueLogin('packaged');
    await createActiveUser(org, login, 'Garage-Shop-2026', 'en');
    expect(await call('auth.signIn', { username: login, password: 'Garage-Shop-2026' })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    const enrolled = await call('auth.enroll', { kind: 'webauthn' });
    expect(enrolled).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE' } });
    const registered = await call('auth.webauthnNative', {});
    expect(registered.ok).toBe(true);
    expect(record.events.some((e) => e.event === 'yubikey.touch')).toBe(true);
    const done = registered.value?.status === 'SUCCESS' ? registered : await call('auth.skip');
    expect(done).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(await call('launch.open')).toMatchObject({ ok: true });
    expect(record.opened).toHaveLength(1);
    expect(new URL(record.opened[0] ?? '').pathname).toBe('/login/sessionCookieRedirect');
  });

  it('gives the training org\'s support-desk account no published password (only the installer reads it, with the CLI)', async () => {
    const authn = (password: string) => fetch(`${running.org?.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'support@garage.example', password }) });
    expect((await authn('Atelier-2024')).status).toBe(401);
    expect(record.printed.join('\n')).not.toContain('Atelier-2024');
  });

  it('stops in order: help-outbox timer, updates, key watcher, embedded org', async () => {
    await running.stop();
    const steps = record.logLines.filter((line) => line.includes('app.stopped')).map((line) => /"step":"([^"]+)"/.exec(line)?.[1]);
    expect(steps).toEqual(['help-outbox-timer', 'updates', 'key-watcher', 'embedded-org']);
    expect(record.updatesStopped.count).toBe(1);
    expect(record.timers.cleared).toBe(record.timers.started);
    await expect(fetch(`${running.org?.url}/api/v1/authn`, { method: 'POST' })).rejects.toThrow();
  });
});

describe('a policy file a technician owns, on a shared account', () => {
  it('is refused by the packaged app: every sign-in stops on the policy error, nothing falls back to defaults', async () => {
    const fake = fakeElectronPlatform({ userData: join(dir, 'user-owned-data') });
    const outcome = await startApp(fake.platform, { appOrigins: [APP_ORIGIN], policyLoader: fixedPathLoader(1000) });
    if (outcome.kind !== 'running') throw new Error('exited');
    try {
      expect(outcome.app.startConfiguration.policyError).toMatchObject({ code: 'E_POLICY_UNSAFE_FILE' });
      const signIn = await outcome.app.composition.handlers['auth.signIn']({ username: 'x@garage.test', password: 'whatever-1' });
      expect(signIn).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE' } });
    } finally {
      await outcome.app.stop();
    }
  });
});

describe('garage-signin --selftest through the shared start-up', () => {
  it('prints the report, stops what it started, and exits with the check\'s code without opening the app', async () => {
    const fake = fakeElectronPlatform({ userData: join(dir, 'selftest-data'), argv: ['--selftest'] });
    const outcome = await startApp(fake.platform, { appOrigins: [APP_ORIGIN], policyLoader });
    expect(outcome.kind).toBe('exited');
    expect(fake.record.exits).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'exited', code: fake.record.exits[0] });
    const report = fake.record.printed.join('\n');
    expect(report).toMatch(/^Garage Sign-In /);
    expect(report).toMatch(/org/);
    expect(report).toMatch(/policy/);
    expect(fake.record.updates).toEqual([]);
    const steps = fake.record.logLines.filter((line) => line.includes('app.stopped')).map((line) => /"step":"([^"]+)"/.exec(line)?.[1]);
    expect(steps).toEqual(['key-watcher', 'embedded-org']);
  });

  it('an invalid configuration stops the start with a message and exit code 2', async () => {
    const broken: PolicyLoader = async () => ({ ok: true, value: { orgUrl: 'https://user:pw@org.example' } as never });
    const fake = fakeElectronPlatform({ userData: join(dir, 'broken-data') });
    const outcome = await startApp(fake.platform, { appOrigins: [APP_ORIGIN], policyLoader: broken });
    expect(outcome).toEqual({ kind: 'exited', code: 2 });
    expect(fake.record.exits).toEqual([2]);
    expect(fake.record.printed.join('\n')).toContain('orgUrl');
  });
});
