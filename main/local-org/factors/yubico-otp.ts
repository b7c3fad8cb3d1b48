/**
 * Yubico OTP decoding as Yubico's validation server does it (Yubico/yubikey-val
 * `doc/Validation_Server_Algorithm.adoc`; token layout from yubico-c `yubikey.h`): modhex public ID +
 * 32 modhex characters of AES-128-ECB ciphertext; the plaintext holds the private ID (6 bytes),
 * usage counter (u16 LE), timestamp (u24 LE), session counter (u8), random (u16) and a CRC-16
 * (ISO 13239, poly 0x8408, init 0xFFFF) whose residue over all 16 bytes must be 0xF0B8.
 */
import { createDecipheriv } from 'node:crypto';

export const MODHEX = 'cbdefghijklnrtuv';

export interface OtpParts {
  readonly publicId: string;
  readonly cipherHex: string;
}

export interface YubicoToken {
  readonly privateId: string;
  readonly counter: number;
  readonly timestamp: number;
  readonly session: number;
  readonly random: number;
  readonly crcOk: boolean;
}

export function modhexToHex(modhex: string): string | undefined {
  let hex = '';
  for (const ch of modhex) {
    const index = MODHEX.indexOf(ch);
    if (index < 0) return undefined;
    hex += index.toString(16);
  }
  return hex;
}

export function hexToModhex(hex: string): string {
  return [...hex.toLowerCase()].map((ch) => MODHEX[parseInt(ch, 16)] ?? '').join('');
}

/** Splits an OTP typed by a key (case-insensitive: caps lock), or undefined when it cannot be one. */
export function splitOtp(otp: string): OtpParts | undefined {
  const normalized = otp.trim().toLowerCase();
  if (!/^[cbdefghijklnrtuv]{32,64}$/.test(normalized) || normalized.length % 2 !== 0) return undefined;
  const cipherHex = modhexToHex(normalized.slice(-32));
  return cipherHex ? { publicId: normalized.slice(0, -32), cipherHex } : undefined;
}

export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc;
}

export const CRC_OK_RESIDUE = 0xf0b8;

export function decryptToken(cipherHex: string, aesKeyHex: string): YubicoToken {
  const decipher = createDecipheriv('aes-128-ecb', Buffer.from(aesKeyHex, 'hex'), null);
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(cipherHex, 'hex')), decipher.final()]);
  return {
    privateId: plain.subarray(0, 6).toString('hex'),
    // The top bit of the usage counter flags caps lock, not a count (yubico-c `YUBIKEY_CTR_MASK`).
    counter: plain.readUInt16LE(6) & 0x7fff,
    timestamp: plain.readUIntLE(8, 3),
    session: plain.readUInt8(11),
    random: plain.readUInt16LE(12),
    crcOk: crc16(plain) === CRC_OK_RESIDUE,
  };
}
