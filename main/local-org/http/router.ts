/**
 * A small route table: method + path pattern (`:name` segments) → handler. Every thrown OktaFailure
 * becomes Okta's error body here, and anything else becomes a 500 without details (logged redacted).
 * Before any handler: the Host, the Origin of state-changing requests and the body's content type
 * (request-guard.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/redact.ts';
import { OktaFailure } from './okta-error.ts';
import { send, type Reply } from './request-io.ts';
import { JSON_BODY, isStateChanging, requireContentType, requireOwnHost, requireTrustedOrigin, type RequestGuard } from './request-guard.ts';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** Remote address, for per-IP rate limits. */
  readonly ip: string;
}

export type Handler = (ctx: RouteContext) => Promise<Reply> | Reply;

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly path: string;
  readonly handler: Handler;
  /** Content types its body may come in (request-guard.ts); default JSON_BODY. Checked on state-changing methods. */
  readonly accepts?: readonly string[];
}

interface CompiledRoute extends Route {
  readonly segments: readonly string[];
}

function match(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const seg = segments[i] as string;
    const part = parts[i] as string;
    if (seg.startsWith(':')) {
      if (part === '') return undefined;
      try {
        params[seg.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}

export function createRouter(routes: readonly Route[], log: Logger, baseUrl: () => string, guard: RequestGuard) {
  const compiled: CompiledRoute[] = routes.map((route) => ({ ...route, segments: route.path.split('/') }));
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      requireOwnHost(req, guard.port());
      const url = new URL(req.url ?? '/', baseUrl());
      const parts = url.pathname.split('/');
      let pathMatched = false;
      for (const route of compiled) {
        const params = match(route.segments, parts);
        if (!params) continue;
        pathMatched = true;
        if (route.method !== req.method) continue;
        if (isStateChanging(req.method)) {
          requireTrustedOrigin(req, guard.trustedOrigins);
          requireContentType(req, route.accepts ?? JSON_BODY);
        }
        const ip = req.socket.remoteAddress ?? 'unknown';
        send(res, await route.handler({ req, url, params, ip }));
        return;
      }
      throw pathMatched ? new OktaFailure('E0000022') : new OktaFailure('E0000007', [], {}, url.pathname);
    } catch (error: unknown) {
      if (error instanceof OktaFailure) {
        send(res, { status: error.status, body: error.body(), headers: error.headers });
        return;
      }
      log.error('local-org.unhandled', { error });
      if (!res.headersSent) send(res, { status: 500, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorLink: 'E0000009', errorId: 'oaeInternal', errorCauses: [] } });
      else res.destroy();
    }
  };
}
