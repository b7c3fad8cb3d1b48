/**
 * TOTP (RFC 6238) over otplib 13: SHA-1, 6 digits, 30-second steps, as Google Authenticator and
 * Okta Verify use. Verification accepts one step either side for clock drift (RFC 6238 §5.2
 * recommends at most one step of transmission delay) and reports the matched time step so the
 * caller can refuse a code whose step was already used (§5.2: "the verifier MUST NOT accept the
 * second attempt of the OTP after the successful validation has been issued for the first OTP").
 */
import { generateSecret, verifySync } from 'otplib';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

export type TotpCheck = { readonly valid: true; readonly timeStep: number; readonly delta: number } | { readonly valid: false };

/** 20-byte (160-bit) base32 seed: RFC 4226 §4 R6 recommends 160 bits. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function checkTotp(secret: string, code: string, nowMs: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const epoch = Math.floor(nowMs / 1000);
  const result = verifySync({ secret, token: code, epoch, epochTolerance: TOTP_PERIOD, period: TOTP_PERIOD, digits: TOTP_DIGITS });
  if (!result.valid) return { valid: false };
  return { valid: true, timeStep: Math.floor(epoch / TOTP_PERIOD) + result.delta, delta: result.delta };
}

export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD}`;
}
