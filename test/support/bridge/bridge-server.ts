/**
 * The bridge harness (conventions §3.2): a loopback server that serves the built renderer and carries the
 * IPC contract over a WebSocket to the same dispatcher the Electron binding uses. A per-run secret and an
 * Origin check keep other pages (and other local users' browsers) out. Never bundled into the app.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNEL_NAMES, EVENT_NAMES, type EventName, type EventPayload } from '../../../preload/contract.ts';
import type { Dispatch } from '../../../main/core/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from '../../../main/shell/window-options.ts';
import { shimScript } from './shim-script.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface BridgeServer {
  /** http://localhost:<port>/ — a secure context, so WebAuthn works with RP ID `localhost`. */
  readonly url: string;
  readonly origin: string;
  /** Sends a contract event to every connected page. */
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  close(): Promise<void>;
}

export async function startBridge(options: { rendererDir: string; dispatch: (origin: string) => Dispatch; port?: number }): Promise<BridgeServer> {
  const secret = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let origin = '';
  const root = normalize(options.rendererDir);

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/__bridge/shim.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      res.end(shimScript(secret, CHANNEL_NAMES, EVENT_NAMES));
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(404).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      if (file.endsWith('index.html')) {
        body = body.toString('utf8').replace('<script', '<script src="./__bridge/shim.js"></script>\n    <script');
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  }

  const server = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    void serveFile(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/__bridge/ws' || url.searchParams.get('secret') !== secret || req.headers.origin !== origin) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const dispatch = options.dispatch(String(req.headers.origin));
      ws.on('message', async (data) => {
        let message: { id?: unknown; channel?: unknown; payload?: unknown };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          return;
        }
        if (typeof message.id !== 'number') return;
        const response = await dispatch(String(message.channel), message.payload, { origin: String(req.headers.origin), isMainFrame: true, isAppWindow: true });
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, response }));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://localhost:${port}`;
  return {
    url: `${origin}/`,
    origin,
    emit(event, payload) {
      const frame = JSON.stringify({ event, payload });
      for (const ws of sockets) ws.send(frame);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      // As the local org's listener does: a keep-alive connection the page still holds must not keep close() waiting.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
