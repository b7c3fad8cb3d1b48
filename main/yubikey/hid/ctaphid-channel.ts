/**
 * A CTAPHID channel over one HID device (CTAP 2.1 §11.2): INIT on the broadcast channel with a nonce that
 * must come back, then request/response transactions with reassembly, KEEPALIVE (processing / touch the
 * key), CANCEL, channel-busy retry and time limits. Whatever the key (or something posing as one) sends
 * is checked: other channels' packets and stray continuations are ignored, a bad sequence or length fails.
 */
import type { AppErrorCode } from '../../core/errors.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { RandomBytes } from '../../core/random.ts';
import { BROADCAST_CID, CMD, MAX_MESSAGE, decodePacket, encodeMessage } from './ctaphid-frame.ts';
import { hidError } from './ctaphid-errors.ts';
import type { HidDevice } from './hid-port.ts';

export type KeepaliveStatus = 'processing' | 'touch';

export interface TransactOptions {
  /** Overall limit; a key waiting for a touch keeps the transaction alive until then. */
  readonly timeoutMs?: number;
  readonly onKeepalive?: (status: KeepaliveStatus) => void;
  readonly signal?: AbortSignal;
}

const READ_SLICE_MS = 100;
const BUSY_RETRIES = 5;
/** CTAPHID_INIT is answered at once by a present key; 3 s covers a slow USB hub. */
const INIT_LIMIT_MS = 3000;

export interface CtapChannel {
  readonly cid: number;
  readonly capabilities: number;
  transact(cmd: number, payload: Uint8Array, options?: TransactOptions): Promise<Result<Uint8Array>>;
}

async function receive(device: HidDevice, cid: number, cmd: number, options: TransactOptions, now: () => number): Promise<Result<Uint8Array>> {
  const deadline = now() + (options.timeoutMs ?? 30_000);
  let message: Uint8Array | undefined;
  let filled = 0;
  let nextSeq = 0;
  for (;;) {
    if (now() > deadline) return fail('E_HID_TIMEOUT');
    if (options.signal?.aborted) return fail('E_HID_CANCELLED');
    let report: Uint8Array | undefined;
    try {
      report = await device.read(READ_SLICE_MS);
    } catch (error) {
      return fail('E_HID_DISCONNECTED', { cause: error });
    }
    const packet = report ? decodePacket(report) : undefined;
    if (!packet || packet.cid !== cid) continue; // nothing, or another channel's traffic
    if (packet.kind === 'init') {
      if (packet.cmd === CMD.KEEPALIVE) {
        options.onKeepalive?.(packet.data[0] === 2 ? 'touch' : 'processing');
        continue;
      }
      if (packet.cmd === CMD.ERROR) return fail(hidError(packet.data[0] ?? 0x7f), { cause: { ctaphidError: packet.data[0] } });
      if (packet.cmd !== cmd) return fail('E_HID_BAD_FRAME', { cause: { unexpectedCommand: packet.cmd } });
      if (packet.length > MAX_MESSAGE) return fail('E_HID_INVALID_LENGTH');
      message = new Uint8Array(packet.length);
      filled = Math.min(packet.length, packet.data.length);
      message.set(packet.data.subarray(0, filled));
      nextSeq = 0;
    } else {
      if (!message) continue; // a continuation with no message started: stray, ignored (§11.2.4)
      if (packet.seq !== nextSeq) return fail('E_HID_INVALID_SEQ', { cause: { expected: nextSeq, got: packet.seq } });
      const take = Math.min(message.length - filled, packet.data.length);
      message.set(packet.data.subarray(0, take), filled);
      filled += take;
      nextSeq += 1;
    }
    if (message && filled >= message.length) return ok(message);
  }
}

async function send(device: HidDevice, cid: number, cmd: number, payload: Uint8Array): Promise<Result<true>> {
  try {
    for (const packet of encodeMessage(cid, cmd, payload)) await device.write(packet);
    return ok(true);
  } catch (error) {
    return fail('E_HID_DISCONNECTED', { cause: error });
  }
}

/** Allocates a channel (CTAPHID_INIT, §11.2.9.1.3): the answer must echo our 8-byte nonce. */
export async function openChannel(device: HidDevice, random: RandomBytes, now: () => number = Date.now, sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<Result<CtapChannel>> {
  const nonce = random(8);
  const sent = await send(device, BROADCAST_CID, CMD.INIT, nonce);
  if (!sent.ok) return sent;
  // One deadline for the whole exchange: answers to other hosts' INITs are skipped, but a device that sends
  // nothing else must not keep us here (each skipped answer would otherwise restart the wait).
  const deadline = now() + INIT_LIMIT_MS;
  let answer: Result<Uint8Array>;
  do {
    const left = deadline - now();
    if (left <= 0) return fail('E_HID_TIMEOUT', { cause: 'no INIT answer with our nonce' });
    answer = await receive(device, BROADCAST_CID, CMD.INIT, { timeoutMs: left }, now);
    if (!answer.ok) return answer;
  } while (answer.value.length < 17 || !nonce.every((byte, i) => answer.ok && answer.value[i] === byte)); // another host's INIT answer
  const body = answer.value;
  const cid = new DataView(body.buffer, body.byteOffset).getUint32(8);
  if (cid === 0 || cid === BROADCAST_CID) return fail('E_HID_BAD_FRAME', { cause: 'reserved channel id' });
  return ok({
    cid,
    capabilities: body[16] ?? 0,
    async transact(cmd, payload, options = {}) {
      for (let attempt = 0; ; attempt += 1) {
        const out = await send(device, cid, cmd, payload);
        if (!out.ok) return out;
        const onAbort = () => void send(device, cid, CMD.CANCEL, new Uint8Array(0));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const result = await receive(device, cid, cmd, options, now);
        options.signal?.removeEventListener('abort', onAbort);
        // Another application is talking to the key: wait a little and try again (§11.2.9.1.6 ERR_CHANNEL_BUSY).
        if (!result.ok && result.error.code === ('E_HID_CHANNEL_BUSY' satisfies AppErrorCode) && attempt < BUSY_RETRIES) {
          await sleep(100 * (attempt + 1));
          continue;
        }
        return result;
      }
    },
  });
}
