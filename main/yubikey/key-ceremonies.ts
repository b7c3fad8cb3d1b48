/**
 * What main needs from whichever path runs a security-key ceremony for it (path-choice.ts): the app's own
 * CTAP2/U2F over USB (yubikey-service.ts) or the OS WebAuthn window (os-webauthn.ts). Both take the org
 * origin pinned by main and give back only the fields Okta's classic webauthn factor needs.
 */
import type { Result } from '../core/result.ts';
import type { CreationOptionsJSON, RequestOptionsJSON } from './webauthn-ceremony.ts';

export interface KeyCeremonies {
  register(options: CreationOptionsJSON, origin: string): Promise<Result<{ readonly response: { readonly clientDataJSON: string; readonly attestationObject: string } }>>;
  sign(options: RequestOptionsJSON, origin: string): Promise<Result<{ readonly response: { readonly clientDataJSON: string; readonly authenticatorData: string; readonly signature: string } }>>;
}
