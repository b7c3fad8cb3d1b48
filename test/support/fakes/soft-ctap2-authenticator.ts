/**
 * A software CTAP2 authenticator (getInfo, makeCredential, getAssertion; ES256; "none" attestation), the
 * stand-in for a YubiKey's FIDO2 application in tests. It speaks CTAP2 bytes (command byte + CBOR in,
 * status byte + CBOR out, CTAP 2.1 §6 and §8) and knows nothing of HID: fake-hid-device.ts does the framing.
 */
import { createECDH, createHash, generateKeyPairSync, randomBytes, sign, timingSafeEqual, type KeyObject } from 'node:crypto';
import { decode, encode } from 'cborg';
import { authenticate, decrypt, encrypt, kdf, type PinProtocol } from '../../../main/yubikey/ctap2/pin-protocol.ts';

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

export function createSoftAuthenticator(options: { pin?: string; maxCredentialCountInList?: number; maxCredentialIdLength?: number; ctap21?: boolean } = {}) {
  const ctap21 = options.ctap21 ?? true;
  // Allow-list limits announced by getInfo (keys 7 and 8) and enforced like a real key (CTAP2_ERR_LIMIT_EXCEEDED).
  const maxInList = options.maxCredentialCountInList ?? 8;
  const maxIdLength = options.maxCredentialIdLength ?? 128;
  const credentials = new Map<string, Credential>();
  // ClientPIN state (CTAP 2.1 §6.5): the PIN hash, 8 retries, a key-agreement key, the current token.
  let pinHashStored = options.pin ? createHash('sha256').update(options.pin).digest().subarray(0, 16) : undefined;
  let retries = 8;
  let agreement = createECDH('prime256v1');
  agreement.generateKeys();
  let token: { value: Buffer; protocol: PinProtocol } | undefined;

  /** With a PIN set and UV asked, the request must carry pinUvAuthParam = authenticate(token, clientDataHash). */
  function uvProblem(params: Map<number, unknown>, paramKey: number, protocolKey: number, uvAsked: boolean): number | undefined {
    if (!pinHashStored || !uvAsked) return undefined;
    const param = params.get(paramKey) as Uint8Array | undefined;
    if (!param) return 0x36; // PUAT_REQUIRED
    if (!token || params.get(protocolKey) !== token.protocol) return 0x33;
    const expected = authenticate(token.protocol, token.value, params.get(paramKey === 8 ? 1 : 2) as Uint8Array);
    return expected.length === param.length && timingSafeEqual(expected, Buffer.from(param)) ? undefined : 0x33;
  }

  function clientPin(params: Map<number, unknown>): Uint8Array {
    const protocol = params.get(1) as PinProtocol;
    const sub = params.get(2);
    if (sub === 0x01) return answer(new Map<number, unknown>([[3, retries]]));
    if (sub === 0x02) {
      const pub = agreement.getPublicKey();
      return answer(new Map<number, unknown>([[1, new Map<number, unknown>([[1, 2], [3, -25], [-1, 1], [-2, pub.subarray(1, 33)], [-3, pub.subarray(33, 65)]])]]));
    }
    if (sub === 0x05 || sub === 0x09) {
      if (!pinHashStored) return status(0x35);
      if (retries === 0) return status(0x32);
      const platform = params.get(3) as Map<number, Uint8Array>;
      const shared = kdf(protocol, agreement.computeSecret(Buffer.concat([Buffer.from([4]), platform.get(-2) ?? new Uint8Array(), platform.get(-3) ?? new Uint8Array()])));
      const given = decrypt(protocol, shared, params.get(6) as Uint8Array);
      if (!timingSafeEqual(given, pinHashStored)) {
        retries -= 1;
        // A wrong PIN regenerates the key agreement (§6.5.5.5); at zero the PIN is blocked.
        agreement = createECDH('prime256v1');
        agreement.generateKeys();
        return status(retries === 0 ? 0x32 : 0x31);
      }
      retries = 8;
      token = { value: randomBytes(32), protocol };
      return answer(new Map<number, unknown>([[2, encrypt(protocol, shared, token.value)]]));
    }
    return status(0x02);
  }
  const status = (code: number) => new Uint8Array([code]);
  const answer = (map: Map<number, unknown>) => concat(status(0), encode(map));

  function makeCredential(params: Map<number, unknown>): Uint8Array {
    // An empty pinUvAuthParam only asks for a touch (CTAP 2.0 §5.5.8.1, "select this key"): answered after it.
    const pinParam = params.get(8);
    if (pinParam instanceof Uint8Array && pinParam.length === 0) return status(pinHashStored ? 0x31 : 0x35);
    const clientDataHash = params.get(1) as Uint8Array;
    const refused = uvProblem(params, 8, 9, (params.get(7) as Map<string, boolean> | undefined)?.get('uv') === true || params.has(8));
    if (refused) return status(refused);
    const rpId = (params.get(2) as Map<string, string>).get('id') ?? '';
    const exclude = (params.get(5) as Array<Map<string, Uint8Array>> | undefined) ?? [];
    if (exclude.some((c) => credentials.get(Buffer.from(c.get('id') ?? []).toString('base64url'))?.rpId === rpId)) return status(0x19);
    if (!(params.get(4) as Array<Map<string, unknown>>).some((p) => p.get('alg') === -7)) return status(0x26);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = new Uint8Array(randomBytes(32));
    credentials.set(Buffer.from(id).toString('base64url'), { rpId, privateKey, counter: 0 });
    const uv = (params.get(7) as Map<string, boolean> | undefined)?.get('uv') === true || params.has(8);
    const idLength = new Uint8Array([id.length >> 8, id.length & 0xff]);
    const authData = concat(sha256(rpId), new Uint8Array([0x41 | (uv ? 0x04 : 0)]), u32(0), AAGUID, idLength, id, coseKey(publicKey));
    void clientDataHash; // "none" attestation signs nothing (WebAuthn §8.7)
    return answer(new Map<number, unknown>([[1, 'none'], [2, authData], [3, new Map()]]));
  }

  /** getAssertion with "up" false: answered at once, without a touch (CTAP 2.1 §6.2.2). */
  const silent = (params: Map<number, unknown>) => (params.get(5) as Map<string, boolean> | undefined)?.get('up') === false;

  function getAssertion(params: Map<number, unknown>): Uint8Array {
    const rpId = params.get(1) as string;
    const refused = uvProblem(params, 6, 7, (params.get(5) as Map<string, boolean> | undefined)?.get('uv') === true || params.has(6));
    if (refused) return status(refused);
    const clientDataHash = params.get(2) as Uint8Array;
    const allowList = (params.get(3) as Array<Map<string, Uint8Array>> | undefined) ?? [];
    if (allowList.length > maxInList || allowList.some((c) => (c.get('id')?.length ?? 0) > maxIdLength)) return status(0x15);
    const allow = allowList.map((c) => Buffer.from(c.get('id') ?? []).toString('base64url'));
    const entry = [...credentials].find(([id, credential]) => credential.rpId === rpId && (allow.length === 0 || allow.includes(id)));
    if (!entry) return status(0x2e);
    const [id, credential] = entry;
    credential.counter += 1;
    const uv = (params.get(5) as Map<string, boolean> | undefined)?.get('uv') === true || params.has(6);
    const up = !silent(params);
    const authData = concat(sha256(rpId), new Uint8Array([(up ? 0x01 : 0) | (uv ? 0x04 : 0)]), u32(credential.counter));
    const signature = new Uint8Array(sign('sha256', concat(authData, clientDataHash), credential.privateKey));
    return answer(new Map<number, unknown>([[1, new Map<string, unknown>([['id', new Uint8Array(Buffer.from(id, 'base64url'))], ['type', 'public-key']])], [2, authData], [3, signature]]));
  }

  return {
    credentials,
    retriesLeft: () => retries,
    setPin(pin: string) {
      pinHashStored = createHash('sha256').update(pin).digest().subarray(0, 16);
    },
    /** makeCredential, getAssertion and selection wait for the user's touch; getInfo, ClientPIN and silent probes do not. */
    needsTouch(request: Uint8Array): boolean {
      const command = request[0];
      if (command === 0x02) return !silent(decode(request.subarray(1), { useMaps: true }) as Map<number, unknown>);
      return command === 0x01 || command === 0x0b;
    },
    /** One CTAP2 request (command byte + CBOR) → response (status byte + CBOR). */
    handle(request: Uint8Array): Uint8Array {
      const command = request[0];
      const params = request.length > 1 ? (decode(request.subarray(1), { useMaps: true }) as Map<number, unknown>) : new Map<number, unknown>();
      if (command === 0x04) return answer(new Map<number, unknown>([[1, ctap21 ? ['FIDO_2_0', 'FIDO_2_1'] : ['U2F_V2', 'FIDO_2_0']], [3, AAGUID], [4, new Map([['rk', true], ['up', true], ['plat', false], ['clientPin', pinHashStored !== undefined]])], [6, [2, 1]], [7, maxInList], [8, maxIdLength]]));
      if (command === 0x06) return clientPin(params);
      if (command === 0x01) return makeCredential(params);
      if (command === 0x02) return getAssertion(params);
      if (command === 0x0b && ctap21) return status(0); // authenticatorSelection: the touch already happened
      return status(0x01);
    },
  };
}

export type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;
