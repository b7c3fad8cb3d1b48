/** ONE table from CTAPHID_ERROR codes (CTAP 2.1 §11.2.9.1.6) to ours; the raw code is kept as cause. */
import type { AppErrorCode } from '../../core/errors.ts';

const HID_ERRORS: Readonly<Record<number, AppErrorCode>> = {
  0x01: 'E_HID_INVALID_COMMAND', // ERR_INVALID_CMD
  0x02: 'E_HID_INVALID_COMMAND', // ERR_INVALID_PAR
  0x03: 'E_HID_INVALID_LENGTH', // ERR_INVALID_LEN
  0x04: 'E_HID_INVALID_SEQ', // ERR_INVALID_SEQ
  0x05: 'E_HID_TIMEOUT', // ERR_MSG_TIMEOUT: the key gave up waiting for our continuation packets
  0x06: 'E_HID_CHANNEL_BUSY', // ERR_CHANNEL_BUSY: another channel holds the key (Chromium, another app)
  0x0a: 'E_HID_LOCK_REQUIRED', // ERR_LOCK_REQUIRED
  0x0b: 'E_HID_INVALID_CHANNEL', // ERR_INVALID_CHANNEL
  0x7f: 'E_HID_OTHER', // ERR_OTHER
};

export function hidError(code: number): AppErrorCode {
  return HID_ERRORS[code] ?? 'E_HID_OTHER';
}
