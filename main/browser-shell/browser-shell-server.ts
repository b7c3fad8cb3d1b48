/**
 * The browser shell's server (`npm run preview`, and every e2e test): the built renderer and the
 * window.garage shim over HTTP, the contract over a WebSocket, on loopback only. Safe on a shared PC:
 * the run's token (printed URL) becomes a cookie every request needs, Host is allow-listed against DNS
 * rebinding, the WebSocket also needs the exact Origin, and no request can end the process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../preload/channel-names.ts';
import type { EventName, EventPayload } from '../../preload/contract.ts';
import type { Dispatch } from '../core/dispatch.ts';
import type { Logger } from '../core/redact.ts';
import { CONTENT_SECURITY_POLICY } from '../shell/window-options.ts';
import { loadFirstFrame } from '../start/first-frame.ts';
import { pageBoot, withPageBoot } from '../start/page-boot.ts';
import { createConnectionToken, TOKEN_QUERY } from './connection-token.ts';
import { allowedOrigins, checkHost, requestPath, type Refusal } from './request-guard.ts';
import { shimScript, SOCKET_PATH } from './shim-script.ts';
import { serveSocket } from './socket-transport.ts';
import { readRendererFile, SHIM_PATH } from './static-files.ts';

const COMMON_HEADERS = { 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;
const MAX_FRAME_BYTES = 256 * 1024;

export interface BrowserShellServer {
  /** The URL to print: it carries the run's token. Only whoever started the shell should see it. */
  readonly url: string;
  /** `http://localhost:<port>`: the page's origin once the token became a cookie. */
  readonly origin: string;
  /** Every origin the page may have (localhost, 127.0.0.1, [::1] with the port). */
  readonly origins: readonly string[];
  readonly port: number;
  /** The dispatch answers once the start-up has built it; until then frames are dropped. */
  attach(dispatch: Dispatch): void;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  close(): Promise<void>;
}

export interface BrowserShellOptions {
  readonly rendererDir: string;
  readonly port?: number | undefined;
  readonly log: Logger;
}

export async function startBrowserShellServer(options: BrowserShellOptions): Promise<BrowserShellServer> {
  const { log } = options;
  const sockets = new Set<WebSocket>();
  let dispatch: Dispatch | undefined;
  // The port (hence the token's cookie name and the allowed hosts) is known once the server listens.
  const server = createServer({ maxHeaderSize: 16 * 1024 });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const token = createConnectionToken(port);
  const origins = allowedOrigins(port);
  const shim = shimScript(CHANNEL_NAMES, EVENT_NAMES);
  const pageOrigin = `http://localhost:${port}`;
  const drawFirstFrame = loadFirstFrame(options.rendererDir, log);

  function refuse(res: ServerResponse, refusal: Refusal, req: IncomingMessage): void {
    log.warn('browser-shell.refused', { status: refusal.status, reason: refusal.reason, method: String(req.method).slice(0, 16) });
    res.writeHead(refusal.status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(`${refusal.status} ${refusal.reason}\n`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const badHost = checkHost(req.headers.host, port);
    if (badHost) return refuse(res, badHost, req);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, reason: 'method not allowed' }, req);
    const parsed = requestPath(req.url);
    if ('status' in parsed) return refuse(res, parsed, req);
    const offered = parsed.query.get(TOKEN_QUERY);
    if (offered !== null) {
      if (!token.accepts(offered)) return refuse(res, { status: 403, reason: 'wrong token: open the URL the preview printed' }, req);
      // Trade the token for the cookie and drop it from the address bar (and from any Referer).
      parsed.query.delete(TOKEN_QUERY);
      const rest = parsed.query.toString();
      res.writeHead(303, { ...COMMON_HEADERS, 'set-cookie': token.setCookieHeader(), location: `${encodeURI(parsed.path)}${rest ? `?${rest}` : ''}` }).end();
      return;
    }
    if (!token.acceptsCookieHeader(req.headers.cookie)) return refuse(res, { status: 403, reason: 'open the URL the preview printed (it carries this run\'s token)' }, req);
    if (parsed.path === SHIM_PATH) {
      res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/javascript; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : shim);
      return;
    }
    const file = await readRendererFile(options.rendererDir, parsed.path);
    if (!file) return refuse(res, { status: 404, reason: 'not found' }, req);
    // The page carries main's first answers (language, sign-in state) once the start-up has built the dispatch,
    // and the sign-in screen drawn from them.
    const boot = file.isPage && dispatch ? await pageBoot(dispatch, { origin: pageOrigin, isMainFrame: true, isAppWindow: true }) : undefined;
    const body = boot ? withPageBoot(String(file.body), boot, drawFirstFrame(boot)) : file.body;
    res.writeHead(200, { ...COMMON_HEADERS, 'content-type': file.contentType, ...(file.isPage ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  server.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('browser-shell.request_failed', { error });
      if (!res.headersSent) res.writeHead(500, COMMON_HEADERS).end();
      else res.destroy();
    });
  });
  // Malformed requests (bad header syntax, oversized headers) never reach 'request': answer and close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    log.warn('browser-shell.client_error', { code: error.code ?? 'unknown' });
    if (socket.writable && !socket.destroyed) socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (error) => log.warn('browser-shell.ws_server_error', { error: error.message }));
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const parsed = requestPath(req.url);
    const origin = req.headers.origin;
    const refusal =
      checkHost(req.headers.host, port)?.reason ??
      ('status' in parsed ? parsed.reason : parsed.path !== SOCKET_PATH ? 'not the socket path' : undefined) ??
      (typeof origin !== 'string' || !origins.includes(origin) ? 'origin not allowed' : undefined) ??
      (token.acceptsCookieHeader(req.headers.cookie) ? undefined : 'no session cookie');
    if (refusal || typeof origin !== 'string') {
      log.warn('browser-shell.upgrade_refused', { reason: refusal ?? 'origin not allowed' });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveSocket(ws, origin, () => dispatch, log);
    });
  });

  return {
    url: `${pageOrigin}/?${TOKEN_QUERY}=${token.value}`,
    origin: pageOrigin,
    origins,
    port,
    attach: (next) => void (dispatch = next),
    emit(event, payload) {
      const frame = JSON.stringify({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      // A keep-alive connection the page still holds must not keep close() waiting.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
