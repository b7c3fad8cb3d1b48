/**
 * Plug and unplug of Yubico keys, reported as events ("YubiKey 5 connected"). Polls the (cheap) HID
 * enumeration every two seconds while the app is open, diffing by device path; no device is opened. The
 * models plugged in now are kept for screens that name the key.
 */
import type { HidDeviceInfo } from './yubikey-service.ts';
import { YUBICO_VENDOR_ID } from './list-keys.ts';
import { modelName } from './key-models.ts';

export type KeyChange = { readonly connected: boolean; readonly model: string };

export interface WatcherDeps {
  readonly enumerate: () => Promise<readonly HidDeviceInfo[]>;
  readonly onChange: (change: KeyChange) => void;
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
  readonly intervalMs?: number;
}

export function watchYubikeys(deps: WatcherDeps): { poll: () => Promise<void>; stop: () => void; models: () => string[] } {
  let known = new Map<string, string>();
  let first = true;
  async function poll() {
    const devices = await deps.enumerate().catch(() => undefined);
    if (!devices) return;
    const now = new Map<string, string>();
    // One key shows several interfaces (OTP keyboard, FIDO, CCID): keep one entry per key, by serial or path.
    for (const device of devices.filter((d) => d.vendorId === YUBICO_VENDOR_ID && d.path)) {
      const id = `${device.productId}:${(device.path ?? '').replace(/:\d+\.\d+$/, '')}`;
      if (!now.has(id)) now.set(id, modelName(device.productId, device.product));
    }
    if (!first) {
      for (const [id, model] of now) if (!known.has(id)) deps.onChange({ connected: true, model });
      for (const [id, model] of known) if (!now.has(id)) deps.onChange({ connected: false, model });
    }
    first = false;
    known = now;
  }
  void poll();
  const handle = deps.setInterval(() => void poll(), deps.intervalMs ?? 2000);
  // What is plugged in now, so a screen can name the key ("touch the gold disc of your YubiKey 5").
  return { poll, stop: () => deps.clearInterval(handle), models: () => [...known.values()] };
}
