/**
 * What an Okta classic client does around a WebAuthn authenticator (widget `CryptoUtil`): turn the
 * activation / challenge objects into WebAuthn options, and the authenticator's answer into Okta's
 * standard-base64 fields. The authenticator here is nid-webauthn-emulator's software key.
 */
import { AuthenticatorEmulator, WebAuthnEmulator } from 'nid-webauthn-emulator';
import type { Json } from './test-org.ts';

const toStd = (b64url: string) => Buffer.from(b64url, 'base64url').toString('base64');
/** Okta's strToBin then base64url: 20-character alphanumeric strings come back unchanged. */
const toB64url = (okta: string) => Buffer.from(okta.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('base64url');

export function softKey(options: { userVerified?: boolean; signCounterIncrement?: number } = {}): WebAuthnEmulator {
  const uv = options.userVerified ?? true;
  return new WebAuthnEmulator(
    new AuthenticatorEmulator({
      verifications: { userPresent: true, userVerified: uv },
      // The emulated person touches the key; `uv` says whether a PIN or biometric was checked too.
      userMakeCredentialInteraction: (user) => ({ user, options: { uv, up: true } }),
      userGetAssertionInteraction: (user) => ({ user, options: { uv, up: true } }),
      signCounterIncrement: options.signCounterIncrement ?? 1,
    }),
  );
}

export function attest(key: WebAuthnEmulator, origin: string, activation: Json): { attestation: string; clientData: string } {
  const response = key.createJSON(origin, {
    rp: activation.rp,
    user: { ...activation.user, id: toB64url(activation.user.id) },
    challenge: toB64url(activation.challenge),
    pubKeyCredParams: activation.pubKeyCredParams,
    excludeCredentials: activation.excludeCredentials,
    authenticatorSelection: activation.authenticatorSelection,
    attestation: activation.attestation,
  });
  return { attestation: toStd(response.response.attestationObject), clientData: toStd(response.response.clientDataJSON) };
}

export function assert(key: WebAuthnEmulator, origin: string, rpId: string, challenge: string, credentialId: string): { clientData: string; authenticatorData: string; signatureData: string } {
  const response = key.getJSON(origin, { challenge: toB64url(challenge), rpId, allowCredentials: [{ type: 'public-key', id: credentialId }], userVerification: 'required' });
  return {
    clientData: toStd(response.response.clientDataJSON),
    authenticatorData: toStd(response.response.authenticatorData),
    signatureData: toStd(response.response.signature),
  };
}
