/**
 * The YubiKey façade main composes: find the Yubico FIDO interfaces, open them only for the ceremony (never
 * kept open: other apps and Chromium share the key, yubikey-hid.md §10.3 risk 8), let the technician pick
 * one by touch when several are plugged in (for a sign-in, only those enrolled for the account), run the
 * WebAuthn ceremony with the org origin pinned, and say "touch your key" while the key waits.
 */
import type { RandomBytes } from '../core/random.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { openChannel, type CtapChannel } from './hid/ctaphid-channel.ts';
import { selectByTouch } from './key-selection.ts';
import { keyHoldsCredential, type KeyHolds } from './key-probe.ts';
import { fromB64url, rpIdFor } from './client-data.ts';
import type { HidDevice } from './hid/hid-port.ts';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID } from './list-keys.ts';
import { modelName } from './key-models.ts';
import { registerWithKey, signWithKey, type CreationOptionsJSON, type RequestOptionsJSON } from './webauthn-ceremony.ts';
import type { PinPrompt } from './pin-flow.ts';

export interface HidDeviceInfo {
  readonly path?: string | undefined;
  readonly vendorId: number;
  readonly productId: number;
  readonly usagePage?: number | undefined;
  readonly product?: string | undefined;
}

/** A prompt while a key waits: the model to touch, or how many keys are plugged when the technician must choose. */
export type TouchPrompt = { readonly model: string; readonly choosing?: number };

export interface YubikeyServiceDeps {
  readonly enumerate: () => Promise<readonly HidDeviceInfo[]>;
  readonly open: (path: string) => Promise<HidDevice>;
  readonly random: RandomBytes;
  /** The key is waiting for a touch: the screen says so, with the model ("touch your YubiKey 5"). */
  readonly onTouch: (prompt: TouchPrompt) => void;
  /** The key wants its PIN: the app's own dialog asks (Electron shows none on macOS/Linux). */
  readonly askPin?: PinPrompt;
}

/** More would be a hub of keys, not a technician's desk; the first ones found are offered. */
const MAX_KEYS = 4;
const CEREMONY_MS = 60_000;

type Plugged = { readonly channel: CtapChannel; readonly model: string };

export function createYubikeyService(deps: YubikeyServiceDeps) {
  /** Opens every Yubico FIDO interface; each one that answers CTAPHID_INIT gets a channel. */
  async function openKeys(keys: readonly HidDeviceInfo[], opened: HidDevice[]): Promise<Result<Plugged[]>> {
    const plugged: Plugged[] = [];
    let problem: Result<never> = fail('E_HID_NO_DEVICE');
    for (const key of keys) {
      let device: HidDevice;
      try {
        device = await deps.open(key.path ?? '');
      } catch (error) {
        // hidraw not readable (no udev rule, not the seated user) or Windows without admin rights.
        problem = fail('E_HID_ACCESS_DENIED', { cause: error });
        continue;
      }
      opened.push(device);
      const channel = await openChannel(device, deps.random);
      if (channel.ok) plugged.push({ channel: channel.value, model: modelName(key.productId, key.product) });
      else problem = channel;
    }
    return plugged.length > 0 ? ok(plugged) : problem;
  }

  /** The keys worth offering: those that said they hold the credential, else those that could not tell. */
  async function narrowed(plugged: Plugged[], holds: (channel: CtapChannel) => Promise<KeyHolds>): Promise<Result<Plugged[]>> {
    const answers = await Promise.all(plugged.map((key) => holds(key.channel)));
    const yes = plugged.filter((_, i) => answers[i] === 'yes');
    const unknown = plugged.filter((_, i) => answers[i] === 'unknown');
    if (yes.length > 0) return ok(yes);
    return unknown.length > 0 ? ok(unknown) : fail('E_CTAP_NO_CREDENTIALS');
  }

  /** Opens the keys, keeps those `holds` allows, lets the technician pick one by touch when several remain, runs `run` on it. */
  async function withKey<T>(run: (channel: CtapChannel, model: string) => Promise<Result<T>>, holds?: (channel: CtapChannel) => Promise<KeyHolds>): Promise<Result<T>> {
    const keys = (await deps.enumerate().catch(() => [])).filter((d) => d.vendorId === YUBICO_VENDOR_ID && d.usagePage === FIDO_USAGE_PAGE && d.path).slice(0, MAX_KEYS);
    if (keys.length === 0) return fail('E_HID_NO_DEVICE');
    const opened: HidDevice[] = [];
    try {
      const plugged = await openKeys(keys, opened);
      if (!plugged.ok) return plugged;
      const candidates = plugged.value.length > 1 && holds ? await narrowed(plugged.value, holds) : plugged;
      if (!candidates.ok) return candidates;
      const [first] = candidates.value;
      if (!first) return fail('E_HID_NO_DEVICE');
      let chosen = first;
      if (candidates.value.length > 1) {
        const picked = await selectByTouch(
          candidates.value.map((key) => key.channel),
          { timeoutMs: CEREMONY_MS, onKeepalive: () => deps.onTouch({ model: first.model, choosing: candidates.value.length }) },
        );
        if (!picked.ok) return picked;
        chosen = candidates.value[picked.value] ?? first;
      }
      return await run(chosen.channel, chosen.model);
    } finally {
      await Promise.all(opened.map((device) => device.close().catch(() => undefined)));
    }
  }

  const transact = (model: string) => ({ timeoutMs: CEREMONY_MS, onKeepalive: (status: string) => status === 'touch' && deps.onTouch({ model }) });

  return {
    register: (options: CreationOptionsJSON, origin: string) => withKey((channel, model) => registerWithKey(channel, options, origin, transact(model), deps.askPin)),
    sign: (options: RequestOptionsJSON, origin: string) => {
      const rpId = rpIdFor(origin, options.rpId);
      const allowIds = (options.allowCredentials ?? []).map((c) => fromB64url(c.id));
      // Without a valid RP ID signWithKey refuses anyway; no key is probed for a foreign one.
      const holds = rpId ? (channel: CtapChannel) => keyHoldsCredential(channel, rpId, allowIds) : undefined;
      return withKey((channel, model) => signWithKey(channel, options, origin, transact(model), deps.askPin), holds);
    },
  };
}

export type YubikeyService = ReturnType<typeof createYubikeyService>;
