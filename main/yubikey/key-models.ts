/**
 * Yubico product ids → a name a technician recognises ("YubiKey 5 NFC connected"). The product id says
 * which USB interfaces are on (yubikey-hid.md §2, from yubikey-manager's PID table); the exact model within
 * the YubiKey 5 family is not in the USB descriptors.
 */
const MODELS: Readonly<Record<number, string>> = {
  0x0010: 'YubiKey Standard',
  0x0110: 'YubiKey NEO',
  0x0111: 'YubiKey NEO',
  0x0113: 'YubiKey NEO',
  0x0114: 'YubiKey NEO',
  0x0115: 'YubiKey NEO',
  0x0116: 'YubiKey NEO',
  0x0120: 'Security Key by Yubico',
  0x0401: 'YubiKey 4/5',
  0x0402: 'YubiKey 4/5',
  0x0403: 'YubiKey 4/5',
  0x0404: 'YubiKey 4/5',
  0x0405: 'YubiKey 4/5',
  0x0406: 'YubiKey 4/5',
  0x0407: 'YubiKey 5',
  0x0410: 'YubiKey Plus',
};

export function modelName(productId: number, productString?: string): string {
  // The USB product string is more precise when the OS gives it ("YubiKey OTP+FIDO+CCID"), but less friendly.
  return MODELS[productId] ?? productString ?? 'YubiKey';
}
