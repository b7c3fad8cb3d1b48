/**
 * An org that answers the IDX client from a script, reply by reply in order (a 500 once the script is
 * spent), and keeps what the client sent: the unit tests of the Identity Engine client start from here.
 */
import type { FetchLike } from '../../../../../main/auth/authn-http.ts';
import { createIdxAuthService } from '../../../../../main/auth/idx/idx-auth-service.ts';
import { manualClock } from '../../../../../main/core/clock.ts';
import { silentLogger } from '../../../../../main/core/redact.ts';

export const ORG = 'https://garage.okta.test';
export const T0 = Date.parse('2026-05-01T10:00:00Z');
export const REDIRECT = 'http://127.0.0.1/callback';

export type Reply = { status: number; body: unknown };

/** A request as the client sent it. */
export interface Sent {
  readonly url: string;
  /** The body as sent (JSON or a form). */
  readonly raw: string;
  readonly contentType: string;
}

/** What most tests compare: the path, and the JSON body parsed (empty for a form). */
export interface Posted {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export function scriptedIdxService(replies: Reply[], options: { interclientAccess?: boolean; qrDataUrl?: string } = {}) {
  const requests: Sent[] = [];
  const sent: Posted[] = [];
  const fetcher: FetchLike = async (url, init) => {
    const raw = init.body ?? '';
    const contentType = init.headers['content-type'] ?? '';
    requests.push({ url, raw, contentType });
    sent.push({ path: new URL(url).pathname, body: contentType.includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : {} });
    const reply = replies.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  const clock = manualClock(T0);
  const qrDataUrl = options.qrDataUrl ?? 'data:image/png;base64,AA==';
  const deps = { orgUrl: ORG, fetch: fetcher, clock, sleep: async () => undefined, log: silentLogger, totpQr: async () => qrDataUrl, imageFromOrg: async () => undefined };
  let n = 0;
  const random = (length: number) => new Uint8Array(length).fill((n += 1));
  const client = { clientId: '0oaGarage', redirectUri: REDIRECT, ...(options.interclientAccess === undefined ? {} : { interclientAccess: options.interclientAccess }) };
  const auth = createIdxAuthService({ ...deps, random, client });
  return { auth, sent, requests, clock, deps };
}
