/**
 * The OS WebAuthn window under a mocked `electron`: its private session serves only the page and its
 * assets on the org origin (never the network), only that window's page on that origin may ask or answer,
 * and a closed window ends the ceremony as a cancel.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
interface FakeWindow {
  options: Record<string, unknown>;
  loaded?: string;
  closed: boolean;
  listeners: Map<string, Listener>;
  webContents: { on: (event: string, l: Listener) => void; setWindowOpenHandler: (h: () => unknown) => void; openHandler?: () => unknown; navigation: Map<string, Listener> };
  close(): void;
}
const windows: FakeWindow[] = [];
const ipc = { handlers: new Map<string, Listener>(), listeners: new Map<string, Listener>() };
const sessionState: { partition?: string; protocolHandlers: Map<string, (request: { url: string }) => Promise<Response>>; permission?: Listener; check?: (...a: unknown[]) => boolean } = { protocolHandlers: new Map() };

vi.mock('electron', () => {
  class BrowserWindow implements FakeWindow {
    options: Record<string, unknown>;
    loaded?: string;
    closed = false;
    listeners = new Map<string, Listener>();
    webContents: FakeWindow['webContents'];
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const navigation = new Map<string, Listener>();
      this.webContents = {
        navigation,
        on: (event, listener) => navigation.set(event, listener),
        setWindowOpenHandler: (handler) => (this.webContents.openHandler = handler),
      };
      windows.push(this);
    }
    setMenu() {}
    once(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
    close() {
      if (this.closed) return;
      this.closed = true;
      this.listeners.get('closed')?.();
    }
  }
  const session = {
    fromPartition: (partition: string) => {
      sessionState.partition = partition;
      return {
        setPermissionRequestHandler: (h: Listener) => (sessionState.permission = h),
        setPermissionCheckHandler: (h: (...a: unknown[]) => boolean) => (sessionState.check = h),
        protocol: { handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => sessionState.protocolHandlers.set(scheme, handler) },
      };
    },
  };
  const ipcMain = {
    handle: (channel: string, handler: Listener) => ipc.handlers.set(channel, handler),
    on: (channel: string, listener: Listener) => ipc.listeners.set(channel, listener),
  };
  return { BrowserWindow, session, ipcMain, default: {} };
});

const { createOsWebauthnWindow } = await import('../../../../main/shell/os-webauthn-window.ts');
const { resolveOsWebauthnFile, osWebauthnPageUrl } = await import('../../../../main/shell/os-webauthn-options.ts');
const { OS_WEBAUTHN_FINISH, OS_WEBAUTHN_REQUEST } = await import('../../../../preload/os-webauthn-channels.ts');
const { CONTENT_SECURITY_POLICY } = await import('../../../../main/shell/window-options.ts');

const ORG = 'https://fcawitech.okta.com';
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'garage-oswebauthn-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'os-webauthn.html'), '<!doctype html><title>key</title>');
  await writeFile(join(rendererDir, 'assets', 'os-webauthn-abc.js'), 'void 0;');
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
});
afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});
beforeEach(() => {
  windows.length = 0;
  ipc.handlers.clear();
  ipc.listeners.clear();
});

function open() {
  const parent = { id: 'app-window' };
  const prompt = createOsWebauthnWindow({ rendererDir, preloadPath: '/app/out/preload/os-webauthn.cjs', parent: () => parent as never, language: async () => 'en' });
  return { prompt, parent };
}

async function started(prompt: ReturnType<typeof open>['prompt']) {
  const answer = prompt({ kind: 'get', optionsJson: '{"challenge":"abc"}', origin: ORG });
  await vi.waitFor(() => expect(windows.at(-1)?.loaded).toBeDefined());
  const win = windows.at(-1);
  if (!win) throw new Error('no window');
  return { answer, win };
}

describe('the OS WebAuthn window’s session', () => {
  it('serves the page and its assets on the org origin only, with the app’s CSP', async () => {
    const { prompt } = open();
    await started(prompt);
    const handler = sessionState.protocolHandlers.get('https');
    if (!handler) throw new Error('https not handled');
    const page = await handler({ url: `${ORG}/.garage-webauthn/os-webauthn.html` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>key</title>');
    expect((await handler({ url: `${ORG}/.garage-webauthn/assets/os-webauthn-abc.js` })).status).toBe(200);
    for (const url of [`${ORG}/`, `${ORG}/api/v1/authn`, `${ORG}/.garage-webauthn/index.html`, `${ORG}/.garage-webauthn/assets/missing.js`, 'https://evil.example/.garage-webauthn/os-webauthn.html', `${ORG}/.garage-webauthn/..%2findex.html`, `${ORG}/.garage-webauthn/os-webauthn.html?x=1`]) {
      expect((await handler({ url })).status, url).toBe(404);
    }
    expect(sessionState.partition).toBe('garage-os-webauthn');
    expect(sessionState.check?.(null, 'hid')).toBe(false);
  });

  it('serves the page on an http org (the training org) from the app’s files, and still nothing else, over either scheme', async () => {
    const { prompt } = open();
    const TRAINING = 'http://127.0.0.1:41873';
    const answer = prompt({ kind: 'create', optionsJson: '{"challenge":"abc"}', origin: TRAINING });
    await vi.waitFor(() => expect(windows.at(-1)?.loaded).toBe(`${TRAINING}/.garage-webauthn/os-webauthn.html`));
    const http = sessionState.protocolHandlers.get('http');
    const https = sessionState.protocolHandlers.get('https');
    if (!http || !https) throw new Error(`schemes handled: ${[...sessionState.protocolHandlers.keys()].join(', ')}`);
    const page = await http({ url: `${TRAINING}/.garage-webauthn/os-webauthn.html` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>key</title>');
    // Every other request of the window is answered here too: it never reaches the org or the network.
    for (const url of [`${TRAINING}/api/v1/authn`, 'http://evil.example/.garage-webauthn/os-webauthn.html']) expect((await http({ url })).status, url).toBe(404);
    expect((await https({ url: 'https://127.0.0.1:41873/.garage-webauthn/os-webauthn.html' })).status).toBe(404);
    windows.at(-1)?.close();
    expect(await answer).toBeUndefined();
  });

  it('resolves files inside the renderer folder only', () => {
    expect(resolveOsWebauthnFile('/app/renderer', ORG, `${ORG}/.garage-webauthn/os-webauthn.html`)).toBe(join('/app/renderer', 'os-webauthn.html'));
    expect(resolveOsWebauthnFile('/app/renderer', ORG, `${ORG}/.garage-webauthn/assets/../../secret.js`)).toBeUndefined();
    expect(resolveOsWebauthnFile('/app/renderer', ORG, 'not a url')).toBeUndefined();
    expect(osWebauthnPageUrl(`${ORG}/some/path`)).toBe(`${ORG}/.garage-webauthn/os-webauthn.html`);
  });
});

describe('the OS WebAuthn window', () => {
  it('is a sandboxed modal child of the app window, loading the page on the org origin', async () => {
    const { prompt, parent } = open();
    const { win } = await started(prompt);
    expect(win.loaded).toBe(`${ORG}/.garage-webauthn/os-webauthn.html`);
    expect(win.options).toMatchObject({ parent, modal: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'garage-os-webauthn', preload: '/app/out/preload/os-webauthn.cjs', devTools: false } });
    expect(win.webContents.openHandler?.()).toEqual({ action: 'deny' });
    const navigation = { preventDefault: vi.fn() };
    win.webContents.navigation.get('will-navigate')?.(navigation, 'https://evil.example');
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('answers only its own page on the org origin, then closes with the page’s answer', async () => {
    const { prompt } = open();
    const { answer, win } = await started(prompt);
    const own = { sender: win.webContents, senderFrame: { url: `${ORG}/.garage-webauthn/os-webauthn.html` } };
    const stranger = { sender: { other: true }, senderFrame: { url: `${ORG}/.garage-webauthn/os-webauthn.html` } };
    const wrongOrigin = { sender: win.webContents, senderFrame: { url: 'https://evil.example/' } };
    const ask = ipc.handlers.get(OS_WEBAUTHN_REQUEST);
    expect(() => ask?.(stranger)).toThrow();
    expect(() => ask?.(wrongOrigin)).toThrow();
    expect(ask?.(own)).toEqual({ kind: 'get', optionsJson: '{"challenge":"abc"}', language: 'en' });
    ipc.listeners.get(OS_WEBAUTHN_FINISH)?.(stranger, { forged: true });
    expect(win.closed).toBe(false);
    ipc.listeners.get(OS_WEBAUTHN_FINISH)?.(own, { ok: false, error: { code: 'E_CTAP_NOT_ALLOWED' } });
    expect(await answer).toEqual({ ok: false, error: { code: 'E_CTAP_NOT_ALLOWED' } });
    expect(win.closed).toBe(true);
  });

  it('ends the ceremony without an answer when the technician closes the window, or a second ceremony starts', async () => {
    const { prompt } = open();
    const first = await started(prompt);
    first.win.close();
    expect(await first.answer).toBeUndefined();
    const second = await started(prompt);
    const third = await started(prompt);
    expect(await second.answer).toBeUndefined();
    expect(second.win.closed).toBe(true);
    expect(third.win.closed).toBe(false);
  });
});
