import { describe, expect, it } from 'vitest';
import { modelName } from '../../../../main/yubikey/key-models.ts';
import { parseYubikeyOtp } from '../../../../main/yubikey/otp-shape.ts';
import { chooseCeremonyPath } from '../../../../main/yubikey/path-choice.ts';

describe('YubiKey OTP as typed', () => {
  it('reads the public id of a Yubico test-vector OTP, whatever the case', () => {
    expect(parseYubikeyOtp(' CCCCCCJLKGJLDVGTIBLFKBGTURECFLLBERRVKINNCTNN ')).toEqual({ ok: true, value: { otp: 'ccccccjlkgjldvgtiblfkbgturecfllberrvkinnctnn', publicId: 'ccccccjlkgjl' } });
  });

  it.each(['123456', 'ccccccjlkgjldvgtiblfkbgturecfllberrvkinnctn', 'ccccccjlkgjldvgtiblfkbgturecfllberrvkinnctnq', 'qwerty'])('refuses %s', (typed) => {
    expect(parseYubikeyOtp(typed)).toMatchObject({ ok: false, error: { code: 'E_YUBIKEY_OTP_SHAPE' } });
  });
});

describe('ceremony path', () => {
  it.each([
    [{ electron: false, platform: 'linux' as const, isAdmin: false }, 'renderer', 'browser-preview'],
    [{ electron: true, platform: 'win32' as const, isAdmin: false }, 'os-webauthn', 'windows-hid-needs-admin'],
    [{ electron: true, platform: 'win32' as const, isAdmin: true }, 'native-hid', 'windows-admin'],
    [{ electron: true, platform: 'darwin' as const, isAdmin: false }, 'native-hid', 'hid-available'],
    [{ electron: true, platform: 'linux' as const, isAdmin: false }, 'native-hid', 'hid-available'],
  ])('%o → %s (%s)', (host, path, reason) => {
    expect(chooseCeremonyPath(host)).toEqual({ path, reason });
  });
});

describe('key models', () => {
  it('names the key from its product id', () => {
    expect(modelName(0x0407)).toBe('YubiKey 5');
    expect(modelName(0x0120)).toBe('Security Key by Yubico');
    expect(modelName(0x9999, 'YubiKey Bio')).toBe('YubiKey Bio');
  });
});
