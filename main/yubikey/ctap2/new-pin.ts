/**
 * What a new security-key PIN must be before it is sent (CTAP 2.1 §6.5.5.5 setPIN): Unicode NFC, at least
 * the key's minPINLength code points (4 when it announces none), at most 63 bytes of UTF-8, and padded with
 * zeros to 64 bytes for encryption. The key checks again (PIN_POLICY_VIOLATION); checking here first lets
 * the dialog say why at once.
 */
import { fail, ok, type Result } from '../../core/result.ts';

export const DEFAULT_MIN_PIN_LENGTH = 4;
const MAX_PIN_BYTES = 63;

export function checkNewPin(pin: string, minLength: number = DEFAULT_MIN_PIN_LENGTH): Result<string> {
  const normalized = pin.normalize('NFC');
  const codePoints = [...normalized].length;
  if (codePoints < Math.max(DEFAULT_MIN_PIN_LENGTH, minLength) || Buffer.byteLength(normalized, 'utf8') > MAX_PIN_BYTES) return fail('E_CTAP_PIN_POLICY', { cause: { codePoints } });
  return ok(normalized);
}

/** The 64-byte block setPIN encrypts: the PIN's UTF-8 bytes, then zeros. */
export function paddedPin(pin: string): Buffer {
  const block = Buffer.alloc(64);
  block.write(pin, 'utf8');
  return block;
}
