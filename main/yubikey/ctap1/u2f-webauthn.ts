/**
 * U2F answers turned into WebAuthn structures (WebAuthn §8.6 "FIDO U2F Attestation Statement Format";
 * yubikey-hid.md §4.10): registration becomes a `fido-u2f` attestation object whose authenticator data
 * carries a zero AAGUID and the key handle as credential id; an assertion's authenticator data is
 * appParam ‖ flags ‖ counter, which is exactly what the U2F signature already covers with clientParam.
 */
import { encodeCbor } from '../ctap2/cbor.ts';
import type { U2fRegistration, U2fSignature } from './u2f-messages.ts';

const FLAG_UP = 0x01;
const FLAG_AT = 0x40;

/** A plain Uint8Array: cborg must see bytes, not a Buffer. */
const concat = (parts: readonly Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

/** COSE_Key for an uncompressed P-256 point (RFC 9053: kty EC2, alg ES256, crv P-256). */
function coseFromPoint(point: Uint8Array): Uint8Array {
  return encodeCbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, point.subarray(1, 33)], [-3, point.subarray(33, 65)]]));
}

export function registrationAuthData(appParam: Uint8Array, registration: U2fRegistration): Uint8Array {
  const handle = registration.keyHandle;
  return concat([appParam, Buffer.from([FLAG_UP | FLAG_AT]), u32(0), new Uint8Array(16), Buffer.from([handle.length >> 8, handle.length & 0xff]), handle, coseFromPoint(registration.publicKey)]);
}

/** `authData` from registrationAuthData(); the U2F signature and certificate become the fido-u2f statement. */
export function u2fAttestationObject(authData: Uint8Array, registration: U2fRegistration): Uint8Array {
  const attStmt = new Map<string, unknown>([['sig', registration.signature], ['x5c', [registration.certificate]]]);
  return encodeCbor(new Map<string, unknown>([['fmt', 'fido-u2f'], ['attStmt', attStmt], ['authData', authData]]));
}

export function assertionAuthData(appParam: Uint8Array, signed: U2fSignature): Uint8Array {
  return concat([appParam, Buffer.from([signed.userPresence & FLAG_UP]), u32(signed.counter)]);
}
