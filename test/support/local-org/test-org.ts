/**
 * A local org for one test file: temp data folder, port 0, cheap scrypt (the product default costs
 * ~100 ms per hash; tests hash hundreds of times on a shared 2-core machine), optional manual clock.
 * Helpers speak the org's public HTTP API only: tests create users through the admin API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { Clock } from '../../../main/core/clock.ts';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../../main/local-org/server.ts';
import { readOutbox, type OutboxMessage } from '../../../main/local-org/mail/outbox-reader.ts';

/** Wire JSON in tests: assertions check its shape, so it stays untyped here on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const CHEAP_SCRYPT = { logN: 4, r: 8, p: 1 } as const;
export const PASSWORD = 'Atelier-2024';

export interface HttpResult {
  readonly status: number;
  readonly body: Record<string, Json>;
  readonly headers: Headers;
}

export interface TestOrg {
  readonly org: LocalOrg;
  readonly url: string;
  readonly dataDir: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  admin(method: string, path: string, body?: unknown): Promise<HttpResult>;
  /** Creates an ACTIVE user with PASSWORD (and optionally a Google Authenticator factor); returns its id and TOTP seed. */
  activeUser(login: string, options?: { totp?: boolean; locale?: string }): Promise<{ id: string; secret?: string }>;
  /** Creates a PROVISIONED user (no password) and returns the activation token. */
  provisionedUser(login: string, locale?: string): Promise<{ id: string; token: string }>;
  outbox(): OutboxMessage[];
  close(): Promise<void>;
}

async function call(url: string, init: RequestInit): Promise<HttpResult> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const text = await response.text();
  let body: Record<string, Json>;
  try {
    body = text ? (JSON.parse(text) as Record<string, Json>) : {};
  } catch {
    body = { text };
  }
  return { status: response.status, body, headers: response.headers };
}

export async function startTestOrg(options: Partial<LocalOrgOptions> & { clock?: Clock } = {}): Promise<TestOrg> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-org-test-'));
  const org = await startLocalOrg({ dataDir, port: 0, ...options, policy: { scrypt: CHEAP_SCRYPT, ...(options.policy ?? {}) } });
  const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const ssws = { ...json, Authorization: `SSWS ${org.adminToken}` };
  const self: TestOrg = {
    org,
    url: org.url,
    dataDir,
    post: (path, body, headers = {}) => call(org.url + path, { method: 'POST', headers: { ...json, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    get: (path, headers = {}) => call(org.url + path, { headers }),
    admin: (method, path, body) => call(org.url + path, { method, headers: ssws, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
    async activeUser(login, opts = {}) {
      const created = await self.admin('POST', '/api/v1/users?activate=true', {
        profile: { firstName: 'Test', lastName: 'User', email: login, login, locale: opts.locale ?? 'en_US' },
        credentials: { password: { value: PASSWORD } },
      });
      if (created.status !== 200) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
      const id = String(created.body.id);
      if (!opts.totp) return { id };
      const factor = await self.admin('POST', `/api/v1/users/${id}/factors?activate=true`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
      return { id, secret: String(factor.body._embedded.activation.sharedSecret) };
    },
    async provisionedUser(login, locale = 'en_US') {
      const created = await self.admin('POST', '/api/v1/users?activate=false', { profile: { firstName: 'New', lastName: 'User', email: login, login, locale } });
      const id = String(created.body.id);
      const activation = await self.admin('POST', `/api/v1/users/${id}/lifecycle/activate?sendEmail=false`);
      return { id, token: String(activation.body.activationToken) };
    },
    outbox: () => readOutbox(dataDir),
    async close() {
      await org.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

/** The TOTP code for `secret` at the clock's time, `steps` periods away. */
export function totpAt(secret: string, clock: Clock | undefined, steps = 0): string {
  const epoch = Math.floor((clock ?? { nowMs: () => Date.now() }).nowMs() / 1000) + steps * 30;
  return generateSync({ secret, epoch });
}

/** Signs in with PASSWORD and returns the transaction body. */
export async function signIn(t: TestOrg, login: string, password = PASSWORD): Promise<HttpResult> {
  return t.post('/api/v1/authn', { username: login, password });
}
