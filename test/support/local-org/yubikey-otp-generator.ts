/**
 * Makes Yubico OTPs the way a key does (yubico-c `yubikey_generate`): token fields little-endian,
 * CRC-16 complemented into the last two bytes, AES-128-ECB, modhex. Test-only: keys in tests have
 * no hardware behind them.
 */
import { createCipheriv } from 'node:crypto';
import { crc16, hexToModhex } from '../../../main/local-org/factors/yubico-otp.ts';

export interface KeySeed {
  readonly publicId: string;
  readonly privateId: string;
  readonly aesKey: string;
}

export function yubicoOtp(seed: KeySeed, counter: number, session: number, timestamp = 0x123456, random = 0xbeef): string {
  const plain = Buffer.alloc(16);
  Buffer.from(seed.privateId, 'hex').copy(plain, 0);
  plain.writeUInt16LE(counter, 6);
  plain.writeUIntLE(timestamp, 8, 3);
  plain.writeUInt8(session, 11);
  plain.writeUInt16LE(random, 12);
  plain.writeUInt16LE(~crc16(plain.subarray(0, 14)) & 0xffff, 14);
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(seed.aesKey, 'hex'), null);
  cipher.setAutoPadding(false);
  return seed.publicId + hexToModhex(Buffer.concat([cipher.update(plain), cipher.final()]).toString('hex'));
}
