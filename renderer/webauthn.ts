/**
 * The WebAuthn ceremony in the page, for the browser preview and tests (the renderer is on
 * http://localhost and the local org's RP ID is `localhost`). @simplewebauthn/browser is loaded only when
 * a security key is used. Only the fields Okta needs go back to main.
 */
import type { ErrorView } from '../preload/contract.ts';

export type Ceremony<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

function ceremonyError(error: unknown): ErrorView {
  const name = error instanceof Error ? error.name : '';
  // InvalidStateError: the key already holds a credential for this account (excludeCredentials matched).
  if (name === 'InvalidStateError') return { code: 'E_CTAP_CREDENTIAL_EXCLUDED' };
  // NotAllowedError: the technician cancelled, did not touch the key in time, or no key was found.
  if (name === 'NotAllowedError' || name === 'AbortError') return { code: 'E_CTAP_NOT_ALLOWED' };
  if (name === 'SecurityError') return { code: 'E_WEBAUTHN_ORIGIN' };
  return { code: 'E_AUTH_WEBAUTHN_FAILED' };
}

export async function registerKey(optionsJson: string): Promise<Ceremony<{ clientDataJSON: string; attestationObject: string }>> {
  try {
    const { startRegistration } = await import('@simplewebauthn/browser');
    const response = await startRegistration({ optionsJSON: JSON.parse(optionsJson) });
    return { ok: true, value: { clientDataJSON: response.response.clientDataJSON, attestationObject: response.response.attestationObject } };
  } catch (error) {
    return { ok: false, error: ceremonyError(error) };
  }
}

export async function signWithKey(optionsJson: string): Promise<Ceremony<{ clientDataJSON: string; authenticatorData: string; signature: string }>> {
  try {
    const { startAuthentication } = await import('@simplewebauthn/browser');
    const response = await startAuthentication({ optionsJSON: JSON.parse(optionsJson) });
    return {
      ok: true,
      value: { clientDataJSON: response.response.clientDataJSON, authenticatorData: response.response.authenticatorData, signature: response.response.signature },
    };
  } catch (error) {
    return { ok: false, error: ceremonyError(error) };
  }
}

/** Stops a ceremony waiting for a touch (the technician pressed Cancel, or pulled the key out). */
export async function cancelKeyCeremony(): Promise<void> {
  const { WebAuthnAbortService } = await import('@simplewebauthn/browser');
  WebAuthnAbortService.cancelCeremony();
}

/** A YubiKey OTP as typed by the key: 44 modhex characters, the first 12 being the key's public id. */
export function otpShape(raw: string): { otp: string; publicId: string } | undefined {
  const otp = raw.trim().toLowerCase();
  return /^[cbdefghijklnrtuv]{44}$/.test(otp) ? { otp, publicId: otp.slice(0, 12) } : undefined;
}
