import { admin, createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { yubicoOtp, type KeySeed } from '../support/local-org/yubikey-otp-generator.ts';
import { text } from './catalog.ts';
import { callsNow, expect, expectAccessible, expectEngineUsed, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, signIn } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) YubiKey OTP: the key types its code to enroll, then to sign in; a replayed code is refused`, async ({ app, stack, engine }) => {
    await switchLanguage(app, lang);
    // Support registers the key's seed, as Okta's YubiKey seed upload does.
    const seed: KeySeed = { publicId: lang === 'fr' ? 'vvccccfrgbbn' : 'vvccccengbbn', privateId: '0123456789ab', aesKey: '00112233445566778899aabbccddeeff' };
    await admin(stack.org, 'POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: `${lang}7001`, ...seed });
    const login = uniqueLogin(`otp-${lang}`);
    await createActiveUser(stack.org, login, PASSWORD, lang);
    const before = callsNow(stack);
    await signIn(app, lang, login, PASSWORD);
    await app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.yubikey-otp')}` }).click();
    await expectScreen(app, 'E-19');
    // The technician plugs the key in: the app says which one, and names it in the instruction.
    stack.usb.plug({ path: `otp-${lang}`, vendorId: 0x1050, productId: 0x0407, usagePage: 0x01 });
    await expect(app.locator('[data-banner="yubikey"]')).toHaveText(text(lang, 'key.connected', { model: 'YubiKey 5' }));
    await expect(app.getByText(text(lang, 'yubikey.touchDiscModel', { model: 'YubiKey 5' }))).toBeVisible();
    const field = app.getByLabel(text(lang, 'yubikey.otpLabel'));
    await expect(field).toBeFocused();
    // A key types its 44 characters and Enter, as a keyboard does.
    await app.keyboard.type('not a key code');
    await app.keyboard.press('Enter');
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_YUBIKEY_OTP_SHAPE');
    await field.fill('');
    await field.focus();
    await app.keyboard.type(yubicoOtp(seed, 1, 0));
    await expect(app.getByText(text(lang, 'key.publicId', { id: seed.publicId }))).toBeVisible();
    await expect(app.locator('[data-error-code]')).toHaveCount(0);
    await snap(app, 'E-19-yubikey-otp');
    await expectAccessible(app);
    await app.keyboard.press('Enter');
    await expectScreen(app, 'E-10');
    await app.getByRole('button', { name: text(lang, 'enroll.finish') }).click();
    await expectScreen(app, 'E-20');
    await app.getByRole('button', { name: text(lang, 'success.signOut') }).click();

    await signIn(app, lang, login, PASSWORD);
    await expectScreen(app, 'E-16');
    await expect(app.getByText(text(lang, 'yubikey.touchDiscModel', { model: 'YubiKey 5' }))).toBeVisible();
    const replayed = yubicoOtp(seed, 1, 0);
    await app.getByLabel(text(lang, 'yubikey.otpLabel')).fill(replayed);
    await app.getByRole('button', { name: text(lang, 'challenge.verify') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', /E_AUTH_INVALID_PASSCODE|E_AUTH_PASSCODE_REPLAYED/);
    await app.getByLabel(text(lang, 'yubikey.otpLabel')).fill(yubicoOtp(seed, 2, 0));
    await app.getByRole('button', { name: text(lang, 'challenge.verify') }).click();
    await expectScreen(app, 'E-20');
    stack.usb.unplug(`otp-${lang}`);
    await expect(app.locator('[data-banner="yubikey"]')).toHaveText(text(lang, 'key.disconnected', { model: 'YubiKey 5' }));
    await expectEngineUsed(stack, engine, before);
  });
}

test('an account locked after too many wrong passwords gets its own screen and a way to ask for help', async ({ app, stack }) => {
  const login = uniqueLogin('locked');
  await createActiveUser(stack.org, login, PASSWORD);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await fetch(new URL('/api/v1/authn', stack.org.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: login, password: `Wrong-${attempt}` }) });
  }
  await signIn(app, 'fr', login, PASSWORD);
  await expectScreen(app, 'E-05');
  await snap(app, 'E-05-locked-out');
  await expectAccessible(app);
  await app.getByRole('button', { name: text('fr', 'help.requestHelp') }).click();
  await expectScreen(app, 'E-30');
});
