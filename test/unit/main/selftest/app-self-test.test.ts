/**
 * The self-test as the app wires it: an unusable policy file fails the policy check with its code, the
 * policy's desktop authenticator makes the keychain required, and the engine is asked afresh with the
 * authenticators of the last sign-in.
 */
import { describe, expect, it } from 'vitest';
import { createEngineDetector } from '../../../../main/auth/engine-detection.ts';
import { manualClock } from '../../../../main/core/clock.ts';
import { fail } from '../../../../main/core/result.ts';
import type { SecretStore } from '../../../../main/keychain/secret-store.ts';
import { createMemorySecretStore } from '../../../../main/keychain/memory-secret-store.ts';
import { createAppSelfTest, type AppSelfTestDeps } from '../../../../main/selftest/app-self-test.ts';

const ORG = 'https://garage.okta.test';
const T0 = Date.parse('2026-05-01T10:00:00Z');

function deps(overrides: Partial<AppSelfTestDeps> = {}): AppSelfTestDeps {
  const clock = manualClock(T0);
  const fetch = async () => new Response('{}', { status: 200, headers: { date: new Date(T0).toUTCString() } });
  return {
    orgUrl: ORG,
    fetch,
    clock,
    secretStore: createMemorySecretStore(),
    listKeys: async () => [],
    keyPath: { path: 'renderer', reason: 'browser-preview' },
    detector: createEngineDetector({ orgUrl: ORG, fetch, clock, sleep: async () => undefined, pin: 'identity' }),
    offeredAuthenticators: () => ['google_otp'],
    ...overrides,
  };
}

const check = async (d: AppSelfTestDeps, id: string) => (await createAppSelfTest(d)()).checks.find((c) => c.id === id);

describe('app self-test', () => {
  it('fails the policy check with the code of a policy file it could not use', async () => {
    expect(await check(deps(), 'policy')).toMatchObject({ ok: true });
    expect(await check(deps({ policyError: { code: 'E_POLICY_INVALID', fields: ['/etc/garage/policy.json'] } }), 'policy')).toMatchObject({ ok: false, code: 'E_POLICY_INVALID' });
  });

  it('requires the keychain only when the policy enables the desktop authenticator', async () => {
    const broken: SecretStore = { ...createMemorySecretStore(), availability: async () => fail('E_KEYCHAIN_UNAVAILABLE') };
    expect(await check(deps({ secretStore: broken }), 'keychain')).toMatchObject({ ok: true });
    expect(await check(deps({ secretStore: broken, policy: { desktopAuthenticator: true } }), 'keychain')).toMatchObject({ ok: false, code: 'E_KEYCHAIN_UNAVAILABLE' });
  });

  it('names the engine the policy pins, with the authenticators of the last sign-in', async () => {
    expect((await check(deps(), 'engine'))?.detail).toContain('google_otp');
  });
});
