/**
 * When a key wants its PIN (CTAP2_ERR_PUAT_REQUIRED, or user verification required and the key has a PIN),
 * ask the technician through the app's own dialog (Electron has none on macOS/Linux, yubikey-hid.md §0),
 * get a PIN/UV auth token and retry. Wrong PIN: ask again with the retries left; blocked: stop and say so.
 * The PIN only passes through here; it is never stored or logged.
 */
import { fail, ok, type Result } from '../core/result.ts';
import type { CtapChannel } from './hid/ctaphid-channel.ts';
import { pinRetries, pinToken } from './ctap2/client-pin.ts';
import { getInfo } from './ctap2/commands.ts';
import { authenticate, type PinProtocol } from './ctap2/pin-protocol.ts';

export interface PinPrompt {
  /** Resolves the PIN typed, or null when the technician cancels. */
  (request: { readonly retries: number; readonly wrong: boolean }): Promise<string | null>;
}

export type PinAuth = { readonly param: Uint8Array; readonly protocol: number };

/** The pinUvAuthParam for `clientDataHash`, after asking for the PIN (at most while retries last). */
export async function pinAuthFor(channel: CtapChannel, askPin: PinPrompt, permissions: number, rpId: string, clientDataHash: Uint8Array): Promise<Result<PinAuth>> {
  const info = await getInfo(channel);
  if (!info.ok) return info;
  if (info.value.options?.get('clientPin') !== true) return fail('E_CTAP_PIN_NOT_SET');
  const protocol: PinProtocol = info.value.pinProtocols?.includes(2) ? 2 : 1;
  let wrong = false;
  for (;;) {
    const retries = await pinRetries(channel, protocol);
    if (!retries.ok) return retries;
    if (retries.value === 0) return fail('E_CTAP_PIN_BLOCKED');
    const pin = await askPin({ retries: retries.value, wrong });
    if (pin === null) return fail('E_HID_CANCELLED');
    const token = await pinToken(channel, protocol, pin, permissions, rpId);
    if (token.ok) return ok({ param: authenticate(protocol, token.value, clientDataHash), protocol });
    if (token.error.code !== 'E_CTAP_PIN_INVALID') return token;
    wrong = true;
  }
}
