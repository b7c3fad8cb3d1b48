import { describe, expect, it } from 'vitest';
import { watchYubikeys, type KeyChange } from '../../../../main/yubikey/device-watcher.ts';
import type { HidDeviceInfo } from '../../../../main/yubikey/yubikey-service.ts';

const FIDO: HidDeviceInfo = { path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, usagePage: 0xf1d0 };
const OTP_OF_SAME_KEY: HidDeviceInfo = { path: '/dev/hidraw3', vendorId: 0x1050, productId: 0x0407, usagePage: 0x01 };
const MOUSE: HidDeviceInfo = { path: '/dev/hidraw1', vendorId: 0x046d, productId: 0xc077 };

describe('YubiKey plug and unplug', () => {
  it('reports a key plugged in and pulled out, once per key, ignoring other devices', async () => {
    let devices: HidDeviceInfo[] = [MOUSE];
    const changes: KeyChange[] = [];
    const watcher = watchYubikeys({ enumerate: async () => devices, onChange: (c) => changes.push(c), setInterval: () => 0, clearInterval: () => undefined });
    await watcher.poll();
    expect(watcher.models()).toEqual([]);
    devices = [MOUSE, FIDO, OTP_OF_SAME_KEY];
    await watcher.poll();
    expect(watcher.models()).toEqual(['YubiKey 5']);
    devices = [MOUSE];
    await watcher.poll();
    expect(watcher.models()).toEqual([]);
    expect(changes).toEqual([
      { connected: true, model: 'YubiKey 5' },
      { connected: false, model: 'YubiKey 5' },
    ]);
  });

  it('says nothing about keys already there when the app starts, and survives an enumeration failure', async () => {
    const changes: KeyChange[] = [];
    let fail = false;
    const watcher = watchYubikeys({ enumerate: async () => (fail ? Promise.reject(new Error('udev')) : [FIDO]), onChange: (c) => changes.push(c), setInterval: () => 0, clearInterval: () => undefined });
    await watcher.poll();
    fail = true;
    await watcher.poll();
    expect(changes).toEqual([]);
    // A key there from the start is still named on screen, and a failed enumeration forgets nothing.
    expect(watcher.models()).toEqual(['YubiKey 5']);
  });
});
