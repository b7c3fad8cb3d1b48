/**
 * WebAuthn done by the main process over USB (yubikey-hid.md §10.2): the page cannot run it for the org's
 * RP ID (origin rule), so main builds clientDataJSON with the org origin PINNED by the caller (from the
 * configuration, never from a page), hashes it, asks the key, checks the key signed for the right RP, and
 * returns exactly the JSON @simplewebauthn/browser would have produced.
 */
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../core/result.ts';
import type { CtapChannel, TransactOptions } from './hid/ctaphid-channel.ts';
import { encodeCbor } from './ctap2/cbor.ts';
import { getAssertion, makeCredential } from './ctap2/commands.ts';
import { parseAuthenticatorData } from './authenticator-data.ts';
import { PERMISSION } from './ctap2/client-pin.ts';
import { pinAuthFor, type PinAuth, type PinPrompt } from './pin-flow.ts';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const sha256 = (data: string | Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

export interface CreationOptionsJSON {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  excludeCredentials?: Array<{ id: string; type: string }>;
  authenticatorSelection?: { userVerification?: string; residentKey?: string };
}

export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: Array<{ id: string; type: string }>;
  userVerification?: string;
}

/** The RP ID must be the origin's host or a registrable suffix of it (WebAuthn §5.1.3 step 8). */
function rpIdFor(origin: string, requested: string | undefined): string | undefined {
  const host = new URL(origin).hostname;
  const rpId = requested ?? host;
  return host === rpId || host.endsWith(`.${rpId}`) ? rpId : undefined;
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): string {
  return JSON.stringify({ type, challenge, origin: new URL(origin).origin, crossOrigin: false });
}

/** A key that needs its PIN answers PUAT_REQUIRED; then the PIN is asked and the request sent again with the token. */
async function withPin<T>(attempt: (pinAuth: PinAuth | undefined) => Promise<Result<T>>, getPinAuth: () => Promise<Result<PinAuth>>): Promise<Result<T>> {
  const first = await attempt(undefined);
  if (first.ok || (first.error.code !== 'E_CTAP_PIN_REQUIRED' && first.error.code !== 'E_CTAP_PIN_INVALID')) return first;
  const pinAuth = await getPinAuth();
  return pinAuth.ok ? attempt(pinAuth.value) : pinAuth;
}

const noPin: PinPrompt = async () => null;

export async function registerWithKey(channel: CtapChannel, options: CreationOptionsJSON, origin: string, transact: TransactOptions = {}, askPin: PinPrompt = noPin) {
  const rpId = rpIdFor(origin, options.rp.id);
  if (!rpId) return fail('E_WEBAUTHN_ORIGIN');
  const clientDataJSON = clientData('webauthn.create', options.challenge, origin);
  const clientDataHash = sha256(clientDataJSON);
  const made = await withPin(
    (pinAuth) =>
      makeCredential(
        channel,
        {
          clientDataHash,
          rp: { id: rpId, name: options.rp.name },
          user: { id: fromB64url(options.user.id), name: options.user.name, displayName: options.user.displayName },
          algorithms: options.pubKeyCredParams.filter((p) => p.type === 'public-key').map((p) => p.alg),
          excludeIds: (options.excludeCredentials ?? []).map((c) => fromB64url(c.id)),
          residentKey: options.authenticatorSelection?.residentKey === 'required',
          userVerification: options.authenticatorSelection?.userVerification === 'required',
          pinAuth,
        },
        transact,
      ),
    () => pinAuthFor(channel, askPin, PERMISSION.makeCredential, rpId, clientDataHash),
  );
  if (!made.ok) return made;
  const authData = parseAuthenticatorData(made.value.authData);
  if (!authData?.credentialId || b64url(authData.rpIdHash) !== b64url(sha256(rpId))) return fail('E_CTAP_BAD_RESPONSE', { cause: 'rpIdHash or credential missing' });
  const attestationObject = encodeCbor(new Map<string, unknown>([['fmt', made.value.fmt], ['attStmt', made.value.attStmt], ['authData', made.value.authData]]));
  const id = b64url(authData.credentialId);
  return ok({
    id,
    rawId: id,
    type: 'public-key' as const,
    response: { clientDataJSON: b64url(Buffer.from(clientDataJSON)), attestationObject: b64url(attestationObject), transports: ['usb'] },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform' as const,
  });
}

export async function signWithKey(channel: CtapChannel, options: RequestOptionsJSON, origin: string, transact: TransactOptions = {}, askPin: PinPrompt = noPin) {
  const rpId = rpIdFor(origin, options.rpId);
  if (!rpId) return fail('E_WEBAUTHN_ORIGIN');
  const clientDataJSON = clientData('webauthn.get', options.challenge, origin);
  const allowIds = (options.allowCredentials ?? []).map((c) => fromB64url(c.id));
  const clientDataHash = sha256(clientDataJSON);
  const signed = await withPin(
    (pinAuth) => getAssertion(channel, { rpId, clientDataHash, allowIds, userVerification: options.userVerification === 'required', pinAuth }, transact),
    () => pinAuthFor(channel, askPin, PERMISSION.getAssertion, rpId, clientDataHash),
  );
  if (!signed.ok) return signed;
  const authData = parseAuthenticatorData(signed.value.authData);
  if (!authData || b64url(authData.rpIdHash) !== b64url(sha256(rpId))) return fail('E_CTAP_BAD_RESPONSE', { cause: 'rpIdHash' });
  // CTAP 2.1 §6.2.2: the key may omit the credential when the allow list had exactly one.
  const credentialId = signed.value.credential ?? (allowIds.length === 1 ? allowIds[0] : undefined);
  if (!credentialId) return fail('E_CTAP_BAD_RESPONSE', { cause: 'no credential id' });
  const id = b64url(credentialId);
  return ok({
    id,
    rawId: id,
    type: 'public-key' as const,
    response: { clientDataJSON: b64url(Buffer.from(clientDataJSON)), authenticatorData: b64url(signed.value.authData), signature: b64url(signed.value.signature) },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform' as const,
  });
}

export type RegistrationFromKey = Extract<Awaited<ReturnType<typeof registerWithKey>>, { ok: true }>['value'];
export type AssertionFromKey = Extract<Awaited<ReturnType<typeof signWithKey>>, { ok: true }>['value'];
export type { Result };
