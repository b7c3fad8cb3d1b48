/**
 * PIN/UV auth protocol one against the published vectors of Yubico/python-fido2 (tests/test_ctap2.py,
 * TestClientPin / TestPinProtocolV1: EC_PRIV, DEV_PUB_X/Y, SHARED, TOKEN_ENC, TOKEN, PIN_HASH_ENC, and the
 * set_pin newPinEnc / pinUvAuthParam), protocol two by round trip (its IV is random, so it has no fixed
 * vector), and the rules a new PIN must meet.
 */
import { createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setPinParams, sharedSecret } from '../../../../main/yubikey/ctap2/client-pin.ts';
import { checkNewPin, paddedPin } from '../../../../main/yubikey/ctap2/new-pin.ts';
import { authenticate, decrypt, encrypt, kdf, pinHash } from '../../../../main/yubikey/ctap2/pin-protocol.ts';

const hex = (text: string) => Buffer.from(text, 'hex');
const EC_PRIV = hex('7452e599fee739d8a653f6a507343d12d382249108a651402520b72f24fe7684');
const EC_PUB_X = hex('44D78D7989B97E62EA993496C9EF6E8FD58B8B00715F9A89153DDD9C4657E47F');
const EC_PUB_Y = hex('EC802EE7D22BD4E100F12E48537EB4E7E96ED3A47A0A3BD5F5EEAB65001664F9');
const DEV_PUB_X = hex('0501D5BC78DA9252560A26CB08FCC60CBE0B6D3B8E1D1FCEE514FAC0AF675168');
const DEV_PUB_Y = hex('D551B3ED46F665731F95B4532939C25D91DB7EB844BD96D4ABD4083785F8DF47');
const SHARED = hex('c42a039d548100dfba521e487debcbbb8b66bb7496f8b1862a7a395ed83e1a1c');
const TOKEN_ENC = hex('7A9F98E31B77BE90F9C64D12E9635040');
const TOKEN = hex('aff12c6dcfbf9df52f7a09211e8865cd');
const PIN_HASH_ENC = hex('afe8327ce416da8ee3d057589c2ce1a9');

describe('PIN/UV auth protocol 1 (python-fido2 vectors)', () => {
  it('derives the published shared secret and platform key from the published keys', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(EC_PRIV);
    const { platformKey, shared } = sharedSecret(1, { x: DEV_PUB_X, y: DEV_PUB_Y }, ecdh);
    expect(shared.equals(SHARED)).toBe(true);
    expect(Buffer.from(platformKey.get(-2) as Uint8Array).equals(EC_PUB_X)).toBe(true);
    expect(Buffer.from(platformKey.get(-3) as Uint8Array).equals(EC_PUB_Y)).toBe(true);
  });

  it('decrypts the published token and encrypts the PIN hash of "1234" to the published bytes', () => {
    expect(decrypt(1, SHARED, TOKEN_ENC).equals(TOKEN)).toBe(true);
    expect(encrypt(1, SHARED, pinHash('1234')).equals(PIN_HASH_ENC)).toBe(true);
  });

  it('sets the PIN "1234" with the published newPinEnc and pinUvAuthParam', () => {
    const { newPinEnc, pinUvAuthParam } = setPinParams(1, SHARED, '1234');
    expect(newPinEnc.toString('hex')).toBe('0222fc42c6dd76a274a7057858b9b29d98e8a722ec2dc6668476168c5320473cec9907b4cd76ce7943c96ba5683943211d84471e64d9c51e54763488cd66526a');
    expect(pinUvAuthParam.toString('hex')).toBe('7b40c084ccc5794194189ab57836475f');
  });

  it('authenticates with the first 16 bytes of HMAC-SHA-256', () => {
    expect(authenticate(1, TOKEN, Buffer.from('hello'))).toHaveLength(16);
  });
});

describe('PIN/UV auth protocol 2', () => {
  it('splits the HKDF output into an HMAC key and an AES key, and round-trips with a random IV', () => {
    const key = kdf(2, SHARED);
    expect(key).toHaveLength(64);
    const sealed = encrypt(2, key, pinHash('1234'));
    expect(sealed).toHaveLength(32);
    expect(decrypt(2, key, sealed).equals(pinHash('1234'))).toBe(true);
    expect(encrypt(2, key, pinHash('1234')).equals(sealed)).toBe(false);
    expect(authenticate(2, key, Buffer.from('hello'))).toHaveLength(32);
  });
});

describe('a new PIN', () => {
  it('counts code points after NFC, not bytes or UTF-16 units, and pads its UTF-8 to 64 bytes', () => {
    expect(checkNewPin('1234')).toEqual({ ok: true, value: '1234' });
    expect(checkNewPin('e\u0301té2')).toMatchObject({ ok: true, value: '\u00e9té2' }); // 4 code points once composed
    expect(checkNewPin('😀😀😀😀')).toMatchObject({ ok: true }); // 4 code points, 16 bytes
    expect(paddedPin('é123')).toEqual(Buffer.concat([Buffer.from('é123', 'utf8'), Buffer.alloc(59)]));
  });

  it('refuses one shorter than 4 or than the key’s minPINLength, or longer than 63 bytes', () => {
    expect(checkNewPin('123')).toMatchObject({ ok: false, error: { code: 'E_CTAP_PIN_POLICY' } });
    expect(checkNewPin('12345', 6)).toMatchObject({ ok: false, error: { code: 'E_CTAP_PIN_POLICY' } });
    expect(checkNewPin('123456', 6)).toMatchObject({ ok: true });
    expect(checkNewPin('1'.repeat(63))).toMatchObject({ ok: true });
    expect(checkNewPin('é'.repeat(32))).toMatchObject({ ok: false, error: { code: 'E_CTAP_PIN_POLICY' } }); // 64 bytes
  });
});
