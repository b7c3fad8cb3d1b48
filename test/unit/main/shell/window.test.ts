import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const created: Array<{ options: Record<string, unknown>; on: Map<string, Listener>; openHandler?: (details: { url: string }) => unknown; loaded?: string }> = [];
const sessionHandlers: { permission?: Listener; check?: (...args: unknown[]) => boolean; headers?: Listener } = {};
const openExternal = vi.fn(async () => undefined);

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record: (typeof created)[number] = { options, on: new Map() };
      created.push(record);
      this.webContents = {
        on: (event: string, listener: Listener) => record.on.set(event, listener),
        setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (record.openHandler = handler),
        session: {
          setPermissionRequestHandler: (handler: Listener) => (sessionHandlers.permission = handler),
          setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (sessionHandlers.check = handler),
          webRequest: { onHeadersReceived: (handler: Listener) => (sessionHandlers.headers = handler) },
        },
      };
      (this as unknown as { loadURL: (url: string) => Promise<void> }).loadURL = async (url: string) => void (record.loaded = url);
    }
    once() {}
  }
  return { BrowserWindow, shell: { openExternal }, default: {} };
});

const { createMainWindow } = await import('../../../../main/shell/window.ts');
const { APP_ORIGIN, CONTENT_SECURITY_POLICY } = await import('../../../../main/shell/window-options.ts');

function makeWindow() {
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', isDev: false, externalHosts: () => ['login.am.fcawitech.com'] });
  const record = created.at(-1);
  if (!record) throw new Error('no window');
  return record;
}

describe('main window', () => {
  beforeEach(() => {
    created.length = 0;
    openExternal.mockClear();
  });

  it('is created sandboxed, isolated, without Node and without devtools in production', () => {
    const prefs = makeWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false, preload: '/app/out/preload/index.cjs' });
  });

  it('loads the app from its own origin, not file://', () => {
    expect(makeWindow().loaded).toBe(`${APP_ORIGIN}/index.html`);
  });

  it.each([
    ['https://evil.example/', true],
    ['file:///etc/passwd', true],
    ['http://localhost:9999/', true],
    [`${APP_ORIGIN}/index.html#/help`, false],
  ])('will-navigate to %s is prevented: %s', (url, prevented) => {
    const record = makeWindow();
    const event = { preventDefault: vi.fn() };
    record.on.get('will-navigate')?.(event, url);
    expect(event.preventDefault).toHaveBeenCalledTimes(prevented ? 1 : 0);
  });

  it('denies every new window and opens only allow-listed https links in the system browser', () => {
    const record = makeWindow();
    expect(record.openHandler?.({ url: 'https://login.am.fcawitech.com/' })).toEqual({ action: 'deny' });
    expect(record.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(record.openHandler?.({ url: 'http://login.am.fcawitech.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://login.am.fcawitech.com/');
  });

  it('refuses every permission request by default', () => {
    makeWindow();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'usb']) {
      const callback = vi.fn();
      sessionHandlers.permission?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(sessionHandlers.check?.({}, permission)).toBe(false);
    }
  });

  it('puts the strict CSP on every response', () => {
    makeWindow();
    const callback = vi.fn();
    sessionHandlers.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
