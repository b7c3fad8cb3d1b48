/**
 * The browser shell on a shared PC (`npm run preview`): the two findings reproduced (any local process
 * drove a live session; one request ended the process) and shown closed, and the token → cookie model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Dispatch } from '../../../main/core/dispatch.ts';
import { startStack, type Stack } from '../../support/bootstrap.ts';
import { rawRequest, requestText } from '../../support/start/raw-http.ts';

let stack: Stack;
let port: number;
let host: string;
const reached: string[] = [];

async function cookieFromPrintedUrl(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function socket(headers: Record<string, string>, origin: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://localhost:${port}/__shell/ws`, { headers, ...(origin ? { origin } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id?: number; response?: never };
      if (message.id === id) {
        ws.off('message', onMessage);
        resolve(message.response as never);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

beforeAll(async () => {
  stack = await startStack();
  port = stack.bridge.port;
  host = `localhost:${port}`;
  const real = stack.running.dispatch;
  const counting: Dispatch = (channel, raw, sender) => {
    reached.push(channel);
    return real(channel, raw, sender);
  };
  stack.bridge.attach(counting);
});

afterAll(async () => {
  await stack?.close();
});

describe('finding 1: another local process drove a live session', () => {
  it('the shim and the page give nothing without the session cookie: no secret at an unauthenticated URL', async () => {
    for (const path of ['/', '/index.html', '/__shell/shim.js', '/__bridge/shim.js']) {
      const response = await fetch(`http://${host}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toMatch(/garage|channels|tkn/i);
    }
  });

  it('a WebSocket without the cookie is refused, whatever Origin it claims, and no handler is reached', async () => {
    const before = reached.length;
    await expect(socket({}, stack.bridge.origin)).rejects.toThrow(/refused 403/);
    await expect(socket({ cookie: `garage-preview-${port}=guessed-token-value-000000000000000000000` }, stack.bridge.origin)).rejects.toThrow(/refused 403/);
    expect(reached.length).toBe(before);
  });

  it('with the cookie, a WebSocket from another origin (a web page, a client faking Origin badly) is refused', async () => {
    const cookie = await cookieFromPrintedUrl(stack.bridge.url);
    await expect(socket({ cookie }, 'http://localhost:9')).rejects.toThrow(/refused 403/);
    await expect(socket({ cookie }, 'https://evil.example')).rejects.toThrow(/refused 403/);
    await expect(socket({ cookie }, undefined)).rejects.toThrow(/refused 403/);
  });

  it('the page that holds the cookie still works: the printed URL becomes a cookie and a clean address', async () => {
    const first = await fetch(stack.bridge.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(first.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    // Opening the printed URL again (another browser, a reload) still works.
    const cookie = await cookieFromPrintedUrl(stack.bridge.url);
    const page = await fetch(`http://${host}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__shell/shim.js');
    const ws = await socket({ cookie }, stack.bridge.origin);
    expect(await call(ws, 'app.info', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('a wrong token in the URL is refused and sets no cookie', async () => {
    const response = await fetch(`http://${host}/?tkn=AAAA`, { redirect: 'manual' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('finding 2: one request ended the preview', () => {
  it('`/%` gets a 400 and the process keeps serving', async () => {
    expect((await rawRequest(port, requestText('GET', '/%', { Host: host }))).status).toBe(400);
    expect((await rawRequest(port, requestText('GET', '/%00', { Host: host }))).status).toBe(400);
    expect((await fetch(`http://${host}/`)).status).toBe(403);
  });

  it('odd methods, overlong paths, huge headers and foreign Hosts get a 4xx', async () => {
    expect((await rawRequest(port, requestText('DELETE', '/', { Host: host }))).status).toBe(405);
    expect((await rawRequest(port, requestText('GET', `/${'a'.repeat(5000)}`, { Host: host }))).status).toBe(414);
    expect((await rawRequest(port, requestText('GET', '/', { Host: host, 'X-Big': 'b'.repeat(20_000) }))).status).toBe(431);
    expect((await rawRequest(port, requestText('GET', '/', { Host: `evil.example:${port}` }))).status).toBe(421);
    expect((await rawRequest(port, requestText('GET', '/', { Host: `127.0.0.1:${port}` }))).status).toBe(403);
    expect((await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n')).status).toBe(400);
  });

  it('a rebinding page (foreign Host) cannot open the WebSocket even with the cookie', async () => {
    const cookie = await cookieFromPrintedUrl(stack.bridge.url);
    await expect(socket({ cookie, host: `rebind.example:${port}` }, `http://rebind.example:${port}`)).rejects.toThrow(/refused/);
  });

  it('bad WebSocket frames close that socket only', async () => {
    const cookie = await cookieFromPrintedUrl(stack.bridge.url);
    const ws = await socket({ cookie }, stack.bridge.origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // A reserved opcode (0x3) is a protocol error (RFC 6455 §5.2): the server must close, not crash.
    (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    expect(await closed).toBeGreaterThan(0);
    const again = await socket({ cookie }, stack.bridge.origin);
    expect(await call(again, 'app.info', {})).toMatchObject({ ok: true });
    again.close();
  });
});
