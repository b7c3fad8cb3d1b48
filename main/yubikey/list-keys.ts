/**
 * Which YubiKeys this computer sees (Yubico vendor id 0x1050, yubikey-hid.md §2), for the installer's
 * self-test and support diagnostics. Enumeration only: no device is opened.
 */
import HID from 'node-hid';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID, type VisibleKey } from './visible-keys.ts';

export { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID, type VisibleKey };

/** Every HID device, as the YubiKey service filters them (enumeration only). */
export async function listHidDevices(): Promise<Array<{ path?: string | undefined; vendorId: number; productId: number; usagePage?: number | undefined; product?: string | undefined }>> {
  return HID.devicesAsync();
}

export async function listYubiKeys(): Promise<VisibleKey[]> {
  const devices = await HID.devicesAsync();
  return devices
    .filter((device) => device.vendorId === YUBICO_VENDOR_ID)
    .map((device) => ({ product: device.product ?? `YubiKey 0x${device.productId.toString(16)}`, fido: device.usagePage === FIDO_USAGE_PAGE }));
}
