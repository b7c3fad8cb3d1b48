/**
 * Authenticator data (WebAuthn §6.1): rpIdHash(32) flags(1) signCount(4) [aaguid(16) credIdLen(2) credId
 * COSE key] — only what the ceremony checks: the RP the key signed for, and the new credential's id.
 */
export interface AuthenticatorData {
  readonly rpIdHash: Uint8Array;
  readonly flags: number;
  readonly signCount: number;
  readonly credentialId?: Uint8Array;
}

export function parseAuthenticatorData(data: Uint8Array): AuthenticatorData | undefined {
  if (data.length < 37) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const flags = data[32] ?? 0;
  const parsed = { rpIdHash: data.subarray(0, 32), flags, signCount: view.getUint32(33) };
  // AT flag (bit 6): attested credential data follows.
  if ((flags & 0x40) === 0) return parsed;
  if (data.length < 55) return undefined;
  const idLength = view.getUint16(53);
  if (data.length < 55 + idLength) return undefined;
  return { ...parsed, credentialId: data.subarray(55, 55 + idLength) };
}

export const FLAG_USER_PRESENT = 0x01;
export const FLAG_USER_VERIFIED = 0x04;
