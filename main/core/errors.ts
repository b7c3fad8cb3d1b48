/**
 * Stable error codes shared by main, preload and renderer (ARCHITECTURE rule 3).
 * Codes are `E_<AREA>_<WHAT>`; the renderer maps each one to a catalog key, support reads them aloud.
 * Adding a code here without a catalog entry fails `test/unit/renderer/i18n/catalogs.test.ts`.
 */
export const APP_ERROR_CODES = [
  // IPC boundary (main/core/dispatch.ts)
  'E_IPC_UNKNOWN_CHANNEL',
  'E_IPC_FORBIDDEN_SENDER',
  'E_IPC_BAD_REQUEST',
  'E_INTERNAL',
  // Network and org (main/auth/authn-client.ts)
  'E_NET_UNREACHABLE',
  'E_NET_TIMEOUT',
  'E_NET_BAD_RESPONSE',
  'E_NET_RATE_LIMITED',
  'E_NET_SERVER_ERROR',
  'E_NET_PROXY_AUTH',
  'E_NET_CAPTIVE_PORTAL',
  // Authentication transaction (main/auth/)
  'E_AUTH_BAD_CREDENTIALS',
  'E_AUTH_LOCKED_OUT',
  'E_AUTH_TRANSACTION_EXPIRED',
  'E_AUTH_NO_TRANSACTION',
  'E_AUTH_NOT_ALLOWED',
  'E_AUTH_INVALID_PASSCODE',
  'E_AUTH_PASSCODE_REPLAYED',
  'E_AUTH_TOO_MANY_ATTEMPTS',
  'E_AUTH_PASSWORD_POLICY',
  'E_AUTH_ACTIVATION_TOKEN_USED',
  'E_AUTH_ACTIVATION_TOKEN_EXPIRED',
  'E_AUTH_ACTIVATION_TOKEN_INVALID',
  'E_AUTH_WRONG_ANSWER',
  'E_AUTH_FACTOR_NOT_ALLOWED',
  'E_AUTH_PUSH_REJECTED',
  'E_AUTH_PUSH_TIMEOUT',
  'E_AUTH_WEBAUTHN_FAILED',
  'E_AUTH_USER_NOT_ASSIGNED',
  // Identity Engine and engine detection (main/auth/idx/, main/auth/engine-detection.ts)
  'E_AUTH_ENGINE_CHANGED',
  'E_AUTH_ENGINE_UNKNOWN',
  'E_AUTH_IDX_UNKNOWN_STEP',
  'E_AUTH_IDX_NOT_CONFIGURED',
  'E_AUTH_TOKEN_REFUSED',
  // Hand-off to diagnostics (main/launch/)
  'E_LAUNCH_NOT_ALLOWED',
  'E_LAUNCH_FAILED',
  'E_LAUNCH_EXCHANGE_REFUSED',
  'E_LAUNCH_TARGET_REFUSED',
  'E_LAUNCH_REDIRECTED',
  // Deep links (main/shell/deep-link.ts, main/launch/deep-link-parser.ts)
  'E_LINK_INVALID',
  'E_LINK_UNKNOWN_ACTION',
  'E_LINK_TOKEN_TOO_LONG',
  // TOTP engine (main/totp/)
  'E_TOTP_INVALID',
  'E_TOTP_REPLAYED',
  'E_TOTP_BAD_SECRET',
  'E_TOTP_NOT_ALLOWED',
  // YubiKey (main/yubikey/)
  'E_HID_NO_DEVICE',
  'E_HID_ACCESS_DENIED',
  'E_HID_DISCONNECTED',
  'E_HID_TIMEOUT',
  'E_HID_BAD_FRAME',
  'E_HID_CHANNEL_BUSY',
  'E_HID_INVALID_COMMAND',
  'E_HID_INVALID_LENGTH',
  'E_HID_INVALID_SEQ',
  'E_HID_LOCK_REQUIRED',
  'E_HID_INVALID_CHANNEL',
  'E_HID_CANCELLED',
  'E_HID_OTHER',
  'E_CTAP_NOT_ALLOWED',
  'E_CTAP_CREDENTIAL_EXCLUDED',
  'E_CTAP_NO_CREDENTIALS',
  'E_CTAP_PIN_REQUIRED',
  'E_CTAP_PIN_INVALID',
  'E_CTAP_PIN_BLOCKED',
  'E_CTAP_PIN_AUTH_BLOCKED',
  'E_CTAP_PIN_NOT_SET',
  'E_CTAP_PIN_POLICY',
  'E_CTAP_CANNOT_VERIFY',
  'E_CTAP_UV_BLOCKED',
  'E_CTAP_UNSUPPORTED',
  'E_CTAP_U2F_CANNOT_VERIFY',
  'E_CTAP_BAD_RESPONSE',
  'E_CTAP_OTHER',
  'E_YUBIKEY_OTP_SHAPE',
  'E_WEBAUTHN_ORIGIN',
  // OS keychain (main/keychain/)
  'E_KEYCHAIN_UNAVAILABLE',
  'E_KEYCHAIN_LOCKED',
  'E_KEYCHAIN_FAILED',
  // Settings and machine policy (main/settings/)
  'E_SETTINGS_INVALID',
  'E_SETTINGS_LOCKED',
  'E_POLICY_INVALID',
  'E_POLICY_UNREADABLE',
  'E_POLICY_UNSAFE_FILE',
  // Support (main/support/)
  'E_SUPPORT_QUEUED',
  'E_SUPPORT_INVALID',
  'E_SUPPORT_FAILED',
  'E_SUPPORT_NOT_SAVED',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * An error as a value. `cause` is for logs and support only: it never crosses the IPC bridge
 * (the contract's `ErrorView` is a closed object without it).
 */
export interface AppError {
  readonly code: AppErrorCode;
  /** Okta's own `errorCode` (E0000…), kept so support can look it up. */
  readonly oktaCode?: string;
  /** Seconds until a retry makes sense (rate limit, lockout). */
  readonly retryAfterSeconds?: number;
  /** Dotted field paths that failed validation; never the values. */
  readonly fields?: readonly string[];
  /** Remaining attempts, when the other side tells (PIN retries, passcode attempts). */
  readonly remaining?: number;
  readonly cause?: unknown;
}

export function appError(code: AppErrorCode, extra: Omit<AppError, 'code'> = {}): AppError {
  return { code, ...extra };
}

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && (APP_ERROR_CODES as readonly string[]).includes(value);
}
