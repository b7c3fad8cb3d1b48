/**
 * CTAP2 canonical CBOR (CTAP 2.1 §8: definite lengths, map keys sorted length-first then bytewise, which
 * is cborg's default map sorting). Integer-keyed maps travel as JS Maps. The only cborg importer.
 */
import { decode, decodeFirst, encode } from 'cborg';

export type CborMap = Map<number | string, unknown>;

export function encodeCbor(value: unknown): Uint8Array {
  return encode(value);
}

/** Decodes what a key sent; undefined for anything that is not well-formed CBOR (never throws). */
export function decodeCbor(bytes: Uint8Array): unknown {
  try {
    return decode(bytes, { useMaps: true });
  } catch {
    return undefined;
  }
}

/** Decodes the first CBOR item of `bytes` and ignores what follows (a COSE key inside authenticator data). */
export function decodeCborFirst(bytes: Uint8Array): unknown {
  try {
    return decodeFirst(bytes, { useMaps: true })[0];
  } catch {
    return undefined;
  }
}
