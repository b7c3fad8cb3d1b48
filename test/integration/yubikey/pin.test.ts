/**
 * A key with a PIN: the ceremony asks the technician (the app's own dialog), gets a PIN/UV auth token
 * through ClientPIN and retries; wrong PINs count down, a cancel stops, a blocked key says so.
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../main/core/random.ts';
import { openChannel } from '../../../main/yubikey/hid/ctaphid-channel.ts';
import { registerWithKey, signWithKey } from '../../../main/yubikey/webauthn-ceremony.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../support/fakes/soft-ctap2-authenticator.ts';

const ORIGIN = 'https://fcawitech.okta.com';
const RP = 'fcawitech.okta.com';

async function keyWithPin(pin: string) {
  const soft = createSoftAuthenticator({ pin });
  const channel = await openChannel(createFakeHidDevice(soft, { touchKeepalives: 0 }).device, cryptoRandom);
  if (!channel.ok) throw new Error(channel.error.code);
  return { soft, channel: channel.value };
}

describe('YubiKey PIN', () => {
  it('asks for the PIN, says when it was wrong and how many tries are left, then registers and signs with user verification', async () => {
    const { channel } = await keyWithPin('2468');
    const asked: Array<{ retries: number; wrong: boolean }> = [];
    const answers = ['1111', '2468', '2468'];
    const askPin = async (request: { retries: number; wrong: boolean }) => {
      asked.push(request);
      return answers.shift() ?? null;
    };
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    const made = await registerWithKey(channel, options, ORIGIN, {}, askPin);
    if (!made.ok) throw new Error(made.error.code);
    expect(asked).toEqual([{ retries: 8, wrong: false }, { retries: 7, wrong: true }]);
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, requireUserVerification: true });
    expect(verified.verified).toBe(true);

    const request = await generateAuthenticationOptions({ rpID: RP, allowCredentials: [{ id: made.value.id }], userVerification: 'required' });
    const signed = await signWithKey(channel, request, ORIGIN, {}, askPin);
    if (!signed.ok || !verified.registrationInfo) throw new Error('sign failed');
    const checked = await verifyAuthenticationResponse({ response: signed.value, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, credential: verified.registrationInfo.credential, requireUserVerification: true });
    expect(checked.verified).toBe(true);
  });

  it('stops when the technician cancels the PIN dialog', async () => {
    const { channel } = await keyWithPin('2468');
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    expect(await registerWithKey(channel, options, ORIGIN, {}, async () => null)).toMatchObject({ ok: false, error: { code: 'E_HID_CANCELLED' } });
  });

  it('says the PIN is blocked once the retries are used up', async () => {
    const { channel, soft } = await keyWithPin('2468');
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    expect(await registerWithKey(channel, options, ORIGIN, {}, async () => '0000')).toMatchObject({ ok: false, error: { code: 'E_CTAP_PIN_BLOCKED' } });
    expect(soft.retriesLeft()).toBe(0);
  });

  it('a key without a PIN is asked nothing', async () => {
    const soft = createSoftAuthenticator();
    const channel = await openChannel(createFakeHidDevice(soft, { touchKeepalives: 0 }).device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    let asked = 0;
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana' });
    expect(await registerWithKey(channel.value, options, ORIGIN, {}, async () => (asked++, '1234'))).toMatchObject({ ok: true });
    expect(asked).toBe(0);
  });
});
