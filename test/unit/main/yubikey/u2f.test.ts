/**
 * CTAP1/U2F fallback pieces against Yubico/python-fido2's published vectors (tests/test_ctap1.py): the APDU
 * bytes on the wire, the register and authenticate answers parsed and their signatures checked, hostile
 * answers refused, touch polling, and the choice between CTAP2 and U2F.
 */
import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../../main/core/result.ts';
import { encodeCbor } from '../../../../main/yubikey/ctap2/cbor.ts';
import { AUTH_MODE, INS, decodeApduResponse, encodeApdu } from '../../../../main/yubikey/ctap1/apdu.ts';
import { u2fAuthenticate, u2fKnowsHandle, u2fRegister, u2fVersion } from '../../../../main/yubikey/ctap1/u2f-commands.ts';
import { parseRegistration, parseSignature } from '../../../../main/yubikey/ctap1/u2f-messages.ts';
import { assertionAuthData, registrationAuthData } from '../../../../main/yubikey/ctap1/u2f-webauthn.ts';
import { CMD } from '../../../../main/yubikey/hid/ctaphid-frame.ts';
import type { CtapChannel } from '../../../../main/yubikey/hid/ctaphid-channel.ts';
import { keyProtocol } from '../../../../main/yubikey/key-protocol.ts';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const REGISTER_RESPONSE = hex(
  '0504b174bc49c7ca254b70d2e5c207cee9cf174820ebd77ea3c65508c26da51b657c1cc6b952f8621697936482da0a6d3d3826a59095daf6cd7c03e2e60385d2f6d9402a552dfdb7477ed65fd84133f86196010b2215b57da75d315b7b9e8fe2e3925a6019551bab61d16591659cbaf00b4950f7abfe6660e2e006f76868b772d70c253082013c3081e4a003020102020a47901280001155957352300a06082a8648ce3d0403023017311530130603550403130c476e756262792050696c6f74301e170d3132303831343138323933325a170d3133303831343138323933325a3031312f302d0603550403132650696c6f74476e756262792d302e342e312d34373930313238303030313135353935373335323059301306072a8648ce3d020106082a8648ce3d030107034200048d617e65c9508e64bcc5673ac82a6799da3c1446682c258c463fffdf58dfd2fa3e6c378b53d795c4a4dffb4199edd7862f23abaf0203b4b8911ba0569994e101300a06082a8648ce3d0403020347003044022060cdb6061e9c22262d1aac1d96d8c70829b2366531dda268832cb836bcd30dfa0220631b1459f09e6330055722c8d89b7f48883b9089b88d60d1d9795902b30410df304502201471899bcc3987e62e8202c9b39c33c19033f7340352dba80fcab017db9230e402210082677d673d891933ade6f617e5dbde2e247e70423fd5ad7804a6d3d3961ef871',
);
const REGISTER_CLIENT = hex('4142d21c00d94ffb9d504ada8f99b721f4b191ae4e37ca0140f696b6983cfacb');
const REGISTER_APP = hex('f0e6a6a97042a4f1f1c87f5f7d44315b2d852c2df5c7991cc66241bf7072d1c4');
const AUTH_RESPONSE = hex('0100000001304402204b5f0cd17534cedd8c34ee09570ef542a353df4436030ce43d406de870b847780220267bb998fac9b7266eb60e7cb0b5eabdfd5ba9614f53c7b22272ec10047a923f');
const AUTH_CLIENT = hex('ccd6ee2e47baef244d49a222db496bad0ef5b6f93aa7cc4d30c4821b3b9dbc57');
const AUTH_APP = hex('4b0be934baebb5d12d26011b69227fa5e86df94e7d94aa2949a89f2d493992ca');
const AUTH_PUBLIC = hex('04d368f1b665bade3c33a20f1e429c7750d5033660c019119d29aa4ba7abc04aa7c80a46bbe11ca8cb5674d74f31f8a903f6bad105fb6ab74aefef4db8b0025e1d');
const OK_SW = new Uint8Array([0x90, 0x00]);
const withSw = (data: Uint8Array, sw: Uint8Array = OK_SW) => new Uint8Array(Buffer.concat([data, sw]));

