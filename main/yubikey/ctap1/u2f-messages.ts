/**
 * The two U2F answers a ceremony reads (FIDO U2F Raw Message Formats §4.3 and §5.4), parsed on `unknown`
 * bytes: a key, or something posing as one, may send anything, so every length is checked before use.
 */
export interface U2fRegistration {
  /** Uncompressed P-256 point: 0x04 ‖ x(32) ‖ y(32). */
  readonly publicKey: Uint8Array;
  readonly keyHandle: Uint8Array;
  /** The attestation certificate, DER. */
  readonly certificate: Uint8Array;
  readonly signature: Uint8Array;
}

export interface U2fSignature {
  readonly userPresence: number;
  readonly counter: number;
  readonly signature: Uint8Array;
}

/** Length of the DER element at `offset` (tag, length, contents), or undefined if it does not fit. */
function derElementLength(bytes: Uint8Array, offset: number): number | undefined {
  const first = bytes[offset + 1];
  if (bytes[offset] !== 0x30 || first === undefined) return undefined;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 3 || offset + 2 + count > bytes.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = (length << 8) | (bytes[offset + 2 + i] ?? 0);
  return 2 + count + length;
}

export function parseRegistration(bytes: Uint8Array): U2fRegistration | undefined {
  // 0x05 (reserved) ‖ public key(65) ‖ key handle length(1) ‖ key handle ‖ certificate ‖ signature
  if (bytes[0] !== 0x05 || bytes.length < 67 || bytes[1] !== 0x04) return undefined;
  const publicKey = bytes.subarray(1, 66);
  const handleLength = bytes[66] ?? 0;
  const certStart = 67 + handleLength;
  if (handleLength === 0 || certStart > bytes.length) return undefined;
  const certLength = derElementLength(bytes, certStart);
  if (certLength === undefined || certStart + certLength >= bytes.length) return undefined;
  return {
    publicKey,
    keyHandle: bytes.subarray(67, certStart),
    certificate: bytes.subarray(certStart, certStart + certLength),
    signature: bytes.subarray(certStart + certLength),
  };
}

export function parseSignature(bytes: Uint8Array): U2fSignature | undefined {
  // user presence(1) ‖ counter(4, big-endian) ‖ signature
  if (bytes.length < 6) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { userPresence: bytes[0] ?? 0, counter: view.getUint32(1), signature: bytes.subarray(5) };
}
