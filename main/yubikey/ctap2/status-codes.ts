/** ONE table from CTAP2 status codes (CTAP 2.1 §8.2.1) to ours; the raw status is kept as cause. */
import type { AppErrorCode } from '../../core/errors.ts';

const CTAP_STATUS: Readonly<Record<number, AppErrorCode>> = {
  0x19: 'E_CTAP_CREDENTIAL_EXCLUDED', // CTAP2_ERR_CREDENTIAL_EXCLUDED: this key is already registered
  0x26: 'E_CTAP_UNSUPPORTED', // CTAP2_ERR_UNSUPPORTED_ALGORITHM
  0x27: 'E_CTAP_NOT_ALLOWED', // CTAP2_ERR_OPERATION_DENIED
  0x2b: 'E_CTAP_UNSUPPORTED', // CTAP2_ERR_UNSUPPORTED_OPTION
  0x2c: 'E_CTAP_UNSUPPORTED', // CTAP2_ERR_INVALID_OPTION
  0x2d: 'E_HID_CANCELLED', // CTAP2_ERR_KEEPALIVE_CANCEL
  0x2e: 'E_CTAP_NO_CREDENTIALS', // CTAP2_ERR_NO_CREDENTIALS: the key holds no credential for this account
  0x2f: 'E_HID_TIMEOUT', // CTAP2_ERR_USER_ACTION_TIMEOUT: no touch in time
  0x30: 'E_CTAP_NOT_ALLOWED', // CTAP2_ERR_NOT_ALLOWED
  0x31: 'E_CTAP_PIN_INVALID', // CTAP2_ERR_PIN_INVALID
  0x32: 'E_CTAP_PIN_BLOCKED', // CTAP2_ERR_PIN_BLOCKED: the key must be reset
  0x33: 'E_CTAP_PIN_INVALID', // CTAP2_ERR_PIN_AUTH_INVALID
  0x34: 'E_CTAP_PIN_AUTH_BLOCKED', // CTAP2_ERR_PIN_AUTH_BLOCKED: replug the key
  0x35: 'E_CTAP_PIN_NOT_SET', // CTAP2_ERR_PIN_NOT_SET
  0x36: 'E_CTAP_PIN_REQUIRED', // CTAP2_ERR_PUAT_REQUIRED (PIN_REQUIRED in 2.0)
  0x37: 'E_CTAP_PIN_POLICY', // CTAP2_ERR_PIN_POLICY_VIOLATION: too short or too long
  0x3c: 'E_CTAP_UV_BLOCKED', // CTAP2_ERR_UV_BLOCKED
};

export function ctapError(status: number): AppErrorCode {
  if (status === 0x01 || status === 0x02 || status === 0x03 || status === 0x11 || status === 0x12 || status === 0x14) return 'E_CTAP_BAD_RESPONSE';
  return CTAP_STATUS[status] ?? 'E_CTAP_OTHER';
}
