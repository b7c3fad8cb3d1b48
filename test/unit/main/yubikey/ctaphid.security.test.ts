import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openChannel, type CtapChannel } from '../../../../main/yubikey/hid/ctaphid-channel.ts';
import { CMD, MAX_MESSAGE, decodePacket, encodeMessage } from '../../../../main/yubikey/hid/ctaphid-frame.ts';
import type { HidDevice } from '../../../../main/yubikey/hid/hid-port.ts';
import { cryptoRandom } from '../../../../main/core/random.ts';
import { createFakeHidDevice } from '../../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../../support/fakes/soft-ctap2-authenticator.ts';

const CID = 0x0a0b0c0d;

/** A device that answers INIT properly, then plays back scripted reports for the next transaction. */
function scriptedDevice(script: (cid: number) => Uint8Array[]): HidDevice {
  const out: Uint8Array[] = [];
  return {
    async write(report) {
      const packet = decodePacket(report);
      if (packet?.kind === 'init' && packet.cmd === CMD.INIT) {
        const answer = new Uint8Array(17);
        answer.set(packet.data.subarray(0, 8));
        new DataView(answer.buffer).setUint32(8, CID);
        out.push(...encodeMessage(0xffffffff, CMD.INIT, answer));
      } else if (packet?.kind === 'init') out.push(...script(CID));
    },
    async read() {
      await new Promise((resolve) => setImmediate(resolve));
      return out.shift();
    },
    async close() {},
  };
}

async function channelOn(device: HidDevice): Promise<CtapChannel> {
  const channel = await openChannel(device, cryptoRandom, Date.now, async () => undefined);
  if (!channel.ok) throw new Error(channel.error.code);
  return channel.value;
}

describe('CTAPHID framing', () => {
  it('splits and reassembles a message of every size up to the 7609-byte maximum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: MAX_MESSAGE }), (payload) => {
        const packets = encodeMessage(CID, CMD.CBOR, payload);
        expect(packets.every((p) => p.length === 64)).toBe(true);
        const first = decodePacket(packets[0] as Uint8Array);
        expect(first).toMatchObject({ kind: 'init', cid: CID, cmd: CMD.CBOR, length: payload.length });
        const joined = new Uint8Array(packets.length * 64);
        packets.forEach((packet, i) => joined.set(i === 0 ? packet.subarray(7) : packet.subarray(5), i === 0 ? 0 : 57 + (i - 1) * 59));
        expect(Buffer.from(joined.subarray(0, payload.length)).equals(Buffer.from(payload))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to build an oversized message', () => {
    expect(() => encodeMessage(CID, CMD.CBOR, new Uint8Array(MAX_MESSAGE + 1))).toThrow(RangeError);
  });

  it('never throws on any report a device sends', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (report) => void decodePacket(report)));
  });
});

