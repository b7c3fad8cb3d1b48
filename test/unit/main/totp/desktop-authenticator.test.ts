import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../main/core/clock.ts';
import { createMemorySecretStore } from '../../../../main/keychain/memory-secret-store.ts';
import { createDesktopAuthenticator } from '../../../../main/totp/desktop-authenticator.ts';
import { RFC6238_SHA1_SECRET } from '../../../support/fixtures/rfc6238.ts';

function setup(allowed: boolean) {
  const clock = manualClock(59_000);
  const store = createMemorySecretStore();
  const sleeps: number[] = [];
  const authenticator = createDesktopAuthenticator({ allowed, store, clock, orgHost: 'fcawitech.okta.com', sleep: async (ms) => { sleeps.push(ms); clock.advance(ms); } });
  return { authenticator, store, clock, sleeps };
}

describe('desktop authenticator', () => {
  it('is off unless the machine policy allows it, and says why', async () => {
    const { authenticator } = setup(false);
    expect(await authenticator.status()).toEqual({ allowed: false, reason: 'E_TOTP_NOT_ALLOWED' });
    expect(await authenticator.save('ana@garage.test', RFC6238_SHA1_SECRET)).toMatchObject({ ok: false, error: { code: 'E_TOTP_NOT_ALLOWED' } });
  });

  it('keeps the seed in the keychain, per org, and shows the current code with its seconds left', async () => {
    const { authenticator, store } = setup(true);
    await authenticator.save('ana@garage.test', RFC6238_SHA1_SECRET);
    expect(await store.get('Garage Sign-In desktop authenticator (fcawitech.okta.com)', 'ana@garage.test')).toEqual({ ok: true, value: RFC6238_SHA1_SECRET });
    expect(await authenticator.current('ana@garage.test')).toEqual({ ok: true, value: { code: '287082', secondsLeft: 1 } });
  });

  it('never submits the same time step twice: it waits for the next code', async () => {
    const { authenticator, sleeps } = setup(true);
    await authenticator.save('ana@garage.test', RFC6238_SHA1_SECRET);
    const first = await authenticator.fresh('ana@garage.test');
    const second = await authenticator.fresh('ana@garage.test');
    expect(first).toEqual({ ok: true, value: '287082' });
    expect(second.ok && second.value).not.toBe('287082');
    expect(sleeps).toHaveLength(1);
  });

  it('refuses a seed that is not base32', async () => {
    const { authenticator } = setup(true);
    expect(await authenticator.save('ana@garage.test', 'not a seed!')).toMatchObject({ ok: false, error: { code: 'E_TOTP_BAD_SECRET' } });
  });
});
