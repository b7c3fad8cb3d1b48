/**
 * Cost of one getAssertion through the app's own stack (clientData, protocol choice with getInfo, CTAP2
 * CBOR, CTAPHID framing and reassembly, response validation) with the authenticator's crypto taken out:
 * the key's answers are canned. Same for an old U2F-only key (check-only, then sign, over CTAPHID_MSG).
 * A real YubiKey then adds its own time (tens of ms) and the technician's touch. With several keys plugged
 * in, a sign-in first probes each key silently; its stack cost is measured the same way.
 */
import { generateAuthenticationOptions, generateRegistrationOptions } from '@simplewebauthn/server';
import { encode } from 'cborg';
import { cryptoRandom } from '../main/core/random.ts';
import { openChannel } from '../main/yubikey/hid/ctaphid-channel.ts';
import { CMD, decodePacket, encodeMessage } from '../main/yubikey/hid/ctaphid-frame.ts';
import type { HidDevice } from '../main/yubikey/hid/hid-port.ts';
import { registerWithKey, signWithKey } from '../main/yubikey/webauthn-ceremony.ts';
import { keyHoldsCredential } from '../main/yubikey/key-probe.ts';
import { keyProtocol } from '../main/yubikey/key-protocol.ts';
import { createFakeHidDevice } from '../test/support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../test/support/fakes/soft-ctap2-authenticator.ts';
import { createSoftU2fAuthenticator } from '../test/support/fakes/soft-u2f-authenticator.ts';

const ORIGIN = 'https://fcawitech.okta.com';

const GET_INFO = new Uint8Array([0x00, ...encode(new Map<number, unknown>([[1, ['FIDO_2_0', 'FIDO_2_1']], [3, new Uint8Array(16)]]))]);
const U2F_KNOWN_HANDLE = new Uint8Array([0x69, 0x85]);

/**
 * A device that answers at once with canned bytes: CTAP2 (getInfo, then the same assertion every time),
 * or U2F (check-only says "mine", sign returns the same signature every time).
 */
function cannedDevice(kind: 'ctap2' | 'u2f', answer: Uint8Array): HidDevice {
  const out: Uint8Array[] = [];
  // Framed once: the key's own work stays out of the app's figure.
  const framed = new Map<Uint8Array, Uint8Array[]>();
  const reply = (cmd: number, payload: Uint8Array) => {
    let packets = framed.get(payload);
    if (!packets) framed.set(payload, (packets = encodeMessage(0x01020304, cmd, payload)));
    out.push(...packets);
  };
  return {
    async write(report) {
      const packet = decodePacket(report);
      if (packet?.kind !== 'init') return;
      if (packet.cmd === CMD.INIT) {
        const init = new Uint8Array(17);
        init.set(packet.data.subarray(0, 8));
        new DataView(init.buffer).setUint32(8, 0x01020304);
        init[16] = kind === 'ctap2' ? 0x05 : 0x01;
        out.push(...encodeMessage(0xffffffff, CMD.INIT, init));
      } else if (packet.cmd === CMD.CBOR) reply(CMD.CBOR, packet.data[0] === 0x04 ? GET_INFO : answer);
      else if (packet.cmd === CMD.MSG) reply(CMD.MSG, packet.data[2] === 0x07 ? U2F_KNOWN_HANDLE : answer);
    },
    async read() {
      return out.shift();
    },
    async close() {},
  };
}

