/**
 * WebAuthn done by the main process over USB (yubikey-hid.md §10.2): the page cannot run it for the org's
 * RP ID (origin rule), so main builds clientDataJSON with the org origin PINNED by the caller (from the
 * configuration, never from a page), hashes it, asks the key, checks the key signed for the right RP, and
 * returns exactly the JSON @simplewebauthn/browser would have produced. Keys without CTAP2 (U2F only) take
 * the CTAP1 fallback in u2f-ceremony.ts, chosen per key by key-protocol.ts.
 */
import { fail, ok, type Result } from '../core/result.ts';
import type { CtapChannel, TransactOptions } from './hid/ctaphid-channel.ts';
import { encodeCbor } from './ctap2/cbor.ts';
import { getAssertion, makeCredential } from './ctap2/commands.ts';
import { parseAuthenticatorData } from './authenticator-data.ts';
import { PERMISSION } from './ctap2/client-pin.ts';
import { b64url, clientDataJson, fromB64url, rpIdFor, sha256 } from './client-data.ts';
import { assertionJson, registrationJson } from './response-json.ts';
import { keyProtocol } from './key-protocol.ts';
import { allowListChunks } from './allow-list.ts';
import { createPinThenAuth, pinAuthFor, type PinAuth, type PinKey, type PinPrompt, type PinPurpose } from './pin-flow.ts';
import { uvPlan, type UvPlan } from './uv-plan.ts';
import { registerWithU2f, signWithU2f } from './u2f-ceremony.ts';

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

/**
 * Sends `attempt` the way the plan says: with a PIN token got first ('pin', 'create-pin'), or without one
 * and, should the key still want its PIN (PUAT_REQUIRED), asks it then and sends again.
 */
async function verified<T>(plan: UvPlan, attempt: (pinAuth: PinAuth | undefined) => Promise<Result<T>>, channel: CtapChannel, askPin: PinPrompt, key: PinKey, purpose: PinPurpose): Promise<Result<T>> {
  if (plan === 'pin' || plan === 'create-pin') {
    const pinAuth = await (plan === 'pin' ? pinAuthFor : createPinThenAuth)(channel, askPin, key, purpose);
    return pinAuth.ok ? attempt(pinAuth.value) : pinAuth;
  }
  const first = await attempt(undefined);
  if (first.ok || first.error.code !== 'E_CTAP_PIN_REQUIRED') return first;
  const pinAuth = await pinAuthFor(channel, askPin, key, purpose);
  return pinAuth.ok ? attempt(pinAuth.value) : pinAuth;
}

const noPin: PinPrompt = async () => null;

export async function registerWithKey(channel: CtapChannel, options: CreationOptionsJSON, origin: string, transact: TransactOptions = {}, askPin: PinPrompt = noPin) {
  const rpId = rpIdFor(origin, options.rp.id);
  if (!rpId) return fail('E_WEBAUTHN_ORIGIN');
  const clientDataJSON = clientDataJson('webauthn.create', options.challenge, origin);
  const protocol = await keyProtocol(channel);
  if (!protocol.ok) return protocol;
  if (protocol.value.kind === 'u2f') {
    if (options.authenticatorSelection?.residentKey === 'required') return fail('E_CTAP_UNSUPPORTED', { cause: 'U2F keys hold no discoverable credentials' });
    return registerWithU2f(channel, { rpId, clientDataJSON, userVerification: options.authenticatorSelection?.userVerification === 'required', excludeIds: (options.excludeCredentials ?? []).map((c) => fromB64url(c.id)) }, transact);
  }
  const plan = uvPlan(options.authenticatorSelection?.userVerification, protocol.value.options);
  if (!plan.ok) return plan;
  const clientDataHash = sha256(clientDataJSON);
  const made = await verified(
    plan.value,
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
          uvOption: plan.value === 'builtin',
          pinAuth,
        },
        transact,
      ),
    channel,
    askPin,
    protocol.value,
    { permissions: PERMISSION.makeCredential, rpId, clientDataHash },
  );
  if (!made.ok) return made;
  const authData = parseAuthenticatorData(made.value.authData);
  if (!authData?.credentialId || b64url(authData.rpIdHash) !== b64url(sha256(rpId))) return fail('E_CTAP_BAD_RESPONSE', { cause: 'rpIdHash or credential missing' });
  const attestationObject = encodeCbor(new Map<string, unknown>([['fmt', made.value.fmt], ['attStmt', made.value.attStmt], ['authData', made.value.authData]]));
  return ok(registrationJson(authData.credentialId, clientDataJSON, attestationObject, made.value.authData));
}

export async function signWithKey(channel: CtapChannel, options: RequestOptionsJSON, origin: string, transact: TransactOptions = {}, askPin: PinPrompt = noPin) {
  const rpId = rpIdFor(origin, options.rpId);
  if (!rpId) return fail('E_WEBAUTHN_ORIGIN');
  const clientDataJSON = clientDataJson('webauthn.get', options.challenge, origin);
  const protocol = await keyProtocol(channel);
  if (!protocol.ok) return protocol;
  if (protocol.value.kind === 'u2f') return signWithU2f(channel, { rpId, clientDataJSON, userVerification: options.userVerification === 'required', allowIds: (options.allowCredentials ?? []).map((c) => c.id) }, transact);
  const chunks = allowListChunks((options.allowCredentials ?? []).map((c) => fromB64url(c.id)), protocol.value);
  if (chunks.length === 0) return fail('E_CTAP_NO_CREDENTIALS');
  const plan = uvPlan(options.userVerification, protocol.value.options);
  if (!plan.ok) return plan;
  const clientDataHash = sha256(clientDataJSON);
  let chunkUsed: readonly Uint8Array[] = [];
  const signed = await verified(
    plan.value,
    async (pinAuth) => {
      let result: Awaited<ReturnType<typeof getAssertion>> = fail('E_CTAP_NO_CREDENTIALS');
      for (const chunk of chunks) {
        chunkUsed = chunk;
        result = await getAssertion(channel, { rpId, clientDataHash, allowIds: chunk, uvOption: plan.value === 'builtin', pinAuth }, transact);
        if (result.ok || result.error.code !== 'E_CTAP_NO_CREDENTIALS') return result;
      }
      return result;
    },
    channel,
    askPin,
    protocol.value,
    { permissions: PERMISSION.getAssertion, rpId, clientDataHash },
  );
  if (!signed.ok) return signed;
  const authData = parseAuthenticatorData(signed.value.authData);
  if (!authData || b64url(authData.rpIdHash) !== b64url(sha256(rpId))) return fail('E_CTAP_BAD_RESPONSE', { cause: 'rpIdHash' });
  // CTAP 2.1 §6.2.2: the key may omit the credential when the allow list had exactly one.
  const credentialId = signed.value.credential ?? (chunkUsed.length === 1 ? chunkUsed[0] : undefined);
  if (!credentialId) return fail('E_CTAP_BAD_RESPONSE', { cause: 'no credential id' });
  return ok(assertionJson(credentialId, clientDataJSON, signed.value.authData, signed.value.signature));
}

export type RegistrationFromKey = Extract<Awaited<ReturnType<typeof registerWithKey>>, { ok: true }>['value'];
export type AssertionFromKey = Extract<Awaited<ReturnType<typeof signWithKey>>, { ok: true }>['value'];
export type { Result };
