/**
 * The contract's enumerations as plain values, without the schema library: the renderer may import these
 * (it may import only types from contract.ts, a lint rule checks it), so its bundle carries no zod.
 */
export const FACTOR_KINDS = ['totp-google', 'totp-okta', 'push-okta', 'yubikey-otp', 'webauthn', 'question'] as const;

export const TRANSACTION_STATUSES = [
  'NONE',
  'PASSWORD_RESET',
  'PASSWORD_EXPIRED',
  'PASSWORD_WARN',
  'RECOVERY',
  'RECOVERY_CHALLENGE',
  'LOCKED_OUT',
  'MFA_ENROLL',
  'MFA_ENROLL_ACTIVATE',
  'MFA_REQUIRED',
  'MFA_CHALLENGE',
  'SUCCESS',
] as const;

/** Reasons of a help request; "Cannot log in" is the one the seed article tells technicians to pick. */
export const HELP_REASONS = ['cannot-log-in', 'lost-device', 'locked-out', 'activation-link', 'other'] as const;
