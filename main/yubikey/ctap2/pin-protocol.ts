/**
 * PIN/UV auth protocols one and two (CTAP 2.1 §6.5.6 and §6.5.7): the shared secret from ECDH on P-256,
 * and the encrypt / decrypt / authenticate primitives each protocol defines. node:crypto only.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type PinProtocol = 1 | 2;

const ZERO_IV = Buffer.alloc(16);

/** Protocol 1: SHA-256(Z). Protocol 2: HKDF-SHA-256 with a zero salt → HMAC key ‖ AES key (§6.5.7). */
export function kdf(protocol: PinProtocol, z: Uint8Array): Buffer {
  if (protocol === 1) return createHash('sha256').update(z).digest();
  const salt = Buffer.alloc(32);
  const hmacKey = Buffer.from(hkdfSync('sha256', z, salt, 'CTAP2 HMAC key', 32));
  const aesKey = Buffer.from(hkdfSync('sha256', z, salt, 'CTAP2 AES key', 32));
  return Buffer.concat([hmacKey, aesKey]);
}

export function encrypt(protocol: PinProtocol, key: Uint8Array, plaintext: Uint8Array): Buffer {
  if (protocol === 1) {
    const cipher = createCipheriv('aes-256-cbc', key, ZERO_IV).setAutoPadding(false);
    return Buffer.concat([cipher.update(plaintext), cipher.final()]);
  }
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key.subarray(32, 64), iv).setAutoPadding(false);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final()]);
}

export function decrypt(protocol: PinProtocol, key: Uint8Array, ciphertext: Uint8Array): Buffer {
  if (protocol === 1) {
    const decipher = createDecipheriv('aes-256-cbc', key, ZERO_IV).setAutoPadding(false);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const decipher = createDecipheriv('aes-256-cbc', key.subarray(32, 64), ciphertext.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([decipher.update(ciphertext.subarray(16)), decipher.final()]);
}

/** Protocol 1: first 16 bytes of HMAC-SHA-256; protocol 2: all 32, keyed with the HMAC half (§6.5.7). */
export function authenticate(protocol: PinProtocol, key: Uint8Array, message: Uint8Array): Buffer {
  const mac = createHmac('sha256', protocol === 2 && key.length === 64 ? key.subarray(0, 32) : key).update(message).digest();
  return protocol === 1 ? mac.subarray(0, 16) : mac;
}

/** LEFT(SHA-256(pin), 16): what travels, encrypted, instead of the PIN (§6.5.5.7). */
export function pinHash(pin: string): Buffer {
  return createHash('sha256').update(pin, 'utf8').digest().subarray(0, 16);
}
