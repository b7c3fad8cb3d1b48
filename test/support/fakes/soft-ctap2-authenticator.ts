/**
 * A software CTAP2 authenticator (getInfo, makeCredential, getAssertion; ES256; "none" attestation), the
 * stand-in for a YubiKey's FIDO2 application in tests. It speaks CTAP2 bytes (command byte + CBOR in,
 * status byte + CBOR out, CTAP 2.1 §6 and §8) and knows nothing of HID: fake-hid-device.ts does the framing.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { decode, encode } from 'cborg';

interface Credential {
  readonly rpId: string;
  readonly privateKey: KeyObject;
  counter: number;
}

const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());
const AAGUID = new Uint8Array(16).fill(0x47);

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return encode(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'))], [-3, new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'))]]));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function createSoftAuthenticator() {
  const credentials = new Map<string, Credential>();
  const status = (code: number) => new Uint8Array([code]);
  const answer = (map: Map<number, unknown>) => concat(status(0), encode(map));

  function makeCredential(params: Map<number, unknown>): Uint8Array {
    const clientDataHash = params.get(1) as Uint8Array;
    const rpId = (params.get(2) as Map<string, string>).get('id') ?? '';
    const exclude = (params.get(5) as Array<Map<string, Uint8Array>> | undefined) ?? [];
    if (exclude.some((c) => credentials.get(Buffer.from(c.get('id') ?? []).toString('base64url'))?.rpId === rpId)) return status(0x19);
    if (!(params.get(4) as Array<Map<string, unknown>>).some((p) => p.get('alg') === -7)) return status(0x26);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = new Uint8Array(randomBytes(32));
    credentials.set(Buffer.from(id).toString('base64url'), { rpId, privateKey, counter: 0 });
    const uv = (params.get(7) as Map<string, boolean> | undefined)?.get('uv') === true;
    const idLength = new Uint8Array([id.length >> 8, id.length & 0xff]);
    const authData = concat(sha256(rpId), new Uint8Array([0x41 | (uv ? 0x04 : 0)]), u32(0), AAGUID, idLength, id, coseKey(publicKey));
    void clientDataHash; // "none" attestation signs nothing (WebAuthn §8.7)
    return answer(new Map<number, unknown>([[1, 'none'], [2, authData], [3, new Map()]]));
  }

  function getAssertion(params: Map<number, unknown>): Uint8Array {
    const rpId = params.get(1) as string;
    const clientDataHash = params.get(2) as Uint8Array;
    const allow = ((params.get(3) as Array<Map<string, Uint8Array>> | undefined) ?? []).map((c) => Buffer.from(c.get('id') ?? []).toString('base64url'));
    const entry = [...credentials].find(([id, credential]) => credential.rpId === rpId && (allow.length === 0 || allow.includes(id)));
    if (!entry) return status(0x2e);
    const [id, credential] = entry;
    credential.counter += 1;
    const uv = (params.get(5) as Map<string, boolean> | undefined)?.get('uv') === true;
    const authData = concat(sha256(rpId), new Uint8Array([0x01 | (uv ? 0x04 : 0)]), u32(credential.counter));
    const signature = new Uint8Array(sign('sha256', concat(authData, clientDataHash), credential.privateKey));
    return answer(new Map<number, unknown>([[1, new Map<string, unknown>([['id', new Uint8Array(Buffer.from(id, 'base64url'))], ['type', 'public-key']])], [2, authData], [3, signature]]));
  }

  return {
    credentials,
    /** One CTAP2 request (command byte + CBOR) → response (status byte + CBOR). */
    handle(request: Uint8Array): Uint8Array {
      const command = request[0];
      const params = request.length > 1 ? (decode(request.subarray(1), { useMaps: true }) as Map<number, unknown>) : new Map<number, unknown>();
      if (command === 0x04) return answer(new Map<number, unknown>([[1, ['FIDO_2_0', 'FIDO_2_1']], [3, AAGUID], [4, new Map([['rk', true], ['up', true], ['plat', false]])], [6, [2, 1]]]));
      if (command === 0x01) return makeCredential(params);
      if (command === 0x02) return getAssertion(params);
      return status(0x01);
    },
  };
}

export type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;
