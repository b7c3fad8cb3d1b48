import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRC_OK_RESIDUE, crc16, decryptToken, hexToModhex, modhexToHex, splitOtp } from '../../../../main/local-org/factors/yubico-otp.ts';
import { yubicoOtp } from '../../../support/local-org/yubikey-otp-generator.ts';

// Yubico/yubico-c test-vectors.txt (also quoted in shared design yubikey-hid.md §8.4).
const VECTOR = { otp: 'dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh', aesKey: 'ecde18dbe76fbd0c33330f1c354871db' };

describe('Yubico OTP decoding', () => {
  it('decodes the yubico-c test vector', () => {
    const parts = splitOtp(VECTOR.otp);
    expect(parts).toEqual({ publicId: 'dteffuje', cipherHex: '69b6481c8baba2b60e8f22179b58cd56' });
    expect(decryptToken(parts?.cipherHex ?? '', VECTOR.aesKey)).toEqual({ privateId: '8792ebfe26cc', counter: 19, timestamp: 49712, session: 17, random: 40904, crcOk: true });
  });

  it('maps modhex to hex as the yubico-c vectors do ("test" is ifhgieif)', () => {
    expect(modhexToHex('ifhgieif')).toBe(Buffer.from('test').toString('hex'));
  });

  it('fails the CRC with the wrong AES key', () => {
    expect(decryptToken('69b6481c8baba2b60e8f22179b58cd56', '00000000000000000000000000000000').crcOk).toBe(false);
  });

  it.each([['too short', 'cccc'], ['not modhex', 'a'.repeat(44)], ['odd length', 'c'.repeat(45)], ['empty', '']])('rejects an OTP that is %s', (_case, otp) => {
    expect(splitOtp(otp)).toBeUndefined();
  });

  it('accepts caps lock (upper case) like the server does', () => {
    expect(splitOtp(VECTOR.otp.toUpperCase())?.publicId).toBe('dteffuje');
  });

  it('round-trips generated OTPs for any counters (property)', () => {
    const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(hex(6), hex(6), hex(16), fc.integer({ min: 0, max: 0x7fff }), fc.integer({ min: 0, max: 255 }), (pub, priv, key, counter, session) => {
        const otp = yubicoOtp({ publicId: hexToModhex(pub), privateId: priv, aesKey: key }, counter, session);
        const parts = splitOtp(otp);
        expect(parts?.publicId).toBe(hexToModhex(pub));
        expect(decryptToken(parts?.cipherHex ?? '', key)).toMatchObject({ privateId: priv, counter, session, crcOk: true });
      }),
    );
  });

  it('leaves the CRC residue 0xF0B8 over a token with its complemented CRC appended', () => {
    const body = Buffer.from('8792ebfe26cc130030c20011c89f', 'hex');
    const crc = Buffer.alloc(2);
    crc.writeUInt16LE(~crc16(body) & 0xffff);
    expect(crc16(Buffer.concat([body, crc]))).toBe(CRC_OK_RESIDUE);
  });
});
