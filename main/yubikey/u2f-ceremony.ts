/**
 * WebAuthn with a U2F-only key (CTAP1 fallback, yubikey-hid.md §4.10): same pinned origin and clientDataJSON
 * as the CTAP2 path, same JSON out, so the org cannot tell which protocol the key spoke (besides `fido-u2f`
 * attestation). U2F has no user verification and no discoverable credentials: a ceremony that requires
 * either is refused with a clear code rather than silently weakened.
 */
import { fail, ok } from '../core/result.ts';
import type { CtapChannel, TransactOptions } from './hid/ctaphid-channel.ts';
import { fromB64url, sha256 } from './client-data.ts';
import { assertionJson, registrationJson } from './response-json.ts';
import { u2fAuthenticate, u2fKnowsHandle, u2fRegister } from './ctap1/u2f-commands.ts';
import { assertionAuthData, registrationAuthData, u2fAttestationObject } from './ctap1/u2f-webauthn.ts';

export interface U2fCeremonyInput {
  readonly rpId: string;
  readonly clientDataJSON: string;
  readonly userVerification: boolean;
}

export async function registerWithU2f(channel: CtapChannel, input: U2fCeremonyInput & { readonly excludeIds: readonly Uint8Array[] }, transact: TransactOptions) {
  if (input.userVerification) return fail('E_CTAP_U2F_CANNOT_VERIFY');
  const appParam = sha256(input.rpId);
  for (const id of input.excludeIds) {
    const known = await u2fKnowsHandle(channel, appParam, id, transact);
    if (!known.ok) return known;
    if (known.value) {
      // As CTAP2 keys do, say "already registered" only after a touch, so a page cannot probe keys silently.
      const touched = await u2fRegister(channel, new Uint8Array(32), new Uint8Array(32), transact);
      return touched.ok || touched.error.code === 'E_CTAP_BAD_RESPONSE' ? fail('E_CTAP_CREDENTIAL_EXCLUDED') : touched;
    }
  }
  const registered = await u2fRegister(channel, sha256(input.clientDataJSON), appParam, transact);
  if (!registered.ok) return registered;
  const authData = registrationAuthData(appParam, registered.value);
  return ok(registrationJson(registered.value.keyHandle, input.clientDataJSON, u2fAttestationObject(authData, registered.value), authData));
}

export async function signWithU2f(channel: CtapChannel, input: U2fCeremonyInput & { readonly allowIds: readonly string[] }, transact: TransactOptions) {
  if (input.userVerification) return fail('E_CTAP_U2F_CANNOT_VERIFY');
  const appParam = sha256(input.rpId);
  let handle: Uint8Array | undefined;
  for (const id of input.allowIds) {
    const candidate = fromB64url(id);
    const known = await u2fKnowsHandle(channel, appParam, candidate, transact);
    if (!known.ok) return known;
    if (known.value) {
      handle = candidate;
      break;
    }
  }
  if (!handle) return fail('E_CTAP_NO_CREDENTIALS');
  const signed = await u2fAuthenticate(channel, sha256(input.clientDataJSON), appParam, handle, transact);
  if (!signed.ok) return signed;
  return ok(assertionJson(handle, input.clientDataJSON, assertionAuthData(appParam, signed.value), signed.value.signature));
}
