/**
 * Which YubiKeys this computer sees (Yubico vendor id 0x1050, yubikey-hid.md §2), for the installer's
 * self-test and support diagnostics. Enumeration only: no device is opened.
 */
import HID from 'node-hid';

export const YUBICO_VENDOR_ID = 0x1050;
/** FIDO HID usage page (CTAP 2.1 §11.2.8.1). */
export const FIDO_USAGE_PAGE = 0xf1d0;

export interface VisibleKey {
  readonly product: string;
  readonly fido: boolean;
}

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
