/**
 * Fault table, network rows: the org dies between password and factor; something else answers in its
 * place (captive portal, proxy 407, gateway 502) or nothing answers (hang past the time-out). Each row
 * asserts what the technician is shown (the code the screen maps to its message), that the sign-in in
 * progress is kept, that a help request sent meanwhile is queued on disk, and that after the fault both
 * the sign-in and the request reach the org: nothing lost.
 */
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalOrg } from '../../../main/local-org/server.ts';
import { silentLogger } from '../../../main/core/redact.ts';
import { startStack, type Stack } from '../../support/bootstrap.ts';
import { uniqueLogin } from '../../support/org-admin.ts';
import { faultyNetwork, helpRequest, orgHelpRequests, pcClock, phoneCode, userWithTotp, type NetworkFault } from './fault-kit.ts';

const PASSWORD = 'Garage-Shop-2026';
const AFTER_BACKOFF_MS = 60 * 60_000;

let stack: Stack;
const network = faultyNetwork();
const clock = pcClock();
// Rows run in turn and report here; the last test prints the table.
export const rows: Array<{ fault: string; sees: string; lost: number }> = [];

beforeAll(async () => {
  stack = await startStack({ wrapFetch: network.wrap, appClock: clock });
});
beforeEach(() => {
  network.state.fault = 'none';
});
afterAll(async () => {
  await stack.close();
});

async function signedInToCode(tag: string) {
  const login = uniqueLogin(tag);
  const { secret } = await userWithTotp(stack, login, PASSWORD);
  const started = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD });
  if (!started.ok || started.value.status !== 'MFA_REQUIRED') throw new Error(`sign-in did not reach the code step: ${JSON.stringify(started)}`);
  const factorId = started.value.factors?.[0]?.id ?? '';
  return { login, secret, factorId };
}

/** Sends what the outbox holds, past any backoff the failures set (the app's timer does this every minute). */
async function flushLater(): Promise<number> {
  clock.shift(AFTER_BACKOFF_MS);
  return stack.app.flushHelpOutbox();
}

/** The e-mail addresses of the help requests waiting in the app's outbox on disk. */
async function queued(): Promise<string[]> {
  const dir = join(stack.dataDir, 'app', 'support', 'queue');
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.json'));
  return Promise.all(names.map(async (name) => (JSON.parse(await readFile(join(dir, name), 'utf8')) as { body: { email: string } }).body.email));
}

/**
 * The code the phone shows at the next time step: the one of this step activated the factor, and the org
 * refuses a code twice (RFC 6238 §5.2); it accepts the next step's within its window.
 */
const nextCode = (secret: string) => phoneCode(secret, Date.now() + 30_000);

const ROWS: Array<[NetworkFault, string, string]> = [
  ['portal', 'the org answers 200 HTML (captive portal)', 'E_NET_CAPTIVE_PORTAL'],
  ['proxy-407', 'a proxy answers 407', 'E_NET_PROXY_AUTH'],
  ['bad-gateway', 'a gateway answers 502', 'E_NET_SERVER_ERROR'],
  ['hang', 'the org hangs past the time-out (15 s)', 'E_NET_TIMEOUT'],
];

describe('network faults', () => {
  it('the org dies between password and factor: the code screen stays, the request is queued, both go through after its restart', async () => {
    const { login, secret, factorId } = await signedInToCode('dies');
    const port = Number(new URL(stack.org.url).port);
    await stack.org.close();

    const verify = await stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) });
    expect(verify).toMatchObject({ ok: false, error: { code: 'E_NET_UNREACHABLE' } });
    expect(await stack.app.handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', user: { login } } });
    const help = helpRequest(`dies-${Date.now()}`);
    expect(await stack.app.handlers['support.requestHelp'](help)).toEqual({ ok: true, value: { queued: true } });
    expect(await queued()).toContain(help.email);

    // Restarted on its port and data folder; the stack closes this one at the end.
    const again = await startLocalOrg({ dataDir: join(stack.dataDir, 'org'), port, log: silentLogger });
    Object.assign(stack.org, { adminToken: again.adminToken, close: () => again.close() });
    const retried = await stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) });
    expect(retried).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
    expect(await flushLater()).toBe(1);
    expect(await queued()).toEqual([]);
    expect(orgHelpRequests(join(stack.dataDir, 'org')).filter((row) => row.email === help.email)).toHaveLength(1);
    rows.push({ fault: 'org dies between password and factor', sees: 'E_NET_UNREACHABLE, code screen kept (MFA_REQUIRED)', lost: 0 });
  });

  it.each(ROWS)('%s: the technician sees a clear code, keeps the sign-in, and loses no help request', { timeout: 60_000 }, async (fault, name, code) => {
    const { login, secret, factorId } = await signedInToCode(fault);
    network.state.fault = fault;
    const [verify, help] = await Promise.all([
      stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) }),
      (async () => {
        const request = helpRequest(`${fault}-${Date.now()}`);
        return { request, receipt: await stack.app.handlers['support.requestHelp'](request) };
      })(),
    ]);
    expect(verify).toMatchObject({ ok: false, error: { code } });
    expect(help.receipt).toEqual({ ok: true, value: { queued: true } });
    expect(await queued()).toEqual([help.request.email]);
    // Still faulty at the next try: kept, not set aside.
    expect(await flushLater()).toBe(0);
    expect(await queued()).toEqual([help.request.email]);
    expect(await readdir(join(stack.dataDir, 'app', 'support', 'rejected')).catch(() => [])).toEqual([]);

    network.state.fault = 'none';
    const state = await stack.app.handlers['auth.state']({});
    expect(state).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', user: { login } } });
    // The code never reached the org: it still signs in.
    const retried = await stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) });
    expect(retried).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(await flushLater()).toBe(1);
    expect(await queued()).toEqual([]);
    expect(orgHelpRequests(join(stack.dataDir, 'org')).filter((row) => row.email === help.request.email)).toHaveLength(1);
    rows.push({ fault: name, sees: `${code}; help request "queued"`, lost: 0 });
  });
});
