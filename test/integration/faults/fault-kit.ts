/**
 * What the fault suite injects between the app and the world: a network that plays a captive portal, a
 * proxy, a gateway or a hang in front of the org; a PC clock that jumps; a keychain that locks. And what it
 * reads back: the help requests the org stored, straight from its database (read-only).
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { FetchLike } from '../../../main/auth/authn-http.ts';
import type { Clock } from '../../../main/core/clock.ts';
import { fail } from '../../../main/core/result.ts';
import type { SecretStore } from '../../../main/keychain/secret-store.ts';
import type { Stack } from '../../support/bootstrap.ts';
import { admin, createActiveUser } from '../../support/org-admin.ts';

export type NetworkFault = 'none' | 'down' | 'portal' | 'proxy-407' | 'bad-gateway' | 'hang';

const html = (status: number, body: string, headers: Record<string, string> = {}) => new Response(`<!doctype html><html><body>${body}</body></html>`, { status, headers: { 'content-type': 'text/html', ...headers } });

/** A network in front of the org whose fault a test sets; counts the requests the fault answered. */
export function faultyNetwork() {
  const state = { fault: 'none' as NetworkFault, intercepted: 0 };
  const wrap =
    (real: FetchLike): FetchLike =>
    (url, init) => {
      if (state.fault === 'none') return real(url, init);
      state.intercepted += 1;
      switch (state.fault) {
        case 'down':
          return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
        case 'portal':
          return Promise.resolve(html(200, '<h1>Garage Wi-Fi</h1><form>Accept the terms</form>'));
        case 'proxy-407':
          return Promise.resolve(html(407, 'Proxy Authentication Required', { 'proxy-authenticate': 'Basic realm="shop"' }));
        case 'bad-gateway':
          return Promise.resolve(html(502, 'Bad Gateway'));
        case 'hang':
          // Never answers; only the app's own time-out ends the wait.
          return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))));
      }
    };
  return { state, wrap };
}

/** The PC's clock: real time plus an offset a test changes (a clock set fast, or one that jumps). */
export function pcClock(): Clock & { shift(ms: number): void; readonly offsetMs: number } {
  let offset = 0;
  return {
    nowMs: () => Date.now() + offset,
    shift(ms: number) {
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}

/** A keychain that a test locks (screen lock, keyring timeout): every call answers E_KEYCHAIN_LOCKED. */
export function lockableKeychain(inner: SecretStore): SecretStore & { locked: boolean } {
  const store = {
    locked: false,
    availability: () => (store.locked ? Promise.resolve(fail('E_KEYCHAIN_LOCKED')) : inner.availability()),
    get: (service: string, account: string) => (store.locked ? Promise.resolve(fail('E_KEYCHAIN_LOCKED')) : inner.get(service, account)),
    set: (service: string, account: string, secret: string) => (store.locked ? Promise.resolve(fail('E_KEYCHAIN_LOCKED')) : inner.set(service, account, secret)),
    delete: (service: string, account: string) => (store.locked ? Promise.resolve(fail('E_KEYCHAIN_LOCKED')) : inner.delete(service, account)),
  };
  return store;
}

/** A TOTP code as the technician's phone shows it (the phone keeps the right time: the org's). */
export function phoneCode(secret: string, nowMs = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}

/** An active user with an active Google Authenticator factor; returns its seed, as the phone holds it. */
export async function userWithTotp(stack: Pick<Stack, 'org'>, login: string, password: string): Promise<{ id: string; secret: string }> {
  const user = await createActiveUser(stack.org, login, password);
  const factor = await admin<{ id: string; _embedded: { activation: { sharedSecret: string } } }>(stack.org, 'POST', `/api/v1/users/${user.id}/factors`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
  const secret = factor._embedded.activation.sharedSecret;
  await admin(stack.org, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: phoneCode(secret) });
  return { id: user.id, secret };
}

export interface StoredHelpRequest {
  readonly reference: string;
  readonly email: string;
  readonly message: string;
}

/** The help requests the org has stored (its SQLite file, opened read-only, as support's console reads it). */
export function orgHelpRequests(orgDataDir: string): StoredHelpRequest[] {
  const db = new DatabaseSync(join(orgDataDir, 'org.sqlite'), { readOnly: true });
  try {
    return db.prepare('SELECT reference, email, message FROM support_requests ORDER BY created_ms').all() as unknown as StoredHelpRequest[];
  } finally {
    db.close();
  }
}

/** A help request as the Request Help screen sends it; the e-mail is unique so the desk's per-address limit never applies. */
export function helpRequest(tag: string) {
  return { email: `${tag}@garage.test`, reason: 'cannot-log-in' as const, message: `Request ${tag}`, includeDiagnostics: false, screenId: 'E-31' };
}