function pointKey(point: Uint8Array) {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: Buffer.from(point.subarray(1, 33)).toString('base64url'), y: Buffer.from(point.subarray(33, 65)).toString('base64url') }, format: 'jwk' });
}

/** A channel that records each CTAPHID_MSG payload and answers from a script. */
function scriptedChannel(answers: Array<Result<Uint8Array>>, capabilities = 0x01) {
  const sent: Array<{ cmd: number; payload: Uint8Array }> = [];
  const channel: CtapChannel = {
    cid: 1,
    capabilities,
    async transact(cmd, payload) {
      sent.push({ cmd, payload });
      return answers.shift() ?? fail('E_HID_TIMEOUT');
    },
  };
  return { channel, sent };
}

describe('U2F APDUs (python-fido2 vectors)', () => {
  it('encodes the extended-length form, with Lc even when there is no data', () => {
    expect(Buffer.from(encodeApdu(2, 3, 4, Buffer.from('foobar'))).equals(Buffer.from('\x00\x02\x03\x04\x00\x00\x06foobar\x00\x00', 'latin1'))).toBe(true);
    expect([...encodeApdu(INS.VERSION, 0, 0)]).toEqual([0, 3, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => encodeApdu(1, 0, 0, new Uint8Array(0x10000))).toThrow(RangeError);
  });

  it('splits data and status word, and refuses an answer too short to hold one', () => {
    expect(decodeApduResponse(withSw(Buffer.from('err'), new Uint8Array([0x6a, 0x80])))).toEqual({ data: new Uint8Array(Buffer.from('err')), sw: 0x6a80 });
    expect(decodeApduResponse(new Uint8Array([0x90]))).toBeUndefined();
  });

  it('sends REGISTER as python-fido2 does and parses the answer, whose attestation signature verifies', async () => {
    const { channel, sent } = scriptedChannel([ok(withSw(REGISTER_RESPONSE))]);
    const registered = await u2fRegister(channel, REGISTER_CLIENT, REGISTER_APP);
    expect(sent[0]?.cmd).toBe(CMD.MSG);
    expect(Buffer.from(sent[0]?.payload ?? []).equals(Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 0, 0x40]), REGISTER_CLIENT, REGISTER_APP, Buffer.from([0, 0])]))).toBe(true);
    if (!registered.ok) throw new Error(registered.error.code);
    const { publicKey, keyHandle, certificate, signature } = registered.value;
    expect(Buffer.from(publicKey).toString('hex')).toBe('04b174bc49c7ca254b70d2e5c207cee9cf174820ebd77ea3c65508c26da51b657c1cc6b952f8621697936482da0a6d3d3826a59095daf6cd7c03e2e60385d2f6d9');
    expect(Buffer.from(keyHandle).toString('hex')).toBe('2a552dfdb7477ed65fd84133f86196010b2215b57da75d315b7b9e8fe2e3925a6019551bab61d16591659cbaf00b4950f7abfe6660e2e006f76868b772d70c25');
    expect(certificate.length).toBe(0x13c + 4);
    expect(Buffer.from(signature).toString('hex')).toBe('304502201471899bcc3987e62e8202c9b39c33c19033f7340352dba80fcab017db9230e402210082677d673d891933ade6f617e5dbde2e247e70423fd5ad7804a6d3d3961ef871');
    const signed = Buffer.concat([Buffer.from([0]), REGISTER_APP, REGISTER_CLIENT, keyHandle, publicKey]);
    expect(verify('sha256', signed, new X509Certificate(certificate).publicKey, signature)).toBe(true);
  });

  it('sends AUTHENTICATE (sign and check-only) and parses presence, counter and a signature that verifies', async () => {
    const handle = new Uint8Array(64).fill(3);
    const { channel, sent } = scriptedChannel([ok(withSw(AUTH_RESPONSE)), ok(withSw(new Uint8Array(), new Uint8Array([0x69, 0x85])))]);
    const signed = await u2fAuthenticate(channel, AUTH_CLIENT, AUTH_APP, handle);
    expect(Buffer.from(sent[0]?.payload ?? []).equals(Buffer.concat([Buffer.from([0, 2, AUTH_MODE.sign, 0, 0, 0, 0x81]), AUTH_CLIENT, AUTH_APP, Buffer.from([0x40]), handle, Buffer.from([0, 0])]))).toBe(true);
    if (!signed.ok) throw new Error(signed.error.code);
    expect(signed.value).toMatchObject({ userPresence: 1, counter: 1 });
    const authData = assertionAuthData(AUTH_APP, signed.value);
    expect(verify('sha256', Buffer.concat([authData, AUTH_CLIENT]), pointKey(AUTH_PUBLIC), signed.value.signature)).toBe(true);

    expect(await u2fKnowsHandle(channel, AUTH_APP, new Uint8Array(8).fill(4))).toEqual(ok(true));
    expect(sent[1]?.payload[2]).toBe(AUTH_MODE.checkOnly);
    expect(sent[1]?.payload[6]).toBe(0x49);
  });

  it('refuses answers a key should never send', () => {
    expect(parseRegistration(REGISTER_RESPONSE.subarray(0, 100))).toBeUndefined(); // cut inside the certificate
    expect(parseRegistration(Buffer.concat([Buffer.from([6]), REGISTER_RESPONSE.subarray(1)]))).toBeUndefined(); // reserved byte
    const noHandle = new Uint8Array(REGISTER_RESPONSE);
    noHandle[66] = 0;
    expect(parseRegistration(noHandle)).toBeUndefined();
    const hugeHandle = new Uint8Array(REGISTER_RESPONSE.subarray(0, 80));
    hugeHandle[66] = 255;
    expect(parseRegistration(hugeHandle)).toBeUndefined();
    const noSignature = REGISTER_RESPONSE.subarray(0, REGISTER_RESPONSE.length - 71);
    expect(parseRegistration(noSignature)).toBeUndefined();
    expect(parseSignature(new Uint8Array([1, 0, 0, 0]))).toBeUndefined();
  });

  it('builds WebAuthn authenticator data the way WebAuthn §8.6 reads a U2F registration', async () => {
    const registration = parseRegistration(REGISTER_RESPONSE);
    if (!registration) throw new Error('vector did not parse');
    const authData = registrationAuthData(REGISTER_APP, registration);
    expect(Buffer.from(authData.subarray(0, 32)).equals(Buffer.from(REGISTER_APP))).toBe(true);
    expect(authData[32]).toBe(0x41);
    expect([...authData.subarray(33, 37 + 16)].every((b) => b === 0)).toBe(true); // counter 0, AAGUID zero
    expect((authData[53] ?? 0) * 256 + (authData[54] ?? 0)).toBe(64);
    const cose = authData.subarray(55 + 64);
    expect(Buffer.from(cose).equals(Buffer.from(encodeCbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, registration.publicKey.subarray(1, 33)], [-3, registration.publicKey.subarray(33)]]))))).toBe(true);
  });
});

