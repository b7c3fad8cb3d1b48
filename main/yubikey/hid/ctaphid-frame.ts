/**
 * CTAPHID framing (CTAP 2.1 §11.2.4): an initialization packet CID(4) CMD|0x80 BCNTH BCNTL DATA(57), then
 * continuation packets CID(4) SEQ(0..127) DATA(59). A message holds at most 57 + 128 × 59 = 7609 bytes.
 */
import { REPORT_SIZE } from './hid-port.ts';

export const CMD = { PING: 0x01, MSG: 0x03, LOCK: 0x04, INIT: 0x06, WINK: 0x08, CBOR: 0x10, CANCEL: 0x11, KEEPALIVE: 0x3b, ERROR: 0x3f } as const;
export const BROADCAST_CID = 0xffffffff;
export const INIT_DATA = REPORT_SIZE - 7;
export const CONT_DATA = REPORT_SIZE - 5;
export const MAX_MESSAGE = INIT_DATA + 128 * CONT_DATA;

export type Packet =
  | { readonly kind: 'init'; readonly cid: number; readonly cmd: number; readonly length: number; readonly data: Uint8Array }
  | { readonly kind: 'cont'; readonly cid: number; readonly seq: number; readonly data: Uint8Array };

/** Splits a message into 64-byte packets, zero-padded. Throws on an oversized message (a programmer error). */
export function encodeMessage(cid: number, cmd: number, payload: Uint8Array): Uint8Array[] {
  if (payload.length > MAX_MESSAGE) throw new RangeError(`CTAPHID message of ${payload.length} bytes exceeds ${MAX_MESSAGE}`);
  const packets: Uint8Array[] = [];
  const first = new Uint8Array(REPORT_SIZE);
  const view = new DataView(first.buffer);
  view.setUint32(0, cid >>> 0);
  first[4] = 0x80 | cmd;
  view.setUint16(5, payload.length);
  first.set(payload.subarray(0, INIT_DATA), 7);
  packets.push(first);
  for (let offset = INIT_DATA, seq = 0; offset < payload.length; offset += CONT_DATA, seq += 1) {
    const cont = new Uint8Array(REPORT_SIZE);
    new DataView(cont.buffer).setUint32(0, cid >>> 0);
    cont[4] = seq;
    cont.set(payload.subarray(offset, offset + CONT_DATA), 5);
    packets.push(cont);
  }
  return packets;
}

/** Reads one packet; undefined for anything that is not 64 bytes. */
export function decodePacket(report: Uint8Array): Packet | undefined {
  if (report.length !== REPORT_SIZE) return undefined;
  const view = new DataView(report.buffer, report.byteOffset, report.byteLength);
  const cid = view.getUint32(0);
  const head = report[4] ?? 0;
  if ((head & 0x80) !== 0) return { kind: 'init', cid, cmd: head & 0x7f, length: view.getUint16(5), data: report.subarray(7) };
  return { kind: 'cont', cid, seq: head, data: report.subarray(5) };
}
