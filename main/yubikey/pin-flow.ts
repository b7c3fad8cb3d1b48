/**
 * When a key wants its PIN (uv-plan.ts says so, or the key answers PUAT_REQUIRED), ask the technician through
 * the app's own dialog (Electron has none on macOS/Linux, yubikey-hid.md §0), get a PIN/UV auth token and
 * let the ceremony send its request with it. Wrong PIN: ask again with the retries left; blocked: stop and
 * say so. A key with no PIN yet, where the org requires one: the technician creates it (setPIN), and that
 * same PIN gets the token, so it is typed once. The PIN only passes through here; it is never stored or logged.
 */
import { fail, ok, type Result } from '../core/result.ts';
import type { CtapChannel } from './hid/ctaphid-channel.ts';
import { pinRetries, pinToken, setPin } from './ctap2/client-pin.ts';
import { checkNewPin } from './ctap2/new-pin.ts';
import { authenticate, type PinProtocol } from './ctap2/pin-protocol.ts';

export type PinRequest =
  /** The key's PIN: the retries left, and whether the last one was wrong. */
  | { readonly mode: 'enter'; readonly retries: number; readonly wrong: boolean }
  /** A new PIN for a key that has none: its shortest length, and whether the last one was refused. */
  | { readonly mode: 'create'; readonly minLength: number; readonly rejected: boolean };

export interface PinPrompt {
  /** Resolves the PIN typed, or null when the technician cancels. */
  (request: PinRequest): Promise<string | null>;
}

export type PinAuth = { readonly param: Uint8Array; readonly protocol: number };

/** What pin-flow needs of the key, from its getInfo (key-protocol.ts). */
export interface PinKey {
  readonly options: ReadonlyMap<string, boolean>;
  readonly pinProtocol: PinProtocol;
  readonly minPinLength: number;
}

export interface PinPurpose {
  readonly permissions: number;
  readonly rpId: string;
  readonly clientDataHash: Uint8Array;
}

async function authFor(channel: CtapChannel, protocol: PinProtocol, pin: string, purpose: PinPurpose): Promise<Result<PinAuth>> {
  const token = await pinToken(channel, protocol, pin, purpose.permissions, purpose.rpId);
  return token.ok ? ok({ param: authenticate(protocol, token.value, purpose.clientDataHash), protocol }) : token;
}

/** The pinUvAuthParam for the purpose's clientDataHash, after asking for the PIN (at most while retries last). */
export async function pinAuthFor(channel: CtapChannel, askPin: PinPrompt, key: PinKey, purpose: PinPurpose): Promise<Result<PinAuth>> {
  if (key.options.get('clientPin') !== true) return fail('E_CTAP_PIN_NOT_SET');
  let wrong = false;
  for (;;) {
    const retries = await pinRetries(channel, key.pinProtocol);
    if (!retries.ok) return retries;
    if (retries.value === 0) return fail('E_CTAP_PIN_BLOCKED');
    const pin = await askPin({ mode: 'enter', retries: retries.value, wrong });
    if (pin === null) return fail('E_HID_CANCELLED');
    const auth = await authFor(channel, key.pinProtocol, pin.normalize('NFC'), purpose);
    if (auth.ok || auth.error.code !== 'E_CTAP_PIN_INVALID') return auth;
    wrong = true;
  }
}

/** The technician creates the key's first PIN; then the token as with pinAuthFor, from that same PIN. */
export async function createPinThenAuth(channel: CtapChannel, askPin: PinPrompt, key: PinKey, purpose: PinPurpose): Promise<Result<PinAuth>> {
  let rejected = false;
  for (;;) {
    const typed = await askPin({ mode: 'create', minLength: key.minPinLength, rejected });
    if (typed === null) return fail('E_HID_CANCELLED');
    const pin = checkNewPin(typed, key.minPinLength);
    // The key has the last word on its policy (some ask for more than the length); either way, ask again.
    const set = pin.ok ? await setPin(channel, key.pinProtocol, pin.value) : pin;
    if (set.ok && pin.ok) return authFor(channel, key.pinProtocol, pin.value, purpose);
    if (!set.ok && set.error.code !== 'E_CTAP_PIN_POLICY') return set;
    rejected = true;
  }
}
