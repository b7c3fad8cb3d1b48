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
/** LEFT(SHA-256(pin), 16), what the key keeps of its PIN (CTAP 2.1 §6.5.5.5). */
const pinHashOf = (pin: string) => Buffer.from(sha256(pin).subarray(0, 16));
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

export interface SoftAuthenticatorOptions {
  readonly pin?: string;
  readonly maxCredentialCountInList?: number;
  readonly maxCredentialIdLength?: number;
  /** false: a CTAP 2.0 key (no authenticatorSelection, no makeCredUvNotRqd, UNSUPPORTED_OPTION). */
  readonly ctap21?: boolean;
  /** A key that verifies by itself (a fingerprint, configured): getInfo says "uv", and the "uv" option is accepted. */
  readonly builtinUv?: boolean;
  /** getInfo minPINLength (CTAP 2.1 key 0x0D); 4 when not given. */
  readonly minPinLength?: number;
}

export function createSoftAuthenticator(options: SoftAuthenticatorOptions = {}) {
  const ctap21 = options.ctap21 ?? true;
  const minPinLength = options.minPinLength ?? 4;
  // Allow-list limits announced by getInfo (keys 7 and 8) and enforced like a real key (CTAP2_ERR_LIMIT_EXCEEDED).
  const maxInList = options.maxCredentialCountInList ?? 8;
  const maxIdLength = options.maxCredentialIdLength ?? 128;
  const credentials = new Map<string, Credential>();
  // ClientPIN state (CTAP 2.1 §6.5): the PIN hash, 8 retries, a key-agreement key, the current token.
  let pinHashStored = options.pin ? pinHashOf(options.pin) : undefined;
  let retries = 8;
  let agreement = createECDH('prime256v1');
  agreement.generateKeys();
  let token: { value: Buffer; protocol: PinProtocol } | undefined;

  /**
   * Who this request verifies: the "uv" option (built-in verification only: a PIN-only key refuses it, as
   * real CTAP 2.0 and 2.1 keys do), a PIN/UV auth token, or nobody. A key with a PIN may want the token even
   * when no verification was asked (`pinAnyway`: makeCredential on keys without makeCredUvNotRqd).
   */
  function verification(params: Map<number, unknown>, keys: { options: number; param: number; protocol: number; hash: number }, pinAnyway: boolean): { refused: number } | { uv: boolean } {
    if ((params.get(keys.options) as Map<string, boolean> | undefined)?.get('uv') === true) return options.builtinUv ? { uv: true } : { refused: ctap21 ? 0x2c : 0x2b };
    const param = params.get(keys.param) as Uint8Array | undefined;
    if (param === undefined) return pinHashStored && pinAnyway ? { refused: 0x36 } : { uv: false };
    if (!pinHashStored) return { refused: 0x35 };
    if (!token || params.get(keys.protocol) !== token.protocol) return { refused: 0x33 };
    const expected = authenticate(token.protocol, token.value, params.get(keys.hash) as Uint8Array);
    return expected.length === param.length && timingSafeEqual(expected, Buffer.from(param)) ? { uv: true } : { refused: 0x33 };
  }

  /** setPIN (§6.5.5.5): only on a key without one; newPinEnc must be authenticated with the shared secret. */
  function setPin(protocol: PinProtocol, shared: Buffer, params: Map<number, unknown>): Uint8Array {
    if (pinHashStored) return status(0x33);
    const newPinEnc = params.get(5) as Uint8Array;
    const expected = authenticate(protocol, shared, newPinEnc);
    const given = Buffer.from((params.get(4) as Uint8Array | undefined) ?? []);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return status(0x33);
    const block = decrypt(protocol, shared, newPinEnc);
    const end = block.indexOf(0);
    const pin = block.subarray(0, end === -1 ? block.length : end).toString('utf8');
    if (block.length !== 64 || [...pin].length < minPinLength) return status(0x37); // PIN_POLICY_VIOLATION
    pinHashStored = pinHashOf(pin);
    retries = 8;
    return status(0);
  }

  function clientPin(params: Map<number, unknown>): Uint8Array {
    const protocol = params.get(1) as PinProtocol;
    const sub = params.get(2);
    if (sub === 0x01) return answer(new Map<number, unknown>([[3, retries]]));
    if (sub === 0x02) {
      const pub = agreement.getPublicKey();
      return answer(new Map<number, unknown>([[1, new Map<number, unknown>([[1, 2], [3, -25], [-1, 1], [-2, pub.subarray(1, 33)], [-3, pub.subarray(33, 65)]])]]));
    }
    const platform = params.get(3) as Map<number, Uint8Array> | undefined;
    const sharedWithPlatform = () => kdf(protocol, agreement.computeSecret(Buffer.concat([Buffer.from([4]), platform?.get(-2) ?? new Uint8Array(), platform?.get(-3) ?? new Uint8Array()])));
    if (sub === 0x03) return setPin(protocol, sharedWithPlatform(), params);
    if (sub === 0x05 || sub === 0x09) {
      if (!pinHashStored) return status(0x35);
      if (retries === 0) return status(0x32);
      const shared = sharedWithPlatform();
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
  function getInfo(): Uint8Array {
    const flags = new Map<string, boolean>([['rk', true], ['up', true], ['plat', false], ['clientPin', pinHashStored !== undefined]]);
    if (options.builtinUv) flags.set('uv', true);
    if (ctap21) flags.set('makeCredUvNotRqd', true);
    const info = new Map<number, unknown>([[1, ctap21 ? ['FIDO_2_0', 'FIDO_2_1'] : ['U2F_V2', 'FIDO_2_0']], [3, AAGUID], [4, flags], [6, [2, 1]], [7, maxInList], [8, maxIdLength]]);
    if (ctap21) info.set(0x0d, minPinLength);
    return answer(info);
  }
  const status = (code: number) => new Uint8Array([code]);
  const answer = (map: Map<number, unknown>) => concat(status(0), encode(map));

  function makeCredential(params: Map<number, unknown>): Uint8Array {
    // An empty pinUvAuthParam only asks for a touch (CTAP 2.1 §6.1.2 step 1, "select this key"): answered after it.
    const pinParam = params.get(8);
    if (pinParam instanceof Uint8Array && pinParam.length === 0) return status(pinHashStored ? 0x31 : 0x35);
    const clientDataHash = params.get(1) as Uint8Array;
    const discoverable = (params.get(7) as Map<string, boolean> | undefined)?.get('rk') === true;
    const verified = verification(params, { options: 7, param: 8, protocol: 9, hash: 1 }, !ctap21 || discoverable);
    if ('refused' in verified) return status(verified.refused);
    const rpId = (params.get(2) as Map<string, string>).get('id') ?? '';
    const exclude = (params.get(5) as Array<Map<string, Uint8Array>> | undefined) ?? [];
    if (exclude.some((c) => credentials.get(Buffer.from(c.get('id') ?? []).toString('base64url'))?.rpId === rpId)) return status(0x19);
    if (!(params.get(4) as Array<Map<string, unknown>>).some((p) => p.get('alg') === -7)) return status(0x26);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = new Uint8Array(randomBytes(32));
    credentials.set(Buffer.from(id).toString('base64url'), { rpId, privateKey, counter: 0 });
    const { uv } = verified;
    const idLength = new Uint8Array([id.length >> 8, id.length & 0xff]);
    const authData = concat(sha256(rpId), new Uint8Array([0x41 | (uv ? 0x04 : 0)]), u32(0), AAGUID, idLength, id, coseKey(publicKey));
    void clientDataHash; // "none" attestation signs nothing (WebAuthn §8.7)
    return answer(new Map<number, unknown>([[1, 'none'], [2, authData], [3, new Map()]]));
  }

  /** getAssertion with "up" false: answered at once, without a touch (CTAP 2.1 §6.2.2). */
  const silent = (params: Map<number, unknown>) => (params.get(5) as Map<string, boolean> | undefined)?.get('up') === false;

  function getAssertion(params: Map<number, unknown>): Uint8Array {
    const rpId = params.get(1) as string;
    const verified = verification(params, { options: 5, param: 6, protocol: 7, hash: 2 }, false);
    if ('refused' in verified) return status(verified.refused);
    const clientDataHash = params.get(2) as Uint8Array;
    const allowList = (params.get(3) as Array<Map<string, Uint8Array>> | undefined) ?? [];
    if (allowList.length > maxInList || allowList.some((c) => (c.get('id')?.length ?? 0) > maxIdLength)) return status(0x15);
    const allow = allowList.map((c) => Buffer.from(c.get('id') ?? []).toString('base64url'));
    const entry = [...credentials].find(([id, credential]) => credential.rpId === rpId && (allow.length === 0 || allow.includes(id)));
    if (!entry) return status(0x2e);
    const [id, credential] = entry;
    credential.counter += 1;
    const { uv } = verified;
    const up = !silent(params);
    const authData = concat(sha256(rpId), new Uint8Array([(up ? 0x01 : 0) | (uv ? 0x04 : 0)]), u32(credential.counter));
    const signature = new Uint8Array(sign('sha256', concat(authData, clientDataHash), credential.privateKey));
    return answer(new Map<number, unknown>([[1, new Map<string, unknown>([['id', new Uint8Array(Buffer.from(id, 'base64url'))], ['type', 'public-key']])], [2, authData], [3, signature]]));
  }

  return {
    credentials,
    retriesLeft: () => retries,
    setPin(pin: string) {
      pinHashStored = pinHashOf(pin);
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
      if (command === 0x04) return getInfo();
      if (command === 0x06) return clientPin(params);
      if (command === 0x01) return makeCredential(params);
      if (command === 0x02) return getAssertion(params);
      if (command === 0x0b && ctap21) return status(0); // authenticatorSelection: the touch already happened
      return status(0x01);
    },
  };
}

export type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;
