/**
 * Whether a plugged key holds one of the credentials a sign-in allows, asked without a touch: CTAP2
 * getAssertion with "up" false (CTAP 2.1 §6.2.2), U2F check-only AUTHENTICATE (U2F Raw Message Formats §5.1).
 * With several keys plugged in, only the keys enrolled for this account are then offered, so a technician
 * whose own key sits beside another one is not asked to choose. The probe signs a zero hash: nothing it
 * returns is ever sent to the org.
 */
import type { CtapChannel, TransactOptions } from './hid/ctaphid-channel.ts';
import { sha256 } from './client-data.ts';
import { getAssertion } from './ctap2/commands.ts';
import { u2fKnowsHandle } from './ctap1/u2f-commands.ts';
import { allowListChunks } from './allow-list.ts';
import type { KeyProtocol } from './key-protocol.ts';

/** `unknown`: the key would not say (it wants its PIN even for this, or refused the option); it stays a candidate. */
export type KeyHolds = 'yes' | 'no' | 'unknown';

const PROBE_MS = 5_000;

/** `protocol`: what key-protocol.ts found for this key, read once by the caller for every key plugged in. */
export async function keyHoldsCredential(channel: CtapChannel, protocol: KeyProtocol, rpId: string, allowIds: readonly Uint8Array[], options: TransactOptions = {}): Promise<KeyHolds> {
  if (allowIds.length === 0) return 'unknown'; // discoverable credentials: any key may hold one
  const transact = { timeoutMs: PROBE_MS, ...(options.signal ? { signal: options.signal } : {}) };
  if (protocol.kind === 'u2f') {
    const appParam = sha256(rpId);
    for (const id of allowIds) {
      const known = await u2fKnowsHandle(channel, appParam, id, transact);
      if (!known.ok) return 'unknown';
      if (known.value) return 'yes';
    }
    return 'no';
  }
  for (const chunk of allowListChunks(allowIds, protocol)) {
    const probed = await getAssertion(channel, { rpId, clientDataHash: new Uint8Array(32), allowIds: chunk, uvOption: false, userPresence: false }, transact);
    if (probed.ok) return 'yes';
    if (probed.error.code !== 'E_CTAP_NO_CREDENTIALS') return 'unknown';
  }
  return 'no';
}
