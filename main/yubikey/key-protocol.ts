/**
 * Which protocol a key speaks, asked once per ceremony (yubikey-hid.md §10.2 step 4; python-fido2 falls back
 * the same way): CTAP2 when the CTAPHID INIT answer has the CBOR capability and getInfo lists a FIDO_2_*
 * version, U2F (CTAP1) for older keys, which have no CBOR capability or reject authenticatorGetInfo.
 */
import { fail, ok, type Result } from '../core/result.ts';
import { getInfo } from './ctap2/commands.ts';
import type { CtapChannel } from './hid/ctaphid-channel.ts';
import type { PinProtocol } from './ctap2/pin-protocol.ts';
import { DEFAULT_MIN_PIN_LENGTH } from './ctap2/new-pin.ts';

export const CAPABILITY = { WINK: 0x01, CBOR: 0x04, NMSG: 0x08 } as const;

/** For CTAP2, the allow-list limits getInfo announced (CTAP 2.1 §6.4 keys 7 and 8); without them, one at a time is safe. */
export type KeyProtocol =
  | {
      readonly kind: 'ctap2';
      readonly maxCredentialCountInList: number;
      readonly maxCredentialIdLength: number | undefined;
      /** CTAP 2.1 keys have authenticatorSelection (§6.9), used when several keys are plugged in. */
      readonly selection: boolean;
      /** getInfo options (§6.4 key 4): clientPin (absent: no PIN; false: none set yet), uv (built-in), alwaysUv. */
      readonly options: ReadonlyMap<string, boolean>;
      /** The PIN/UV auth protocol to use: 2 when offered, else 1 (key 6). */
      readonly pinProtocol: PinProtocol;
      /** The shortest new PIN the key accepts (key 0x0D), in code points. */
      readonly minPinLength: number;
    }
  | { readonly kind: 'u2f' };

const U2F: KeyProtocol = { kind: 'u2f' };

export async function keyProtocol(channel: CtapChannel): Promise<Result<KeyProtocol>> {
  const speaksU2f = (channel.capabilities & CAPABILITY.NMSG) === 0;
  if ((channel.capabilities & CAPABILITY.CBOR) === 0) return speaksU2f ? ok(U2F) : fail('E_CTAP_UNSUPPORTED', { cause: 'neither CBOR nor MSG' });
  const info = await getInfo(channel, { timeoutMs: 5_000 });
  if (info.ok && info.value.versions.some((version) => version.startsWith('FIDO_2_'))) {
    const { versions, maxCredentialCountInList, maxCredentialIdLength, options, pinProtocols, minPinLength } = info.value;
    return ok({
      kind: 'ctap2',
      maxCredentialCountInList: maxCredentialCountInList ?? 1,
      maxCredentialIdLength,
      selection: versions.includes('FIDO_2_1') || versions.includes('FIDO_2_1_PRE'),
      options: options ?? new Map(),
      pinProtocol: pinProtocols?.includes(2) ? 2 : 1,
      minPinLength: minPinLength ?? DEFAULT_MIN_PIN_LENGTH,
    });
  }
  if (speaksU2f && (info.ok || info.error.code === 'E_CTAP_BAD_RESPONSE' || info.error.code === 'E_HID_INVALID_COMMAND')) return ok(U2F);
  return info.ok ? fail('E_CTAP_UNSUPPORTED', { cause: { versions: info.value.versions } }) : info;
}
