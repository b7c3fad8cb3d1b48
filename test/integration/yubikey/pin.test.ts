/**
 * A key with a PIN: the ceremony asks the technician (the app's own dialog), gets a PIN/UV auth token
 * through ClientPIN and sends the request with it; wrong PINs count down, a cancel stops, a blocked key says
 * so. The "uv" option never goes to a PIN-only key (it would refuse it); a key without a PIN, where the
 * org requires one, gets one created; a fingerprint key verifies by itself.
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../main/core/random.ts';
import { openChannel } from '../../../main/yubikey/hid/ctaphid-channel.ts';
import { registerWithKey, signWithKey } from '../../../main/yubikey/webauthn-ceremony.ts';
import type { PinRequest } from '../../../main/yubikey/pin-flow.ts';
import { decodeCbor } from '../../../main/yubikey/ctap2/cbor.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator, type SoftAuthenticatorOptions } from '../../support/fakes/soft-ctap2-authenticator.ts';

const ORIGIN = 'https://fcawitech.okta.com';
const RP = 'fcawitech.okta.com';

/** A software key, and every CTAP2 request it was sent (command byte + CBOR), to see what went to it. */
async function softKey(options: SoftAuthenticatorOptions) {
  const soft = createSoftAuthenticator(options);
  const sent: Uint8Array[] = [];
  const watched = { ...soft, handle: (request: Uint8Array) => (sent.push(request), soft.handle(request)) };
  const channel = await openChannel(createFakeHidDevice(watched, { touchKeepalives: 0 }).device, cryptoRandom);
  if (!channel.ok) throw new Error(channel.error.code);
  /** The options map (key 7 of makeCredential, 5 of getAssertion) of each makeCredential / getAssertion sent. */
  const ceremonyOptions = () =>
    sent.filter((r) => r[0] === 0x01 || r[0] === 0x02).map((r) => (decodeCbor(r.subarray(1)) as Map<number, unknown>).get(r[0] === 0x01 ? 7 : 5) as Map<string, boolean> | undefined);
  return { soft, channel: channel.value, sent, ceremonyOptions };
}

const keyWithPin = (pin: string) => softKey({ pin });

/** Answers the dialog from a script, and keeps what it was asked. */
function scriptedDialog(answers: Array<string | null>) {
  const asked: PinRequest[] = [];
  return { asked, askPin: async (request: PinRequest) => (asked.push(request), answers.shift() ?? null) };
}

describe('YubiKey PIN', () => {
  it('asks for the PIN, says when it was wrong and how many tries are left, then registers and signs with user verification', async () => {
    const { channel, ceremonyOptions } = await keyWithPin('2468');
    const { asked, askPin } = scriptedDialog(['1111', '2468', '2468']);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    const made = await registerWithKey(channel, options, ORIGIN, {}, askPin);
    if (!made.ok) throw new Error(made.error.code);
    expect(asked).toEqual([{ mode: 'enter', retries: 8, wrong: false }, { mode: 'enter', retries: 7, wrong: true }]);
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, requireUserVerification: true });
    expect(verified.verified).toBe(true);

    const request = await generateAuthenticationOptions({ rpID: RP, allowCredentials: [{ id: made.value.id }], userVerification: 'required' });
    const signed = await signWithKey(channel, request, ORIGIN, {}, askPin);
    if (!signed.ok || !verified.registrationInfo) throw new Error('sign failed');
    const checked = await verifyAuthenticationResponse({ response: signed.value, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, credential: verified.registrationInfo.credential, requireUserVerification: true });
    expect(checked.verified).toBe(true);
    // The PIN came first, then one request each, with a token and never the "uv" option.
    expect(ceremonyOptions()).toEqual([undefined, undefined]);
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

  it('a key without a PIN, where the org requires one: the technician creates it (a too-short one is refused first), then it verifies', async () => {
    const { channel, soft, sent } = await softKey({ minPinLength: 6 });
    const { asked, askPin } = scriptedDialog(['1234', '246810', '246810']);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    const made = await registerWithKey(channel, options, ORIGIN, {}, askPin);
    if (!made.ok) throw new Error(made.error.code);
    expect(asked).toEqual([{ mode: 'create', minLength: 6, rejected: false }, { mode: 'create', minLength: 6, rejected: true }]);
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, requireUserVerification: true });
    expect(verified.verified).toBe(true);
    expect(sent.filter((r) => r[0] === 0x06 && (decodeCbor(r.subarray(1)) as Map<number, unknown>).get(2) === 0x03)).toHaveLength(1); // one setPIN, for the PIN that passed
    expect(soft.retriesLeft()).toBe(8);

    // The key now has that PIN: the next sign-in asks for it, once.
    const request = await generateAuthenticationOptions({ rpID: RP, allowCredentials: [{ id: made.value.id }], userVerification: 'required' });
    const signed = await signWithKey(channel, request, ORIGIN, {}, askPin);
    expect(signed.ok).toBe(true);
    expect(asked.at(-1)).toEqual({ mode: 'enter', retries: 8, wrong: false });
  });

  it('a key that refuses the new PIN itself (its own policy) is asked again, and a cancel stops before anything is registered', async () => {
    // The key wants 8; this app knows only the announced 4 when a CTAP 2.0 key announces none.
    const { channel, soft } = await softKey({ ctap21: false, minPinLength: 8 });
    const { asked, askPin } = scriptedDialog(['2468', null]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    expect(await registerWithKey(channel, options, ORIGIN, {}, askPin)).toMatchObject({ ok: false, error: { code: 'E_HID_CANCELLED' } });
    expect(asked).toEqual([{ mode: 'create', minLength: 4, rejected: false }, { mode: 'create', minLength: 4, rejected: true }]);
    expect(soft.credentials.size).toBe(0);
  });

  it('a fingerprint key verifies by itself: the "uv" option, no PIN asked', async () => {
    const { channel, ceremonyOptions } = await softKey({ builtinUv: true, pin: '2468' });
    const { asked, askPin } = scriptedDialog([]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    const made = await registerWithKey(channel, options, ORIGIN, {}, askPin);
    if (!made.ok) throw new Error(made.error.code);
    expect((await verifyRegistrationResponse({ response: made.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP, requireUserVerification: true })).verified).toBe(true);
    expect(asked).toEqual([]);
    expect(ceremonyOptions()[0]?.get('uv')).toBe(true);
  });

  it('a CTAP 2.0 key with a PIN asks for it even when the org does not require verification (PUAT_REQUIRED), then registers', async () => {
    const { channel, sent } = await softKey({ ctap21: false, pin: '2468' });
    const { asked, askPin } = scriptedDialog(['2468']);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: RP, userName: 'ana', authenticatorSelection: { userVerification: 'discouraged' } });
    expect((await registerWithKey(channel, options, ORIGIN, {}, askPin)).ok).toBe(true);
    expect(asked).toEqual([{ mode: 'enter', retries: 8, wrong: false }]);
    expect(sent.filter((r) => r[0] === 0x01)).toHaveLength(2); // without, then with the token
  });
});
