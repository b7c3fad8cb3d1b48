/**
 * authenticatorClientPIN (CTAP 2.1 §6.5): retries left, a PIN/UV auth token from the PIN, and setting the
 * first PIN of a key that has none. Protocol 2 when the key offers it, else 1 (getInfo pinUvAuthProtocols).
 * The PIN is used once to build the request and never kept; the token lives only for the ceremony that
 * asked for it.
 */
import { createECDH, type ECDH } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CtapChannel } from '../hid/ctaphid-channel.ts';
import { CMD } from '../hid/ctaphid-frame.ts';
import { decodeCbor, encodeCbor } from './cbor.ts';
import { authenticate, decrypt, encrypt, kdf, pinHash, type PinProtocol } from './pin-protocol.ts';
import { paddedPin } from './new-pin.ts';
import { ctapError } from './status-codes.ts';

const Bytes = z.instanceof(Uint8Array);
const CoseP256 = z.map(z.number(), z.unknown()).transform((m) => ({ x: m.get(-2), y: m.get(-3) })).pipe(z.object({ x: Bytes, y: Bytes }));

/** Permissions of a token (§6.5.5.7): makeCredential 0x01, getAssertion 0x02. */
export const PERMISSION = { makeCredential: 0x01, getAssertion: 0x02 } as const;

async function clientPin(channel: CtapChannel, params: Map<number, unknown>): Promise<Result<Map<number, unknown>>> {
  const answer = await channel.transact(CMD.CBOR, new Uint8Array([0x06, ...encodeCbor(params)]));
  if (!answer.ok) return answer;
  const status = answer.value[0] ?? 0x7f;
  if (status !== 0) return fail(ctapError(status), { cause: { ctapStatus: status } });
  const body = answer.value.length > 1 ? decodeCbor(answer.value.subarray(1)) : new Map();
  return body instanceof Map ? ok(body as Map<number, unknown>) : fail('E_CTAP_BAD_RESPONSE');
}

export async function pinRetries(channel: CtapChannel, protocol: PinProtocol): Promise<Result<number>> {
  const answer = await clientPin(channel, new Map<number, unknown>([[1, protocol], [2, 0x01]]));
  if (!answer.ok) return answer;
  const retries = answer.value.get(3);
  return typeof retries === 'number' ? ok(retries) : fail('E_CTAP_BAD_RESPONSE');
}

/**
 * ECDH with the key's agreement key: our COSE public key, and the shared secret after the protocol's KDF.
 * A fresh platform key each time, unless a test passes a known one (published vectors).
 */
export function sharedSecret(protocol: PinProtocol, device: { x: Uint8Array; y: Uint8Array }, ecdh?: ECDH) {
  if (!ecdh) {
    ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
  }
  const z = ecdh.computeSecret(Buffer.concat([Buffer.from([0x04]), device.x, device.y]));
  const own = ecdh.getPublicKey();
  const platformKey = new Map<number, unknown>([[1, 2], [3, -25], [-1, 1], [-2, own.subarray(1, 33)], [-3, own.subarray(33, 65)]]);
  return { platformKey, shared: kdf(protocol, z) };
}

/** getKeyAgreement (0x02), then our half of ECDH: what setPIN and the token requests both start with. */
async function agree(channel: CtapChannel, protocol: PinProtocol): Promise<Result<ReturnType<typeof sharedSecret>>> {
  const agreement = await clientPin(channel, new Map<number, unknown>([[1, protocol], [2, 0x02]]));
  if (!agreement.ok) return agreement;
  const device = CoseP256.safeParse(agreement.value.get(1));
  return device.success ? ok(sharedSecret(protocol, device.data)) : fail('E_CTAP_BAD_RESPONSE');
}

/** getPinUvAuthTokenUsingPinWithPermissions (0x09) with protocol 2; getPinToken (0x05) with protocol 1. */
export async function pinToken(channel: CtapChannel, protocol: PinProtocol, pin: string, permissions: number, rpId: string): Promise<Result<Buffer>> {
  const agreed = await agree(channel, protocol);
  if (!agreed.ok) return agreed;
  const { platformKey, shared } = agreed.value;
  const params = new Map<number, unknown>([[1, protocol], [2, protocol === 2 ? 0x09 : 0x05], [3, platformKey], [6, encrypt(protocol, shared, pinHash(pin))]]);
  if (protocol === 2) {
    params.set(9, permissions);
    params.set(10, rpId);
  }
  const answer = await clientPin(channel, params);
  if (!answer.ok) return answer;
  const tokenEnc = answer.value.get(2);
  return tokenEnc instanceof Uint8Array ? ok(decrypt(protocol, shared, tokenEnc)) : fail('E_CTAP_BAD_RESPONSE');
}

/** newPinEnc and its pinUvAuthParam for setPIN (§6.5.5.5): the padded PIN encrypted, then authenticated, with the shared secret. */
export function setPinParams(protocol: PinProtocol, shared: Uint8Array, pin: string) {
  const newPinEnc = encrypt(protocol, shared, paddedPin(pin));
  return { newPinEnc, pinUvAuthParam: authenticate(protocol, shared, newPinEnc) };
}

/** setPIN (0x03) on a key that has none; `pin` must have passed checkNewPin. */
export async function setPin(channel: CtapChannel, protocol: PinProtocol, pin: string): Promise<Result<true>> {
  const agreed = await agree(channel, protocol);
  if (!agreed.ok) return agreed;
  const { newPinEnc, pinUvAuthParam } = setPinParams(protocol, agreed.value.shared, pin);
  const answer = await clientPin(channel, new Map<number, unknown>([[1, protocol], [2, 0x03], [3, agreed.value.platformKey], [4, pinUvAuthParam], [5, newPinEnc]]));
  return answer.ok ? ok(true) : answer;
}
