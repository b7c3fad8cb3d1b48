/**
 * node-hid 3 (HIDAsync) behind the HidDevice port: the only node-hid importer besides enumeration.
 * Writes are 65 bytes, a 0x00 report id then the 64-byte packet, on every OS (hidapi's contract; macOS
 * strips a leading 0x00, Windows needs the full report length: yubikey-hid.md §1.3). Opened non-exclusive
 * so Chromium's own WebAuthn and other apps are not locked out (§1.4).
 */
import HID from 'node-hid';
import type { HidDevice } from './hid-port.ts';
import { REPORT_SIZE } from './hid-port.ts';

export async function openNodeHidDevice(path: string): Promise<HidDevice> {
  const device = await HID.HIDAsync.open(path, { nonExclusive: true });
  return {
    async write(report) {
      const out = Buffer.alloc(REPORT_SIZE + 1);
      out.set(report.subarray(0, REPORT_SIZE), 1);
      await device.write(out);
    },
    async read(timeoutMs) {
      // HIDAsync.read resolves an empty buffer on timeout (node-hid src/HIDAsync.cc).
      const data = await device.read(timeoutMs);
      return data && data.length > 0 ? new Uint8Array(data) : undefined;
    },
    close: () => device.close(),
  };
}