describe('touch polling', () => {
  const touchNeeded = () => ok(withSw(new Uint8Array(), new Uint8Array([0x69, 0x85])));

  it('asks again while the key says "conditions not satisfied", and says "touch" once', async () => {
    const { channel, sent } = scriptedChannel([touchNeeded(), touchNeeded(), touchNeeded(), ok(withSw(AUTH_RESPONSE))]);
    const statuses: string[] = [];
    const signed = await u2fAuthenticate(channel, AUTH_CLIENT, AUTH_APP, new Uint8Array(64), { onKeepalive: (s) => statuses.push(s), sleep: async () => undefined });
    expect(signed.ok).toBe(true);
    expect(sent).toHaveLength(4);
    expect(statuses).toEqual(['touch']);
  });

  it('gives up at the deadline, and at once when cancelled', async () => {
    let clock = 0;
    const polls = Array.from({ length: 50 }, touchNeeded);
    const timed = await u2fRegister(scriptedChannel(polls).channel, REGISTER_CLIENT, REGISTER_APP, { timeoutMs: 1000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(timed).toMatchObject({ ok: false, error: { code: 'E_HID_TIMEOUT' } });
    const controller = new AbortController();
    controller.abort();
    const cancelled = await u2fRegister(scriptedChannel([touchNeeded()]).channel, REGISTER_CLIENT, REGISTER_APP, { signal: controller.signal, sleep: async () => undefined });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'E_HID_CANCELLED' } });
  });

  it('maps status words: unknown handle, unsupported instruction, anything else', async () => {
    const answer = (sw: number) => ok(withSw(new Uint8Array(), new Uint8Array([sw >> 8, sw & 0xff])));
    expect(await u2fAuthenticate(scriptedChannel([answer(0x6a80)]).channel, AUTH_CLIENT, AUTH_APP, new Uint8Array(8))).toMatchObject({ error: { code: 'E_CTAP_NO_CREDENTIALS' } });
    expect(await u2fVersion(scriptedChannel([answer(0x6d00)]).channel)).toMatchObject({ error: { code: 'E_CTAP_UNSUPPORTED' } });
    expect(await u2fVersion(scriptedChannel([answer(0x6f00)]).channel)).toMatchObject({ error: { code: 'E_CTAP_OTHER' } });
    expect(await u2fVersion(scriptedChannel([ok(withSw(Buffer.from('U2F_V2')))]).channel)).toEqual(ok('U2F_V2'));
    expect(await u2fKnowsHandle(scriptedChannel([answer(0x6a80)]).channel, AUTH_APP, new Uint8Array(8))).toEqual(ok(false));
    expect(await u2fKnowsHandle(scriptedChannel([]).channel, AUTH_APP, new Uint8Array(300))).toEqual(ok(false)); // cannot be a U2F handle
    expect(await u2fVersion(scriptedChannel([ok(new Uint8Array([0x90]))]).channel)).toMatchObject({ error: { code: 'E_CTAP_BAD_RESPONSE' } });
  });
});

