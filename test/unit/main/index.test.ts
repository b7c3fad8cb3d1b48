/**
 * The Electron entry, run under Node with a mocked `electron`: the wiring the packaged app depends on
 * (single instance, privileged scheme before ready, every channel bound, the window's own page answered).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../preload/channel-names.ts';
import { fakeIpcMain, fakeWebContents } from '../../support/fakes/fake-electron.ts';

const userData = mkdtempSync(join(tmpdir(), 'garage-entry-'));
const order: string[] = [];
const appHandlers = new Map<string, Array<(...args: unknown[]) => void>>();
const ipc = fakeIpcMain();
const contents = fakeWebContents('app://garage/index.html');
const windows: Array<{ options: Record<string, unknown>; focused: number }> = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = Object.assign(contents, {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, webRequest: { onHeadersReceived: () => undefined } },
    });
    record: { options: Record<string, unknown>; focused: number };
    constructor(options: Record<string, unknown>) {
      this.record = { options, focused: 0 };
      windows.push(this.record);
      order.push('window');
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.record.focused += 1;
    }
  }
  const app = {
    requestSingleInstanceLock: () => (order.push('lock'), true),
    whenReady: () => (order.push('whenReady'), Promise.resolve()),
    getPath: () => userData,
    getLocale: () => 'fr-CA',
    getVersion: () => '0.1.0',
    isPackaged: false,
    setAsDefaultProtocolClient: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    on: (event: string, handler: (...args: unknown[]) => void) => appHandlers.set(event, [...(appHandlers.get(event) ?? []), handler]),
  };
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: ipc,
    shell: { openExternal: vi.fn() },
    net: { fetch: (input: string, init: RequestInit) => fetch(input, init) },
    protocol: { registerSchemesAsPrivileged: () => order.push('scheme'), handle: () => order.push('handle') },
    // electron-store reads the default export.
    default: { app: { getPath: () => userData, getVersion: () => '0.1.0', getName: () => 'garage-signin' }, ipcMain: { on() {}, handle() {} }, shell: {} },
  };
});

await import('../../../main/index.ts');
await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 20_000 });

afterAll(() => {
  for (const handler of appHandlers.get('before-quit') ?? []) handler();
});

describe('Electron entry', () => {
  it('registers the privileged app scheme and takes the single-instance lock before the app is ready', () => {
    expect(order.indexOf('scheme')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.indexOf('lock')).toBeLessThan(order.indexOf('whenReady'));
    expect(order).toContain('handle');
  });

  it('binds every contract channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((name) => IPC_PREFIX + name).sort());
  });

  it('creates one sandboxed window with the bundled preload', () => {
    const prefs = windows[0]?.options.webPreferences as { preload: string; sandbox: boolean };
    expect(prefs.sandbox).toBe(true);
    expect(prefs.preload.endsWith(join('preload', 'index.cjs'))).toBe(true);
  });

  it('answers the window’s own page on the embedded training org', async () => {
    const response = await ipc.invoke(`${IPC_PREFIX}app.info`, {}, contents);
    expect(response).toMatchObject({ ok: true, value: { trainingOrg: true, language: 'fr', version: '0.1.0' } });
  });

  // On Windows the path depends on the account's rights (path-choice.ts); Linux and macOS always drive keys over USB.
  it.skipIf(process.platform === 'win32')('drives security keys itself over USB on Linux and macOS, and says so to support', async () => {
    const info = await ipc.invoke(`${IPC_PREFIX}app.info`, {}, contents);
    expect(info).toMatchObject({ ok: true, value: { keyPath: 'native-hid' } });
    const diagnostics = await ipc.invoke(`${IPC_PREFIX}support.diagnostics`, { screenId: 'E-16' }, contents);
    expect(diagnostics).toMatchObject({ ok: true, value: { securityKeyPath: 'native-hid', securityKeyPathReason: 'hid-available' } });
  });

  it('brings the running window forward when a second instance starts', () => {
    for (const handler of appHandlers.get('second-instance') ?? []) handler({}, ['garage-signin']);
    expect(windows[0]?.focused).toBe(1);
  });

  it('keeps the app’s data in Electron’s userData folder and stops the embedded org on before-quit', async () => {
    expect(await ipc.invoke(`${IPC_PREFIX}support.saveDraft`, { email: 'a@garage.test', reason: 'cannot-log-in', message: 'x', includeDiagnostics: false }, contents)).toMatchObject({ ok: true });
    expect(existsSync(join(userData, 'support'))).toBe(true);
    const info = (await ipc.invoke(`${IPC_PREFIX}app.info`, {}, contents)) as { value: { orgHost: string } };
    const orgUrl = `http://${info.value.orgHost}/api/v1/authn`;
    expect((await fetch(orgUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBeLessThan(500);
    for (const handler of appHandlers.get('before-quit') ?? []) handler();
    await vi.waitFor(async () => expect(await fetch(orgUrl, { method: 'POST' }).then(() => 'answered', () => 'stopped')).toBe('stopped'), { timeout: 10_000 });
  });
});
