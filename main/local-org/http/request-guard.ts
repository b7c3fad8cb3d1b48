/**
 * What every request must pass before a route sees it (issue 15). The org listens on loopback, but a
 * web page in the technician's browser can still reach it:
 * - `Host` must name the org itself (localhost, 127.0.0.1 or [::1] with its port): a page on a
 *   rebinding domain whose name resolves to 127.0.0.1 sends its own name (421, RFC 9110 §15.5.20).
 * - A state-changing request sent by a browser carries `Origin`; it must be the org's own or a trusted
 *   origin (Okta's Trusted Origins, CORS scope). Requests without `Origin` come from non-browser clients
 *   (okta-auth-js under Node, the app's main process) and stay allowed (403 E0000006 otherwise).
 * - A body must come in its route's content type. A cross-site page can only send `text/plain`, form or
 *   multipart bodies without a CORS preflight, so a JSON-only endpoint is out of its reach (415).
 * Routes declare their content types (`Route.accepts`); JSON is the default.
 */
import type { IncomingMessage } from 'node:http';
import { OktaFailure } from './okta-error.ts';

export const JSON_BODY: readonly string[] = ['application/json'];
export const FORM_BODY: readonly string[] = ['application/x-www-form-urlencoded'];
/** Okta Identity Engine bodies (`application/ion+json; okta-version=1.0.0`); plain JSON is accepted there too. */
export const ION_BODY: readonly string[] = ['application/ion+json', 'application/json'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

/** The media type without its parameters, lower-cased (RFC 9110 §8.3.1); undefined when absent. */
export function mediaTypeOf(req: IncomingMessage): string | undefined {
  const header = req.headers['content-type'];
  if (header === undefined) return undefined;
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
}

/**
 * 415 unless the request declares one of `accepted`. A request with neither body nor Content-Type
 * passes: Okta's lifecycle operations are bodiless POSTs, and there is nothing to misread.
 */
export function requireContentType(req: IncomingMessage, accepted: readonly string[]): void {
  const type = mediaTypeOf(req);
  if (type === undefined && !hasBody(req)) return;
  if (type !== undefined && accepted.includes(type)) return;
  throw new OktaFailure('E0000415', [{ errorSummary: `Content-Type: expected ${accepted.join(' or ')}` }]);
}

/** The three names the org answers to on its port: `localhost` (its URL) and the two loopback addresses. */
export function ownHosts(port: number): string[] {
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
}

export function ownOrigins(port: number): string[] {
  return ownHosts(port).map((host) => `http://${host}`);
}

export function requireOwnHost(req: IncomingMessage, port: number): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!ownHosts(port).includes(host)) throw new OktaFailure('E0000421');
}

/** 403 E0000006 when a browser's `Origin` is present and not among `trusted` (`null` never is). */
export function requireTrustedOrigin(req: IncomingMessage, trusted: () => readonly string[]): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const wanted = origin.toLowerCase();
  if (wanted === 'null' || !trusted().some((allowed) => allowed.toLowerCase() === wanted)) throw new OktaFailure('E0000006');
}

export interface RequestGuard {
  /** The port the org listens on, known once it listens. */
  readonly port: () => number;
  /** Origins allowed to send state-changing requests (the org's own included). */
  readonly trustedOrigins: () => readonly string[];
}
