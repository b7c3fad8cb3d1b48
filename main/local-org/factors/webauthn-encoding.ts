/**
 * Okta classic WebAuthn encodings (okta-authn.md §4.5): the client sends attestation, clientData,
 * authenticatorData and signatureData as standard base64 (the widget's `binToStr` = `btoa`), while
 * credential ids travel as base64url. Accept both alphabets, padded or not; answer in base64url.
 */
export function bytesFromOkta(value: string): Uint8Array<ArrayBuffer> {
  const normalized = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normalized)) throw new Error('not base64');
  return new Uint8Array(Buffer.from(normalized, 'base64'));
}

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
