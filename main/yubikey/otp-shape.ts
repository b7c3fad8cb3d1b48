/**
 * A YubiKey OTP as the key types it (Yubico OTP: 44 modhex characters, the first 12 the key's public id;
 * developers.yubico.com/OTP/OTPs_Explained.html). Keyboards with another layout or Caps Lock change the
 * case, so it is normalised; anything else is not an OTP and never reaches the org.
 */
import { fail, ok, type Result } from '../core/result.ts';

const MODHEX = /^[cbdefghijklnrtuv]{44}$/;

export function parseYubikeyOtp(typed: string): Result<{ otp: string; publicId: string }> {
  const otp = typed.trim().toLowerCase();
  return MODHEX.test(otp) ? ok({ otp, publicId: otp.slice(0, 12) }) : fail('E_YUBIKEY_OTP_SHAPE');
}