export default async function bench() {
  const soft = createSoftAuthenticator();
  const real = await openChannel(createFakeHidDevice(soft, { touchKeepalives: 0 }).device, cryptoRandom);
  if (!real.ok) throw new Error(real.error.code);
  const registered = await registerWithKey(real.value, await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'fcawitech.okta.com', userName: 'ana' }), ORIGIN);
  if (!registered.ok) throw new Error(registered.error.code);
  const request = await generateAuthenticationOptions({ rpID: 'fcawitech.okta.com', allowCredentials: [{ id: registered.value.id }] });
  // One real answer, then replayed by the canned device (the app does not check signatures; the org does).
  const signedOnce = await signWithKey(real.value, request, ORIGIN);
  if (!signedOnce.ok) throw new Error(signedOnce.error.code);
  const answer = new Uint8Array([0x00, ...encode(new Map<number, unknown>([[1, new Map<string, unknown>([['id', new Uint8Array(Buffer.from(registered.value.id, 'base64url'))], ['type', 'public-key']])], [2, new Uint8Array(Buffer.from(signedOnce.value.response.authenticatorData, 'base64url'))], [3, new Uint8Array(Buffer.from(signedOnce.value.response.signature, 'base64url'))]]))]);
  const canned = await openChannel(cannedDevice('ctap2', answer), cryptoRandom);
  if (!canned.ok) throw new Error(canned.error.code);

  const runs = 2000;
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i += 1) await fn();
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) await fn();
    return ((performance.now() - start) * 1000) / runs;
  };
  const stackOnly = await time(() => signWithKey(canned.value, request, ORIGIN));
  const withSoftCrypto = await time(() => signWithKey(real.value, request, ORIGIN));
  // With several keys plugged in, each is first asked silently whether it holds the credential (key-probe.ts);
  // its protocol was read once before, for the probe and the choice alike.
  const allowIds = [new Uint8Array(Buffer.from(registered.value.id, 'base64url'))];
  const cannedProtocol = await keyProtocol(canned.value);
  if (!cannedProtocol.ok) throw new Error(cannedProtocol.error.code);
  const probe = await time(() => keyHoldsCredential(canned.value, cannedProtocol.value, 'fcawitech.okta.com', allowIds));

  // The U2F fallback: one real answer from the software U2F key (touched on the first poll), then canned.
  const u2fKey = await openChannel(createFakeHidDevice(await createSoftU2fAuthenticator({ pollsBeforeTouch: 0 })).device, cryptoRandom);
  if (!u2fKey.ok) throw new Error(u2fKey.error.code);
  const u2fRegistered = await registerWithKey(u2fKey.value, await generateRegistrationOptions({ rpName: 'wiTECH', rpID: 'fcawitech.okta.com', userName: 'ana' }), ORIGIN);
  if (!u2fRegistered.ok) throw new Error(u2fRegistered.error.code);
  const u2fRequest = await generateAuthenticationOptions({ rpID: 'fcawitech.okta.com', allowCredentials: [{ id: u2fRegistered.value.id }], userVerification: 'discouraged' });
  const u2fSigned = await signWithKey(u2fKey.value, u2fRequest, ORIGIN);
  if (!u2fSigned.ok) throw new Error(u2fSigned.error.code);
  const authData = Buffer.from(u2fSigned.value.response.authenticatorData, 'base64url');
  const u2fAnswer = new Uint8Array(Buffer.concat([authData.subarray(32, 37), Buffer.from(u2fSigned.value.response.signature, 'base64url'), Buffer.from([0x90, 0x00])]));
  const u2fCanned = await openChannel(cannedDevice('u2f', u2fAnswer), cryptoRandom);
  if (!u2fCanned.ok) throw new Error(u2fCanned.error.code);
  const u2fStackOnly = await time(() => signWithKey(u2fCanned.value, u2fRequest, ORIGIN));
  // The plug/unplug watcher's cost: one node-hid enumeration per poll (main/yubikey/device-watcher.ts, every 2 s).
  const { devicesAsync } = await import('node-hid');
  for (let i = 0; i < 20; i += 1) await devicesAsync();
  const cpuBefore = process.cpuUsage();
  const polls = 200;
  for (let i = 0; i < polls; i += 1) await devicesAsync();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerPoll = (cpu.user + cpu.system) / polls;
  const devicesSeen = (await devicesAsync()).length;
  return {
    name: 'YubiKey getAssertion through the transport, and the device watcher',
    figures: {
      'CTAP2: app stack only, canned key answers (µs/assertion)': stackOnly.toFixed(1),
      'CTAP2: with the software authenticator’s ECDSA (µs/assertion)': withSoftCrypto.toFixed(1),
      'CTAP2: app stack share of the software run': `${((stackOnly / withSoftCrypto) * 100).toFixed(0)} %`,
      'several keys: silent probe per plugged key (protocol already read), canned answers (µs/key)': probe.toFixed(1),
      'U2F fallback: app stack only, canned key answers (µs/assertion)': u2fStackOnly.toFixed(1),
      'U2F / CTAP2 stack cost ratio': (u2fStackOnly / stackOnly).toFixed(2),
      [`watcher: CPU per HID enumeration, ${devicesSeen} HID devices on this machine (µs)`]: cpuPerPoll.toFixed(0),
      'watcher: CPU share at one poll every 2 s': `${((cpuPerPoll / 2_000_000) * 100).toFixed(4)} %`,
    },
  };
}
