import type { IpcMain, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { allowOrigins, createDispatch } from '../../../main/core/dispatch.ts';
import { silentLogger } from '../../../main/core/redact.ts';
import { bindIpc } from '../../../main/shell/ipc-binding.ts';
import { APP_ORIGIN } from '../../../main/shell/window-options.ts';
import { IPC_PREFIX } from '../../../preload/contract.ts';
import { RENDERER_DIR, startStack, type Stack } from '../../support/bootstrap.ts';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContractTests, type Transport } from '../../support/contract-suite.ts';
import { fakeIpcMain, fakeWebContents } from '../../support/fakes/fake-electron.ts';

vi.mock('electron', () => ({ default: {} }));

let stack: Stack;
let electronTransport: Transport;
let bridgeTransport: Transport;
let socket: WebSocket;

/** Opens the printed URL as a browser would: the token comes back as the session cookie. */
async function sessionCookie(printedUrl: string): Promise<string> {
  const response = await fetch(printedUrl, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function openSocket(origin: string, cookie: string, socketOrigin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/__shell/ws`, { origin: socketOrigin, headers: { cookie } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', () => reject(new Error('refused')));
  });
}

beforeAll(async () => {
  stack = await startStack();
  const ipc = fakeIpcMain();
  const contents = fakeWebContents(`${APP_ORIGIN}/index.html`);
  bindIpc(ipc as unknown as IpcMain, createDispatch(stack.app.handlers, allowOrigins([APP_ORIGIN]), silentLogger), () => contents as unknown as WebContents);
  electronTransport = { call: (channel, payload) => ipc.invoke(IPC_PREFIX + channel, payload, contents) };

  socket = await openSocket(stack.bridge.origin, await sessionCookie(stack.bridge.url), stack.bridge.origin);
  let id = 0;
  const waiting = new Map<number, (response: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id: number; response: unknown };
    waiting.get(message.id)?.(message.response);
  });
  bridgeTransport = {
    call: (channel, payload) =>
      new Promise((resolve) => {
        id += 1;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      }),
  };
});

afterAll(async () => {
  socket?.close();
  await stack?.close();
});

createContractTests('the Electron IPC binding', () => ({ stack, transport: electronTransport }));
createContractTests('the WebSocket bridge', () => ({ stack, transport: bridgeTransport }));

describe('browser shell security', () => {
  it('refuses a WebSocket from a foreign origin (another web page on this PC), even with the cookie', async () => {
    await expect(openSocket(stack.bridge.origin, await sessionCookie(stack.bridge.url), 'https://evil.example')).rejects.toThrow();
  });

  it('refuses a WebSocket without the run\'s session cookie', async () => {
    await expect(openSocket(stack.bridge.origin, 'garage-preview-1=guessed', stack.bridge.origin)).rejects.toThrow();
  });

  it('serves the renderer with the CSP and injects the shim only at serve time', async () => {
    const response = await fetch(`${stack.bridge.origin}/`, { headers: { cookie: await sessionCookie(stack.bridge.url) } });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('__shell/shim.js');
    // The built page the app ships has no trace of the shim: it cannot be enabled in the packaged app.
    const shipped = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8');
    expect(shipped).not.toContain('__shell');
    for (const asset of await readdir(join(RENDERER_DIR, 'assets'))) {
      expect(await readFile(join(RENDERER_DIR, 'assets', asset), 'utf8')).not.toContain('__shell');
    }
  });

  it('serves the page with main\'s first answers as a data block: the same views the channels give, the CSP unchanged', async () => {
    const response = await fetch(`${stack.bridge.origin}/`, { headers: { cookie: await sessionCookie(stack.bridge.url) } });
    expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|nonce-|sha256-/);
    const html = await response.text();
    const block = /<script type="application\/json" id="garage-boot">([^<]*)<\/script>/.exec(html)?.[1];
    expect(block).toBeDefined();
    const boot = JSON.parse(block ?? '') as { info: { language: string }; view: unknown };
    const info = await bridgeTransport.call('app.info', {});
    const view = await bridgeTransport.call('auth.state', {});
    expect({ ok: true, value: boot.info }).toEqual(info);
    expect({ ok: true, value: boot.view }).toEqual(view);
    expect(html).toContain(`<html lang="${boot.info.language}">`);
    // Every script element either loads a file of the app's origin or is data.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src="\.\/|type="application\/json"/);
  });
});
