/**
 * Several keys plugged in: every key waits for a touch, the technician touches one, the others are
 * cancelled, and the ceremony then runs on the touched key only. For a sign-in, keys are first asked
 * silently whether they hold the account's credential, and only those are offered. Software keys behind
 * node-hid-shaped devices: CTAP 2.1 (authenticatorSelection), CTAP 2.0 (the empty-pinUvAuthParam touch) and U2F.
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse, type WebAuthnCredential } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../main/core/random.ts';
import { CMD, decodePacket } from '../../../main/yubikey/hid/ctaphid-frame.ts';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID } from '../../../main/yubikey/list-keys.ts';
import { createYubikeyService, type TouchPrompt } from '../../../main/yubikey/yubikey-service.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../support/fakes/soft-ctap2-authenticator.ts';
import { createSoftU2fAuthenticator } from '../../support/fakes/soft-u2f-authenticator.ts';

const ORIGIN = 'http://localhost:5180';
type FakeKey = ReturnType<typeof createFakeHidDevice>;

function serviceFor(keys: Array<{ key: FakeKey; productId: number }>) {
  const prompts: TouchPrompt[] = [];
  const service = createYubikeyService({
    enumerate: async () => keys.map(({ productId }, i) => ({ path: `hidraw${i}`, vendorId: YUBICO_VENDOR_ID, productId, usagePage: FIDO_USAGE_PAGE })),
    open: async (path) => {
      const found = keys[Number(path.replace('hidraw', ''))];
      if (!found) throw new Error('no such device');
      return found.key.device;
    },
    random: cryptoRandom,
    onTouch: (prompt) => prompts.push(prompt),
  });
  return { service, prompts };
}

const sentCommands = (key: FakeKey) => key.written.map((report) => decodePacket(report)).flatMap((packet) => (packet?.kind === 'init' ? [{ cmd: packet.cmd, first: packet.data[0] }] : []));

async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('choosing among several plugged keys by touch', () => {
  it('CTAP 2.1 keys: both blink, the touched one registers, the other is cancelled and keeps nothing', async () => {
    const a = createSoftAuthenticator();
    const b = createSoftAuthenticator();
    const keyA = createFakeHidDevice(a, { waitForTouch: true });
    const keyB = createFakeHidDevice(b, { waitForTouch: true });
    const { service, prompts } = serviceFor([{ key: keyA, productId: 0x0407 }, { key: keyB, productId: 0x0402 }]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'localhost', userName: 'ana', attestationType: 'none' });
    const made = service.register(options, ORIGIN);
    await until(() => keyA.waiting() && keyB.waiting());
    expect(prompts[0]).toEqual({ model: 'YubiKey 5', choosing: 2 });
    keyB.touch();
    await until(() => keyB.waiting()); // the real ceremony, on B only
    expect(keyA.waiting()).toBe(false);
    expect(sentCommands(keyA).some((c) => c.cmd === CMD.CANCEL)).toBe(true);
    keyB.touch();
    const result = await made;
    if (!result.ok) throw new Error(result.error.code);
    expect((await verifyRegistrationResponse({ response: result.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false })).verified).toBe(true);
    expect([a.credentials.size, b.credentials.size]).toEqual([0, 1]);
    expect(sentCommands(keyB).filter((c) => c.cmd === CMD.CBOR).map((c) => c.first)).toEqual([0x04, 0x0b, 0x04, 0x01]); // getInfo, selection, getInfo, makeCredential
  });

  it('a CTAP 2.0 key (touch through an empty PIN parameter) wins over a U2F key still polling', async () => {
    const old = createSoftAuthenticator({ ctap21: false });
    const keyOld = createFakeHidDevice(old, { waitForTouch: true });
    const u2f = await createSoftU2fAuthenticator({ pollsBeforeTouch: 1_000_000 });
    const keyU2f = createFakeHidDevice(u2f);
    const { service } = serviceFor([{ key: keyU2f, productId: 0x0113 }, { key: keyOld, productId: 0x0407 }]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'localhost', userName: 'ana', attestationType: 'none' });
    const made = service.register(options, ORIGIN);
    await until(() => keyOld.waiting());
    keyOld.touch();
    await until(() => keyOld.waiting());
    keyOld.touch();
    const result = await made;
    expect(result.ok).toBe(true);
    expect(old.credentials.size).toBe(1);
    expect(u2f.registrations.size).toBe(0);
    expect(u2f.apdus.every((apdu) => apdu.ins === 0x01)).toBe(true); // only the "touch me" REGISTER polls
  });

  it('a key pulled out while choosing drops out; the other can still be chosen', async () => {
    const keyA = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    const b = createSoftAuthenticator();
    const keyB = createFakeHidDevice(b, { waitForTouch: true });
    const { service } = serviceFor([{ key: keyA, productId: 0x0407 }, { key: keyB, productId: 0x0407 }]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'localhost', userName: 'ana', attestationType: 'none' });
    const made = service.register(options, ORIGIN);
    await until(() => keyA.waiting() && keyB.waiting());
    keyA.unplug();
    keyB.touch();
    await until(() => keyB.waiting());
    keyB.touch();
    expect((await made).ok).toBe(true);
    expect(b.credentials.size).toBe(1);
  });

  it('with one key plugged in, no selection is asked', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator());
    const { service, prompts } = serviceFor([{ key, productId: 0x0407 }]);
    const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'localhost', userName: 'ana', attestationType: 'none' });
    expect((await service.register(options, ORIGIN)).ok).toBe(true);
    expect(sentCommands(key).some((c) => c.cmd === CMD.CBOR && c.first === 0x0b)).toBe(false);
    expect(prompts.every((prompt) => prompt.choosing === undefined)).toBe(true);
  });
});

/** Enrolls `authenticator` through a key that answers at once (no waiting for a test's touch). */
async function enroll(authenticator: Parameters<typeof createFakeHidDevice>[0], userName = 'ana'): Promise<WebAuthnCredential> {
  const { service } = serviceFor([{ key: createFakeHidDevice(authenticator), productId: 0x0407 }]);
  const options = await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'localhost', userName, attestationType: 'none' });
  const made = await service.register(options, ORIGIN);
  if (!made.ok) throw new Error(made.error.code);
  const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false });
  if (!verified.verified) throw new Error('registration not verified');
  return verified.registrationInfo.credential;
}