describe('CTAPHID channel against hostile frames', () => {
  it('ignores another channel’s packets and a stray continuation, then reads the real answer', async () => {
    const channel = await channelOn(
      scriptedDevice((cid) => [
        ...encodeMessage(0x99999999, CMD.CBOR, new Uint8Array([0x00, 0xa0])),
        (() => {
          const stray = new Uint8Array(64);
          new DataView(stray.buffer).setUint32(0, cid);
          stray[4] = 3;
          return stray;
        })(),
        ...encodeMessage(cid, CMD.CBOR, new Uint8Array([0x00, 0xa0])),
      ]),
    );
    expect(await channel.transact(CMD.CBOR, new Uint8Array([0x04]))).toEqual({ ok: true, value: new Uint8Array([0x00, 0xa0]) });
  });

  it('fails on a continuation out of sequence', async () => {
    const channel = await channelOn(
      scriptedDevice((cid) => {
        const packets = encodeMessage(cid, CMD.CBOR, new Uint8Array(200));
        (packets[2] as Uint8Array)[4] = 7;
        return packets;
      }),
    );
    expect(await channel.transact(CMD.CBOR, new Uint8Array([0x04]))).toMatchObject({ ok: false, error: { code: 'E_HID_INVALID_SEQ' } });
  });

  it('fails on a declared length beyond the CTAPHID maximum', async () => {
    const channel = await channelOn(
      scriptedDevice((cid) => {
        const packet = new Uint8Array(64);
        const view = new DataView(packet.buffer);
        view.setUint32(0, cid);
        packet[4] = 0x80 | CMD.CBOR;
        view.setUint16(5, MAX_MESSAGE + 1);
        return [packet];
      }),
    );
    expect(await channel.transact(CMD.CBOR, new Uint8Array([0x04]))).toMatchObject({ ok: false, error: { code: 'E_HID_INVALID_LENGTH' } });
  });

  it('does not wait forever under a keepalive storm: the transaction times out', async () => {
    const storm = (cid: number) => Array.from({ length: 400 }, () => encodeMessage(cid, CMD.KEEPALIVE, new Uint8Array([1]))[0] as Uint8Array);
    const channel = await channelOn(scriptedDevice(storm));
    let clock = 0;
    const slow = await openChannel(scriptedDevice(storm), cryptoRandom, () => (clock += 50), async () => undefined);
    if (!slow.ok) throw new Error(slow.error.code);
    expect(await slow.value.transact(CMD.CBOR, new Uint8Array([0x04]), { timeoutMs: 5000 })).toMatchObject({ ok: false, error: { code: 'E_HID_TIMEOUT' } });
    expect(channel.cid).toBe(CID);
  });

  it.each([
    [0x01, 'E_HID_INVALID_COMMAND'],
    [0x03, 'E_HID_INVALID_LENGTH'],
    [0x04, 'E_HID_INVALID_SEQ'],
    [0x05, 'E_HID_TIMEOUT'],
    [0x0b, 'E_HID_INVALID_CHANNEL'],
    [0x7f, 'E_HID_OTHER'],
  ])('maps CTAPHID_ERROR 0x%s to %s', async (code, expected) => {
    const channel = await channelOn(scriptedDevice((cid) => encodeMessage(cid, CMD.ERROR, new Uint8Array([code]))));
    expect(await channel.transact(CMD.CBOR, new Uint8Array([0x04]))).toMatchObject({ ok: false, error: { code: expected } });
  });

  it('retries while another application keeps the key busy, then succeeds', async () => {
    let calls = 0;
    const channel = await channelOn(scriptedDevice((cid) => (++calls < 3 ? encodeMessage(cid, CMD.ERROR, new Uint8Array([0x06])) : encodeMessage(cid, CMD.CBOR, new Uint8Array([0x00, 0xa0])))));
    expect(await channel.transact(CMD.CBOR, new Uint8Array([0x04]))).toMatchObject({ ok: true });
    expect(calls).toBe(3);
  });

  it('ignores an INIT answer whose nonce is not ours (another host on the same key)', async () => {
    const fake = createFakeHidDevice(createSoftAuthenticator());
    const foreign = new Uint8Array(17).fill(9);
    fake.inject(...encodeMessage(0xffffffff, CMD.INIT, foreign));
    const channel = await openChannel(fake.device, cryptoRandom);
    expect(channel.ok && channel.value.cid).not.toBe(0x09090909);
  });

  it('gives up opening a channel within its deadline on a key that keeps answering INIT with a nonce not ours', async () => {
    const fake = createFakeHidDevice(createSoftAuthenticator());
    const foreign = encodeMessage(0xffffffff, CMD.INIT, new Uint8Array(17).fill(9));
    let reads = 0;
    // Each read first slips in another host's INIT answer; the test's own guard stops an endless loop.
    const chatty: HidDevice = {
      ...fake.device,
      async read(ms) {
        reads += 1;
        if (reads > 5000) throw new Error('test guard: still reading after 5000 reports');
        fake.inject(...foreign);
        return fake.device.read(ms);
      },
    };
    let clock = 0;
    const channel = await openChannel(chatty, cryptoRandom, () => (clock += 50), async () => undefined);
    expect(channel).toMatchObject({ ok: false, error: { code: 'E_HID_TIMEOUT' } });
    expect(clock).toBeLessThanOrEqual(3000 + 2 * 50);
  });

  it('cancels a transaction waiting for a touch (CTAPHID_CANCEL)', async () => {
    const fake = createFakeHidDevice(createSoftAuthenticator(), { touchKeepalives: 50 });
    const channel = await channelOn(fake.device);
    const abort = new AbortController();
    const pending = channel.transact(CMD.CBOR, new Uint8Array([0x04]), { signal: abort.signal, onKeepalive: () => abort.abort() });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'E_HID_CANCELLED' } });
    expect(fake.written.some((report) => decodePacket(report)?.kind === 'init' && (decodePacket(report) as { cmd: number }).cmd === CMD.CANCEL)).toBe(true);
  });
});
