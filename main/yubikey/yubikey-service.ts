/**
 * The YubiKey façade main composes: find a Yubico FIDO interface, open it only for the ceremony (never
 * kept open: other apps and Chromium share the key, yubikey-hid.md §10.3 risk 8), run the WebAuthn
 * ceremony with the org origin pinned, and say "touch your key" while the key waits.
 */
import type { RandomBytes } from '../core/random.ts';
import { fail, type Result } from '../core/result.ts';
import { openChannel } from './hid/ctaphid-channel.ts';
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

export interface YubikeyServiceDeps {
  readonly enumerate: () => Promise<readonly HidDeviceInfo[]>;
  readonly open: (path: string) => Promise<HidDevice>;
  readonly random: RandomBytes;
  /** The key is waiting for a touch: the screen says so, with the model ("touch your YubiKey 5"). */
  readonly onTouch: (model: string) => void;
  /** The key wants its PIN: the app's own dialog asks (Electron shows none on macOS/Linux). */
  readonly askPin?: PinPrompt;
}

export function createYubikeyService(deps: YubikeyServiceDeps) {
  async function withKey<T>(run: (device: HidDevice, model: string) => Promise<Result<T>>): Promise<Result<T>> {
    const keys = (await deps.enumerate().catch(() => [])).filter((d) => d.vendorId === YUBICO_VENDOR_ID && d.usagePage === FIDO_USAGE_PAGE && d.path);
    const key = keys[0];
    if (!key?.path) return fail('E_HID_NO_DEVICE');
    let device: HidDevice;
    try {
      device = await deps.open(key.path);
    } catch (error) {
      // hidraw not readable (no udev rule, not the seated user) or Windows without admin rights.
      return fail('E_HID_ACCESS_DENIED', { cause: error });
    }
    try {
      return await run(device, modelName(key.productId, key.product));
    } finally {
      await device.close().catch(() => undefined);
    }
  }

  return {
    register: (options: CreationOptionsJSON, origin: string) =>
      withKey(async (device, model) => {
        const channel = await openChannel(device, deps.random);
        return channel.ok ? registerWithKey(channel.value, options, origin, { timeoutMs: 60_000, onKeepalive: (status) => status === 'touch' && deps.onTouch(model) }, deps.askPin) : channel;
      }),
    sign: (options: RequestOptionsJSON, origin: string) =>
      withKey(async (device, model) => {
        const channel = await openChannel(device, deps.random);
        return channel.ok ? signWithKey(channel.value, options, origin, { timeoutMs: 60_000, onKeepalive: (status) => status === 'touch' && deps.onTouch(model) }, deps.askPin) : channel;
      }),
  };
}

export type YubikeyService = ReturnType<typeof createYubikeyService>;
