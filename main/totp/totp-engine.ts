/**
 * The app's TOTP engine (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, as Google Authenticator and
 * Okta Verify compute them). The only otplib importer on the client side. Time comes in from the Clock
 * port, in seconds, as otplib 13 expects; nothing here reads the system clock.
 */
import { createGuardrails, generateSync, verifySync } from 'otplib';

export const PERIOD_SECONDS = 30;
export const DIGITS = 6;

/**
 * Okta issues 80-bit seeds (16 base32 characters, okta-authn.md §4.1); otplib's default guardrail wants
 * 128 bits. RFC 4226 §4 R6 sets 128 bits as the minimum *recommended*, so 80 is accepted here, as Okta does.
 */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export type TotpCheck = { readonly valid: true; readonly timeStep: number; readonly delta: number } | { readonly valid: false };

export function totpCode(secret: string, epochSeconds: number): string {
  return generateSync({ secret, epoch: epochSeconds, digits: DIGITS, period: PERIOD_SECONDS, guardrails });
}

/** The time step a moment falls in (RFC 6238 §4.2: T = floor((now − T0) / X)). */
export function timeStepOf(epochSeconds: number): number {
  return Math.floor(epochSeconds / PERIOD_SECONDS);
}

export function secondsLeft(epochSeconds: number): number {
  return PERIOD_SECONDS - (Math.floor(epochSeconds) % PERIOD_SECONDS);
}

/** Accepts one step either side (RFC 6238 §5.2) and says which step matched, for the replay guard. */
export function verifyTotp(secret: string, code: string, epochSeconds: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const result = verifySync({ secret, token: code, epoch: epochSeconds, epochTolerance: PERIOD_SECONDS, digits: DIGITS, period: PERIOD_SECONDS, guardrails });
  return result.valid ? { valid: true, delta: result.delta, timeStep: timeStepOf(epochSeconds) + result.delta } : { valid: false };
}

export function isUsableSecret(secret: string): boolean {
  try {
    totpCode(secret, 0);
    return true;
  } catch {
    return false;
  }
}