describe('CTAP2 or U2F', () => {
  const info = (versions: string[]) => ok(new Uint8Array([0, ...encodeCbor(new Map<number, unknown>([[1, versions], [3, new Uint8Array(16)]]))]));

  it('takes U2F when the key announces no CBOR capability, without asking getInfo', async () => {
    const { channel, sent } = scriptedChannel([], 0x01);
    expect(await keyProtocol(channel)).toEqual(ok({ kind: 'u2f' }));
    expect(sent).toHaveLength(0);
  });

  it('takes CTAP2 when getInfo lists a FIDO_2_* version', async () => {
    expect(await keyProtocol(scriptedChannel([info(['U2F_V2', 'FIDO_2_0'])], 0x05).channel)).toEqual(
      ok({ kind: 'ctap2', maxCredentialCountInList: 1, maxCredentialIdLength: undefined, selection: false, options: new Map(), pinProtocol: 1, minPinLength: 4 }),
    );
    const limits = ok(new Uint8Array([0, ...encodeCbor(new Map<number, unknown>([[1, ['FIDO_2_1']], [3, new Uint8Array(16)], [4, new Map([['clientPin', false]])], [6, [2, 1]], [7, 8], [8, 128], [0x0d, 6]]))]));
    expect(await keyProtocol(scriptedChannel([limits], 0x05).channel)).toEqual(
      ok({ kind: 'ctap2', maxCredentialCountInList: 8, maxCredentialIdLength: 128, selection: true, options: new Map([['clientPin', false]]), pinProtocol: 2, minPinLength: 6 }),
    );
  });

  it('falls back to U2F when a CBOR-capable key only lists U2F_V2 or rejects getInfo', async () => {
    expect(await keyProtocol(scriptedChannel([info(['U2F_V2'])], 0x05).channel)).toEqual(ok({ kind: 'u2f' }));
    expect(await keyProtocol(scriptedChannel([fail('E_HID_INVALID_COMMAND')], 0x05).channel)).toEqual(ok({ kind: 'u2f' }));
  });

  it('refuses a key that speaks neither, and passes on an unplug', async () => {
    expect(await keyProtocol(scriptedChannel([], 0x08).channel)).toMatchObject({ ok: false, error: { code: 'E_CTAP_UNSUPPORTED' } });
    expect(await keyProtocol(scriptedChannel([info(['U2F_V2'])], 0x0c).channel)).toMatchObject({ ok: false, error: { code: 'E_CTAP_UNSUPPORTED' } });
    expect(await keyProtocol(scriptedChannel([fail('E_HID_DISCONNECTED')], 0x05).channel)).toMatchObject({ ok: false, error: { code: 'E_HID_DISCONNECTED' } });
  });
});
