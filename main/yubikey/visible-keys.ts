/**
 * The YubiKeys among the HID devices an enumeration returned (Yubico vendor id), named by model: for the
 * self-test and support diagnostics. Pure, so every shell's enumeration (node-hid, the preview's USB list)
 * is read the same way.
 */
import { modelName } from './key-models.ts';
import type { HidDeviceInfo } from './yubikey-service.ts';

export const YUBICO_VENDOR_ID = 0x1050;
/** FIDO HID usage page (CTAP 2.1 §11.2.8.1). */
export const FIDO_USAGE_PAGE = 0xf1d0;

export interface VisibleKey {
  readonly product: string;
  readonly fido: boolean;
}

export function visibleYubikeys(devices: readonly HidDeviceInfo[]): VisibleKey[] {
  return devices
    .filter((device) => device.vendorId === YUBICO_VENDOR_ID)
    .map((device) => ({ product: modelName(device.productId, device.product), fido: device.usagePage === FIDO_USAGE_PAGE }));
}
