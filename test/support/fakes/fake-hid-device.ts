/**
 * A YubiKey's FIDO HID interface in memory: CTAPHID framing on the device side (INIT, CBOR with KEEPALIVE
 * "touch your key" packets before the answer, CANCEL), backed by the software CTAP2 authenticator, or by the
 * software U2F one through CTAPHID_MSG (an old key announcing no CBOR capability). Tests can
 * pull the key out, or slip in packets a hostile device would send.
 */
import { REPORT_SIZE, type HidDevice } from '../../../main/yubikey/hid/hid-port.ts';
import { BROADCAST_CID, CMD, decodePacket, encodeMessage } from '../../../main/yubikey/hid/ctaphid-frame.ts';
import type { SoftAuthenticator } from './soft-ctap2-authenticator.ts';
import type { SoftU2fAuthenticator } from './soft-u2f-authenticator.ts';

/** CTAP2 keys answer CTAPHID_CBOR; U2F-only keys answer CTAPHID_MSG and announce no CBOR capability. */
type Backend = SoftAuthenticator | SoftU2fAuthenticator;

export interface FakeKeyOptions {
  /** KEEPALIVE(UPNEEDED) packets before each CBOR answer: the key waits for a touch. */
  readonly touchKeepalives?: number;
  /** Pulls the key out after this many keepalives of the next CBOR request. */
  readonly unplugAfterKeepalives?: number;
  /** CBOR requests wait, sending KEEPALIVE(UPNEEDED), until the test calls touch() or the host cancels. */
  readonly waitForTouch?: boolean;
}

export function createFakeHidDevice(authenticator: Backend, options: FakeKeyOptions = {}) {
  const outbox: Uint8Array[] = [];
  let unplugged = false;
  let nextCid = 0x01020304;
  let unplugAfter = options.unplugAfterKeepalives;
  let incoming: { cid: number; cmd: number; data: Uint8Array; filled: number } | undefined;
  const written: Uint8Array[] = [];
  let held: { cid: number; payload: Uint8Array } | undefined;

  function queue(cid: number, cmd: number, payload: Uint8Array) {
    outbox.push(...encodeMessage(cid, cmd, payload));
  }

  function complete(cid: number, cmd: number, payload: Uint8Array) {
    if (cmd === CMD.INIT && cid === BROADCAST_CID) {
      const answer = new Uint8Array(17);
      answer.set(payload.subarray(0, 8));
      new DataView(answer.buffer).setUint32(8, nextCid);
      answer.set([2, 5, 4, 3, 'capabilities' in authenticator ? authenticator.capabilities : 0x04 | 0x01], 12); // protocol 2, version 5.4.3, CBOR + WINK
      nextCid += 1;
      queue(BROADCAST_CID, CMD.INIT, answer);
    } else if (cmd === CMD.MSG && 'handleApdu' in authenticator) {
      if (unplugAfter !== undefined) {
        unplugAfter = undefined;
        unplugged = true;
        return;
      }
      queue(cid, CMD.MSG, authenticator.handleApdu(payload));
    } else if (cmd === CMD.CBOR && 'handle' in authenticator && options.waitForTouch && authenticator.needsTouch(payload)) {
      held = { cid, payload };
      queue(cid, CMD.KEEPALIVE, new Uint8Array([2]));
    } else if (cmd === CMD.CBOR && 'handle' in authenticator) {
      for (let i = 0; i < (options.touchKeepalives ?? 2); i += 1) {
        queue(cid, CMD.KEEPALIVE, new Uint8Array([2]));
        if (unplugAfter !== undefined && i + 1 >= unplugAfter) {
          unplugAfter = undefined;
          unplugged = true;
          return;
        }
      }
      queue(cid, CMD.CBOR, authenticator.handle(payload));
    } else if (cmd === CMD.CANCEL) {
      held = undefined;
      outbox.length = 0;
      queue(cid, CMD.CBOR, new Uint8Array([0x2d])); // CTAP2_ERR_KEEPALIVE_CANCEL
    } else {
      queue(cid, CMD.ERROR, new Uint8Array([0x01]));
    }
  }

  const device: HidDevice = {
    async write(report) {
      if (unplugged) throw new Error('could not write to HID device: device disconnected');
      if (report.length !== REPORT_SIZE) throw new Error('reports are 64 bytes');
      written.push(report);
      const packet = decodePacket(report);
      if (!packet) return;
      if (packet.kind === 'init') {
        incoming = { cid: packet.cid, cmd: packet.cmd, data: new Uint8Array(packet.length), filled: 0 };
        const take = Math.min(packet.length, packet.data.length);
        incoming.data.set(packet.data.subarray(0, take));
        incoming.filled = take;
      } else if (incoming) {
        const take = Math.min(incoming.data.length - incoming.filled, packet.data.length);
        incoming.data.set(packet.data.subarray(0, take), incoming.filled);
        incoming.filled += take;
      }
      if (incoming && incoming.filled >= incoming.data.length) {
        const done = incoming;
        incoming = undefined;
        complete(done.cid, done.cmd, done.data);
      }
    },
    async read() {
      await new Promise((resolve) => setImmediate(resolve));
      if (unplugged && outbox.length === 0) throw new Error('could not read from HID device: device disconnected');
      if (outbox.length === 0 && held) {
        // Still waiting for the touch: a keepalive now and then, as a real key sends every ~100 ms.
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (held && outbox.length === 0) queue(held.cid, CMD.KEEPALIVE, new Uint8Array([2]));
      }
      return outbox.shift();
    },
    async close() {},
  };

  return {
    device,
    written,
    /** Puts raw reports in front of what the key will send next (hostile or foreign traffic). */
    inject(...reports: Uint8Array[]) {
      outbox.unshift(...reports);
    },
    unplug() {
      unplugged = true;
    },
    /** The technician touches this key: the held request is answered. */
    touch() {
      if (!held || !('handle' in authenticator)) return false;
      const { cid, payload } = held;
      held = undefined;
      queue(cid, CMD.CBOR, authenticator.handle(payload));
      return true;
    },
    /** True while a request waits for a touch. */
    waiting: () => held !== undefined,
    plugBackIn() {
      unplugged = false;
      outbox.length = 0;
      held = undefined; // a replugged key has forgotten the request it was holding
    },
  };
}
