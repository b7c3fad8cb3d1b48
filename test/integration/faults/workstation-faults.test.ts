/**
 * Fault table, workstation rows: the PC clock is 10 minutes fast, or jumps ±10 minutes mid-transaction;
 * the OS keychain locks in the middle of a desktop-authenticator enrollment and of a sign-in. The org keeps
 * the right time (it is the org's clock that says when a transaction expires).
 */
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store.ts';
import { startStack, type Stack } from '../../support/bootstrap.ts';
import { createActiveUser, uniqueLogin } from '../../support/org-admin.ts';
import { lockableKeychain, pcClock, phoneCode, userWithTotp } from './fault-kit.ts';

const PASSWORD = 'Garage-Shop-2026';
const TEN_MINUTES = 10 * 60_000;

let stack: Stack;
const clock = pcClock();
const keychain = lockableKeychain(createMemorySecretStore());

beforeAll(async () => {
  const policyFile = join(await mkdtemp(join(tmpdir(), 'garage-faults-policy-')), 'policy.json');
  await writeFile(policyFile, JSON.stringify({ desktopAuthenticator: true }));
  await chmod(policyFile, 0o644);
  stack = await startStack({ appClock: clock, secretStore: keychain, policyFile });
});
afterEach(() => {
  clock.shift(-clock.offsetMs);
  keychain.locked = false;
});
afterAll(async () => {
  await stack.close();
});

const nextCode = (secret: string) => phoneCode(secret, Date.now() + 30_000);

async function toCodeStep(tag: string) {
  const login = uniqueLogin(tag);
  const { secret } = await userWithTotp(stack, login, PASSWORD);
  const started = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD });
  expect(started).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
  const factorId = (started.ok && started.value.factors?.[0]?.id) || '';
  return { login, secret, factorId };
}

describe('PC clock faults', () => {
  it('a PC clock 10 minutes fast signs in against the org, and the drift is reported', async () => {
    clock.shift(TEN_MINUTES);
    const { login, secret, factorId } = await toCodeStep('fast');
    const verified = await stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) });
    expect(verified).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
    const info = await stack.app.handlers['app.info']({});
    expect(info.ok && Math.abs((info.value.clockDriftSeconds ?? 0) - 600)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['forward', TEN_MINUTES],
    ['back', -TEN_MINUTES],
  ])('the PC clock jumps 10 minutes %s between password and code: the sign-in goes through', async (_direction, jump) => {
    const { login, secret, factorId } = await toCodeStep('jump');
    clock.shift(jump);
    const verified = await stack.app.handlers['auth.verify']({ factorId, passCode: nextCode(secret) });
    expect(verified).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });
});

describe('keychain faults', () => {
  it('the keychain locks during a desktop-authenticator enrollment and a sign-in: a clear code, the step kept, then both succeed', { timeout: 90_000 }, async () => {
    const login = uniqueLogin('keychain');
    await createActiveUser(stack.org, login, PASSWORD);
    const started = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(started).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(await stack.app.handlers['auth.enroll']({ kind: 'totp-google' })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE' } });

    keychain.locked = true;
    expect(await stack.app.handlers['authenticator.enrollHere']({})).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_LOCKED' } });
    expect(await stack.app.handlers['authenticator.status']({})).toMatchObject({ ok: true, value: { allowed: false, reason: 'E_KEYCHAIN_LOCKED' } });
    // The step is kept, and the phone remains a way through: the screen can still show the seed.
    expect(await stack.app.handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE' } });
    expect(await stack.app.handlers['auth.totpSetup']({})).toMatchObject({ ok: true });

    keychain.locked = false;
    const enrolled = await stack.app.handlers['authenticator.enrollHere']({});
    expect(enrolled.ok).toBe(true);
    await stack.app.handlers['auth.cancel']({});

    // Sign in again: the keychain locks at the code step.
    const again = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(again).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
    const factorId = (again.ok && again.value.factors?.[0]?.id) || '';
    keychain.locked = true;
    expect(await stack.app.handlers['authenticator.verifyHere']({ factorId })).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_LOCKED' } });
    expect(await stack.app.handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', user: { login } } });
    keychain.locked = false;
    // The seed saved before the lock is still there; the app waits for a fresh time step if it must.
    expect(await stack.app.handlers['authenticator.verifyHere']({ factorId })).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });
});
