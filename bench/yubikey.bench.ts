/**
 * Cost of one getAssertion through the app's own stack (clientData, CTAP2 CBOR, CTAPHID framing and
 * reassembly, response validation) with the authenticator's crypto taken out: the key's answer is canned.
 * A real YubiKey then adds its own time (tens of ms) and the technician's touch.
 */
import { generateAuthenticationOptions, generateRegistrationOptions } from '@simplewebauthn/server';
import { cryptoRandom } from '../main/core/random.ts';
import { openChannel } from '../main/yubikey/hid/ctaphid-channel.ts';
import { CMD, decodePacket, encodeMessage } from '../main/yubikey/hid/ctaphid-frame.ts';
import type { HidDevice } from '../main/yubikey/hid/hid-port.ts';
import { registerWithKey, signWithKey } from '../main/yubikey/webauthn-ceremony.ts';
import { createFakeHidDevice } from '../test/support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../test/support/fakes/soft-ctap2-authenticator.ts';

const ORIGIN = 'https://fcawitech.okta.com';

/** A device that answers every CBOR request with the same bytes, at once. */
function cannedDevice(answer: Uint8Array): HidDevice {
  const out: Uint8Array[] = [];
  return {
    async write(report) {
      const packet = decodePacket(report);
      if (packet?.kind !== 'init') return;
      if (packet.cmd === CMD.INIT) {
        const init = new Uint8Array(17);
        init.set(packet.data.subarray(0, 8));
        new DataView(init.buffer).setUint32(8, 0x01020304);
        out.push(...encodeMessage(0xffffffff, CMD.INIT, init));
      } else out.push(...encodeMessage(0x01020304, CMD.CBOR, answer));
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
  const answer = new Uint8Array([0x00, ...(await import('cborg')).encode(new Map<number, unknown>([[1, new Map<string, unknown>([['id', new Uint8Array(Buffer.from(registered.value.id, 'base64url'))], ['type', 'public-key']])], [2, new Uint8Array(Buffer.from(signedOnce.value.response.authenticatorData, 'base64url'))], [3, new Uint8Array(Buffer.from(signedOnce.value.response.signature, 'base64url'))]]))]);
  const canned = await openChannel(cannedDevice(answer), cryptoRandom);
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
  return {
    name: 'YubiKey getAssertion through the transport',
    figures: {
      'app stack only, canned key answer (µs/assertion)': stackOnly.toFixed(1),
      'with the software authenticator’s ECDSA (µs/assertion)': withSoftCrypto.toFixed(1),
      'app stack share of the software run': `${((stackOnly / withSoftCrypto) * 100).toFixed(0)} %`,
    },
  };
}
