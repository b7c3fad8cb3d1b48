/**
 * A software U2F (CTAP1) authenticator, the stand-in for an old U2F-only security key: it answers the raw
 * U2F messages (VERSION, REGISTER, AUTHENTICATE sign / check-only) as APDUs, makes its attestation
 * certificate at creation, and says "conditions not satisfied" a few times per operation, as a real key
 * does until it is touched. It knows nothing of HID: fake-hid-device.ts carries its APDUs in CTAPHID_MSG.
 */
import { KeyObject, generateKeyPairSync, randomBytes, sign, webcrypto } from 'node:crypto';
import { X509CertificateGenerator } from '@peculiar/x509';

interface Registration {
  readonly appParam: string;
  readonly privateKey: KeyObject;
  counter: number;
}

const OK = [0x90, 0x00];
const TOUCH_NEEDED = [0x69, 0x85];
const WRONG_DATA = [0x6a, 0x80];
const INS_NOT_SUPPORTED = [0x6d, 0x00];

function rawPoint(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
}

export async function createSoftU2fAuthenticator(options: { pollsBeforeTouch?: number } = {}) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  // The DOM and Node typings of CryptoKeyPair differ only in the usages they list; the object is the same.
  const attestationKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as unknown as Parameters<typeof X509CertificateGenerator.createSelfSigned>[0]['keys'];
  const certificate = await X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Garage Test U2F Attestation',
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: algorithm,
    keys: attestationKeys,
  }); // @peculiar/x509 signs with globalThis.crypto, Node's WebCrypto
  const attestationPrivate = KeyObject.from(attestationKeys.privateKey as unknown as webcrypto.CryptoKey);
  const certificateDer = Buffer.from(certificate.rawData);
  const registrations = new Map<string, Registration>();
  let pollsLeft = options.pollsBeforeTouch ?? 2;
  const apdus: Array<{ ins: number; p1: number }> = [];

  /** True once the "touch" happened: the first polls of each operation answer 0x6985. */
  function touched(): boolean {
    if (pollsLeft > 0) {
      pollsLeft -= 1;
      return false;
    }
    pollsLeft = options.pollsBeforeTouch ?? 2;
    return true;
  }

  function register(data: Buffer): Buffer {
    if (data.length !== 64) return Buffer.from([0x67, 0x00]);
    if (!touched()) return Buffer.from(TOUCH_NEEDED);
    const clientParam = data.subarray(0, 32);
    const appParam = data.subarray(32, 64);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyHandle = randomBytes(64);
    registrations.set(keyHandle.toString('hex'), { appParam: appParam.toString('hex'), privateKey, counter: 0 });
    const point = rawPoint(publicKey);
    const signature = sign('sha256', Buffer.concat([Buffer.from([0]), appParam, clientParam, keyHandle, point]), attestationPrivate);
    return Buffer.concat([Buffer.from([5]), point, Buffer.from([keyHandle.length]), keyHandle, certificateDer, signature, Buffer.from(OK)]);
  }

  function authenticate(mode: number, data: Buffer): Buffer {
    const clientParam = data.subarray(0, 32);
    const appParam = data.subarray(32, 64);
    const handleLength = data[64] ?? 0;
    const entry = registrations.get(data.subarray(65, 65 + handleLength).toString('hex'));
    if (!entry || entry.appParam !== appParam.toString('hex')) return Buffer.from(WRONG_DATA);
    if (mode === 0x07) return Buffer.from(TOUCH_NEEDED); // check-only: "this handle is mine"
    if (!touched()) return Buffer.from(TOUCH_NEEDED);
    entry.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(entry.counter);
    const signature = sign('sha256', Buffer.concat([appParam, Buffer.from([1]), counter, clientParam]), entry.privateKey);
    return Buffer.concat([Buffer.from([1]), counter, signature, Buffer.from(OK)]);
  }

  return {
    /** No CBOR capability: the host must fall back to U2F (CTAP 2.1 §11.2.9.1.3). */
    capabilities: 0x01,
    registrations,
    apdus,
    /** One U2F request APDU → response data ‖ SW. */
    handleApdu(apdu: Uint8Array): Uint8Array {
      const bytes = Buffer.from(apdu);
      const ins = bytes[1] ?? 0;
      const p1 = bytes[2] ?? 0;
      apdus.push({ ins, p1 });
      const length = bytes.length >= 7 ? bytes.readUInt16BE(5) : 0;
      const data = bytes.subarray(7, 7 + length);
      if (ins === 0x03) return Buffer.concat([Buffer.from('U2F_V2'), Buffer.from(OK)]);
      if (ins === 0x01) return register(data);
      if (ins === 0x02) return authenticate(p1, data);
      return Buffer.from(INS_NOT_SUPPORTED);
    },
  };
}

export type SoftU2fAuthenticator = Awaited<ReturnType<typeof createSoftU2fAuthenticator>>;
