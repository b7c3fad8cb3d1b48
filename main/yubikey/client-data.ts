/**
 * What every WebAuthn ceremony main runs has in common, whatever the key speaks: the RP ID allowed for the
 * pinned origin, clientDataJSON built by main (WebAuthn §5.8.1), its hash, and the byte encodings.
 */
import { createHash } from 'node:crypto';

export const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
export const sha256 = (data: string | Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

/** The RP ID must be the origin's host or a registrable suffix of it (WebAuthn §5.1.3 step 8). */
export function rpIdFor(origin: string, requested: string | undefined): string | undefined {
  const host = new URL(origin).hostname;
  const rpId = requested ?? host;
  return host === rpId || host.endsWith(`.${rpId}`) ? rpId : undefined;
}

export function clientDataJson(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): string {
  return JSON.stringify({ type, challenge, origin: new URL(origin).origin, crossOrigin: false });
}