const signOptions = (credentials: readonly WebAuthnCredential[]) => generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: credentials.map((c) => ({ id: c.id })), userVerification: 'discouraged' });

describe('signing in with several plugged keys', () => {
  it('only the key enrolled for the account is asked for a touch; the other is probed silently and left alone', async () => {
    const mine = createSoftAuthenticator();
    const credential = await enroll(mine);
    const keyOther = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    const keyMine = createFakeHidDevice(mine, { waitForTouch: true });
    const { service, prompts } = serviceFor([{ key: keyOther, productId: 0x0407 }, { key: keyMine, productId: 0x0402 }]);
    const options = await signOptions([credential]);
    const signed = service.sign(options, ORIGIN);
    await until(() => keyMine.waiting());
    expect(keyOther.waiting()).toBe(false);
    expect(prompts.some((prompt) => prompt.choosing !== undefined)).toBe(false);
    keyMine.touch();
    const result = await signed;
    if (!result.ok) throw new Error(result.error.code);
    const checked = await verifyAuthenticationResponse({ response: result.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', credential, requireUserVerification: false });
    expect(checked.verified).toBe(true);
    expect(sentCommands(keyOther).filter((c) => c.cmd === CMD.CBOR).map((c) => c.first)).toEqual([0x04, 0x02]); // getInfo, silent getAssertion
  });

  it('when no plugged key holds the credential, says so without asking for any touch', async () => {
    const stranger = await enroll(createSoftAuthenticator(), 'someone-else');
    const keyA = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    const keyB = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    const { service, prompts } = serviceFor([{ key: keyA, productId: 0x0407 }, { key: keyB, productId: 0x0407 }]);
    expect(await service.sign(await signOptions([stranger]), ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_NO_CREDENTIALS' } });
    expect(prompts).toEqual([]);
  });

  it('with two enrolled keys plugged in, the technician touches the one to use', async () => {
    const first = createSoftAuthenticator();
    const second = createSoftAuthenticator();
    const credentials = [await enroll(first), await enroll(second)];
    const keyFirst = createFakeHidDevice(first, { waitForTouch: true });
    const keySecond = createFakeHidDevice(second, { waitForTouch: true });
    const { service, prompts } = serviceFor([{ key: keyFirst, productId: 0x0407 }, { key: keySecond, productId: 0x0407 }]);
    const options = await signOptions(credentials);
    const signed = service.sign(options, ORIGIN);
    await until(() => keyFirst.waiting() && keySecond.waiting());
    expect(prompts[0]?.choosing).toBe(2);
    keyFirst.touch();
    await until(() => keyFirst.waiting() && !keySecond.waiting());
    keyFirst.touch();
    const result = await signed;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.id).toBe(credentials[0]?.id);
    expect((await verifyAuthenticationResponse({ response: result.value, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', credential: credentials[0] as WebAuthnCredential, requireUserVerification: false })).verified).toBe(true);
  });

  it('a U2F key is probed with check-only AUTHENTICATE, and the enrolled CTAP2 key beside it is used directly', async () => {
    const u2f = await createSoftU2fAuthenticator({ pollsBeforeTouch: 1_000_000 });
    const mine = createSoftAuthenticator();
    const credential = await enroll(mine);
    const keyMine = createFakeHidDevice(mine, { waitForTouch: true });
    const { service } = serviceFor([{ key: createFakeHidDevice(u2f), productId: 0x0113 }, { key: keyMine, productId: 0x0407 }]);
    const signed = service.sign(await signOptions([credential]), ORIGIN);
    await until(() => keyMine.waiting());
    keyMine.touch();
    expect((await signed).ok).toBe(true);
    expect(u2f.apdus).toContainEqual({ ins: 0x02, p1: 0x07 }); // AUTHENTICATE, check-only
    expect(u2f.apdus.some((apdu) => apdu.ins === 0x01)).toBe(false); // never asked to register or to blink
  });
});
