/**
 * U2F raw messages as ISO 7816-4 extended-length APDUs (FIDO U2F Raw Message Formats §3; python-fido2
 * `ctap1.py`): CLA INS P1 P2 00 Lc(2, big-endian) data 00 00, answered by data ‖ SW1 SW2. Lc is always
 * present, even for VERSION with no data: keys that speak U2F over HID expect the extended form.
 */
export const INS = { REGISTER: 0x01, AUTHENTICATE: 0x02, VERSION: 0x03 } as const;

/** AUTHENTICATE P1 (U2F Raw Message Formats §5.1): ask for a touch and sign, or only check the key handle. */
export const AUTH_MODE = { sign: 0x03, checkOnly: 0x07 } as const;

export const SW = {
  OK: 0x9000,
  /** Test of user presence required: the key waits for a touch, the host asks again (§3.3). */
  CONDITIONS_NOT_SATISFIED: 0x6985,
  /** Bad key handle, or a key handle made for another application parameter. */
  WRONG_DATA: 0x6a80,
  WRONG_LENGTH: 0x6700,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

const MAX_LC = 0xffff;

export function encodeApdu(ins: number, p1: number, p2: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (data.length > MAX_LC) throw new RangeError(`APDU data of ${data.length} bytes exceeds ${MAX_LC}`);
  const out = new Uint8Array(7 + data.length + 2);
  out.set([0x00, ins, p1, p2, 0x00, data.length >> 8, data.length & 0xff]);
  out.set(data, 7);
  return out;
}

export interface ApduResponse {
  readonly data: Uint8Array;
  readonly sw: number;
}

/** Undefined when the answer cannot even hold a status word. */
export function decodeApduResponse(bytes: Uint8Array): ApduResponse | undefined {
  if (bytes.length < 2) return undefined;
  const end = bytes.length - 2;
  return { data: bytes.subarray(0, end), sw: ((bytes[end] ?? 0) << 8) | (bytes[end + 1] ?? 0) };
}
