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
import { keyProtocol, type KeyProtocol } from './key-protocol.ts';
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
type Known = Plugged & { readonly protocol: KeyProtocol };
type Holds = (channel: CtapChannel, protocol: KeyProtocol) => Promise<KeyHolds>;

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

  /** With several keys: each one's protocol, read once for the probe and the choice (the ceremony reads it afresh). */
  async function identify(plugged: readonly Plugged[]): Promise<Result<Known[]>> {
    const protocols = await Promise.all(plugged.map((key) => keyProtocol(key.channel)));
    const known = plugged.flatMap((key, i) => {
      const protocol = protocols[i];
      return protocol?.ok ? [{ ...key, protocol: protocol.value }] : [];
    });
    const failed = protocols.find((protocol) => !protocol.ok);
    return known.length > 0 || !failed ? ok(known) : failed;
  }

  /** The keys worth offering: those that said they hold the credential, else those that could not tell. */
  async function narrowed(known: Known[], holds: Holds): Promise<Result<Known[]>> {
    const answers = await Promise.all(known.map((key) => holds(key.channel, key.protocol)));
    const yes = known.filter((_, i) => answers[i] === 'yes');
    const unknown = known.filter((_, i) => answers[i] === 'unknown');
    if (yes.length > 0) return ok(yes);
    return unknown.length > 0 ? ok(unknown) : fail('E_CTAP_NO_CREDENTIALS');
  }

  /** Among several plugged keys: those `holds` allows, then the one the technician touches when several remain. */
  async function choose(plugged: readonly Plugged[], holds: Holds | undefined): Promise<Result<Plugged>> {
    const known = await identify(plugged);
    if (!known.ok) return known;
    const candidates = holds ? await narrowed(known.value, holds) : known;
    if (!candidates.ok) return candidates;
    const [first] = candidates.value;
    if (!first) return fail('E_HID_NO_DEVICE');
    if (candidates.value.length === 1) return ok(first);
    const picked = await selectByTouch(candidates.value, { timeoutMs: CEREMONY_MS, onKeepalive: () => deps.onTouch({ model: first.model, choosing: candidates.value.length }) });
    return picked.ok ? ok(candidates.value[picked.value] ?? first) : picked;
  }

  /** Opens the keys, picks one (choose) when there are several, runs `run` on it, and closes them all. */
  async function withKey<T>(run: (channel: CtapChannel, model: string) => Promise<Result<T>>, holds?: Holds): Promise<Result<T>> {
    const keys = (await deps.enumerate().catch(() => [])).filter((d) => d.vendorId === YUBICO_VENDOR_ID && d.usagePage === FIDO_USAGE_PAGE && d.path).slice(0, MAX_KEYS);
    if (keys.length === 0) return fail('E_HID_NO_DEVICE');
    const opened: HidDevice[] = [];
    try {
      const plugged = await openKeys(keys, opened);
      if (!plugged.ok) return plugged;
      const [only] = plugged.value;
      const chosen = plugged.value.length === 1 && only ? ok(only) : await choose(plugged.value, holds);
      return chosen.ok ? await run(chosen.value.channel, chosen.value.model) : chosen;
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
      const holds: Holds | undefined = rpId ? (channel, protocol) => keyHoldsCredential(channel, protocol, rpId, allowIds) : undefined;
      return withKey((channel, model) => signWithKey(channel, options, origin, transact(model), deps.askPin), holds);
    },
  };
}

export type YubikeyService = ReturnType<typeof createYubikeyService>;
