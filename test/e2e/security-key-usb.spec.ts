import type { Page } from '@playwright/test';
import { startStack, type Stack } from '../support/bootstrap.ts';
import { createFakeHidDevice } from '../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../support/fakes/soft-ctap2-authenticator.ts';
import { createSoftU2fAuthenticator } from '../support/fakes/soft-u2f-authenticator.ts';
import type { OrgPolicy } from '../../main/local-org/org-context.ts';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test as base } from './fixtures.ts';
import { expectScreen, finishSetup, finishThenSignInWithKey, registerSecurityKey, signIn } from './flows.ts';

/**
 * The packaged app's path: main runs WebAuthn over USB (CTAPHID → CTAP2) with the org origin pinned.
 * The "key" is the software CTAP2 authenticator behind node-hid's interface, waiting for touches.
 */
type FakeKey = ReturnType<typeof createFakeHidDevice>;

const test = base.extend<{ pin: string | undefined; u2fOnly: boolean; waitForTouch: boolean; orgPolicy: Partial<OrgPolicy>; usb: { stack: Stack; page: Page; key: FakeKey } }>({
  pin: [undefined, { option: true }],
  u2fOnly: [false, { option: true }],
  // true: the key holds each request until the test touches it, as a technician would.
  waitForTouch: [false, { option: true }],
  orgPolicy: [{}, { option: true }],
  usb: async ({ page, pin, u2fOnly, waitForTouch, orgPolicy, engine }, use) => {
    const authenticator = u2fOnly ? await createSoftU2fAuthenticator() : createSoftAuthenticator(pin === undefined ? {} : { pin });
    const key = createFakeHidDevice(authenticator, waitForTouch ? { waitForTouch } : { touchKeepalives: 3 });
    const stack = await startStack({ hidKeys: [key.device], orgPolicy, engine });
    await page.goto(stack.bridge.url);
    await use({ stack, page, key });
    await stack.close();
  },
});


/** A new technician signs in (in `lang`) and starts registering a security key: E-18, then "Register my key". */
async function startKeyEnrollment(page: Page, stack: Stack, lang: 'fr' | 'en', name: string): Promise<string> {
  const login = uniqueLogin(name);
  await createActiveUser(stack.org, login, 'Garage-Shop-2026');
  if (lang === 'en') await switchLanguage(page, 'en');
  await signIn(page, lang, login, 'Garage-Shop-2026');
  await page.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.webauthn')}` }).click();
  await expectScreen(page, 'E-18');
  await page.getByRole('button', { name: text(lang, 'key.register') }).click();
  return login;
}

/** The technician touches the key once it blinks, the screen saying which key to touch; `idle` keys are not asked. */
async function touch(page: Page, key: FakeKey, lang: 'fr' | 'en' = 'fr', idle: readonly FakeKey[] = []) {
  await expect(page.getByRole('status')).toHaveText(text(lang, 'key.touchModel', { model: 'YubiKey 5' }));
  await expect.poll(() => key.waiting()).toBe(true);
  expect(idle.map((other) => other.waiting())).toEqual(idle.map(() => false));
  key.touch();
}

test.describe('a new YubiKey that waits for the technician’s touch', () => {
  test.use({ waitForTouch: true });

  test('enroll (creating its PIN), then sign in; a key pulled out while it waits for the touch can be retried', async ({ usb }) => {
    const { stack, page, key } = usb;
    const login = await startKeyEnrollment(page, stack, 'fr', 'usbkey');
    // A new key has no PIN and this org requires user verification: the technician creates one.
    await createPin(page, 'fr', '2468');
    await expect(page.getByRole('status')).toHaveText(text('fr', 'key.touchModel', { model: 'YubiKey 5' }));
    await snap(page, 'E-18g-touch-key');
    await touch(page, key);
    await finishSetup(page, 'fr', '3/3');
    await page.getByRole('button', { name: text('fr', 'enroll.finish') }).click();
    await expectScreen(page, 'E-20');
    await page.getByRole('button', { name: text('fr', 'success.signOut') }).click();

    await signIn(page, 'fr', login, 'Garage-Shop-2026');
    await expectScreen(page, 'E-16');
    await page.getByRole('button', { name: text('fr', 'key.use') }).click();
    await enterPin(page, 'fr', '2468');
    await expect.poll(() => key.waiting()).toBe(true);
    key.unplug();
    await expect(page.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_HID_DISCONNECTED');
    await expect(page.getByText(text('fr', 'error.E_HID_DISCONNECTED'))).toBeVisible();
    await snap(page, 'E-16c-key-removed');
    key.plugBackIn();
    await page.getByRole('button', { name: text('fr', 'key.use') }).click();
    await enterPin(page, 'fr', '2468');
    await touch(page, key);
    await expectScreen(page, 'E-20');
  });
});

/** The PIN dialog in its "create" form: the new PIN typed twice. */
async function createPin(page: Page, lang: 'fr' | 'en', pin: string, again = pin) {
  const dialog = page.getByRole('dialog', { name: text(lang, 'pin.create.title') });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(text(lang, 'pin.create.label'), { exact: true }).fill(pin);
  await dialog.getByLabel(text(lang, 'pin.create.again'), { exact: true }).fill(again);
  await dialog.getByRole('button', { name: text(lang, 'pin.create.ok') }).click();
}

async function enterPin(page: Page, lang: 'fr' | 'en', pin: string) {
  const dialog = page.getByRole('dialog', { name: text(lang, 'pin.title') });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(text(lang, 'pin.label')).fill(pin);
  await dialog.getByRole('button', { name: text(lang, 'pin.ok') }).click();
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) a new key without a PIN, where the org requires one: the app has the technician create it, and checks it first`, async ({ usb }) => {
    // A long flow (setup, its last step, sign-out, sign-in) on a shared, loaded machine.
    test.slow();
    const { stack, page } = usb;
    const login = await startKeyEnrollment(page, stack, lang, `newpin-${lang}`);
    const dialog = page.getByRole('dialog', { name: text(lang, 'pin.create.title') });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(text(lang, 'pin.create.rules', { min: 4 }))).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'E-18e-create-pin');
    await createPin(page, lang, '2468', '2486');
    await expect(dialog.getByRole('alert')).toHaveText(text(lang, 'pin.create.mismatch'));
    await snap(page, 'E-18f-create-pin-mismatch');
    await createPin(page, lang, '2468');
    await finishSetup(page, lang, '3/3');
    await finishThenSignInWithKey(page, lang, login, 'Garage-Shop-2026');
    await enterPin(page, lang, '2468');
    await expectScreen(page, 'E-20');
  });
}

test.describe('a key with a PIN', () => {
  test.use({ pin: '2468' });

  test('the app asks for the PIN in its own dialog, says when it is wrong and how many tries are left', async ({ usb }) => {
    const { stack, page } = usb;
    await startKeyEnrollment(page, stack, 'fr', 'pinkey');
    const dialog = page.getByRole('dialog', { name: text('fr', 'pin.title') });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-pin-retries]')).toHaveAttribute('data-pin-retries', '8');
    await snap(page, 'E-18b-pin-dialog');
    await dialog.getByLabel(text('fr', 'pin.label')).fill('1111');
    await dialog.getByRole('button', { name: text('fr', 'pin.ok') }).click();
    await expect(dialog.getByText(text('fr', 'pin.wrong'))).toBeVisible();
    await expect(dialog.locator('[data-pin-retries]')).toHaveAttribute('data-pin-retries', '7');
    await dialog.getByLabel(text('fr', 'pin.label')).fill('2468');
    await dialog.getByRole('button', { name: text('fr', 'pin.ok') }).click();
    await finishSetup(page, 'fr', '3/3');
  });
});

test.describe('an old U2F-only key (no CTAP2): main falls back to U2F messages', () => {
  test.use({ u2fOnly: true });

  test('where the org requires user verification, the technician is told why this key cannot be used', async ({ usb }) => {
    const { stack, page } = usb;
    await startKeyEnrollment(page, stack, 'en', 'u2fstrict');
    await expect(page.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_CTAP_U2F_CANNOT_VERIFY');
    await expect(page.getByText(text('en', 'error.E_CTAP_U2F_CANNOT_VERIFY'))).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'E-18c-u2f-key-cannot-verify');
  });

  test.describe('with Okta’s default user verification (discouraged)', () => {
    test.use({ orgPolicy: { webauthnUserVerification: 'discouraged' } });

    test('enrolls the key with fido-u2f attestation and signs in with it', async ({ usb }) => {
      const { stack, page } = usb;
      const login = uniqueLogin('u2fkey');
      await createActiveUser(stack.org, login, 'Garage-Shop-2026');
      await signIn(page, 'fr', login, 'Garage-Shop-2026');
      await registerSecurityKey(page, 'fr');
      await finishThenSignInWithKey(page, 'fr', login, 'Garage-Shop-2026');
      await expectScreen(page, 'E-20');
    });
  });
});

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) two keys plugged in: the technician touches the one to enroll; at sign-in only that key is asked`, async ({ page, engine }) => {
    // A long flow (setup, its last step, sign-out, sign-in) on a shared, loaded machine.
    test.slow();
    const mine = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    const colleagues = createFakeHidDevice(createSoftAuthenticator(), { waitForTouch: true });
    // Okta's default user verification ("discouraged"): a touch is all these PIN-less keys are asked.
    const stack = await startStack({ hidKeys: [colleagues.device, mine.device], orgPolicy: { webauthnUserVerification: 'discouraged' }, engine });
    try {
      await page.goto(stack.bridge.url);
      const login = await startKeyEnrollment(page, stack, lang, `twokeys-${lang}`);
      await expect(page.getByRole('status')).toHaveText(text(lang, 'key.touchToChoose', { count: 2 }));
      await expect.poll(() => [mine.waiting(), colleagues.waiting()]).toEqual([true, true]);
      await expectAccessible(page);
      await snap(page, 'E-18d-choose-key');
      mine.touch();
      // The chosen key now waits for the enrollment touch; the other one was let go.
      await touch(page, mine, lang, [colleagues]);
      await finishSetup(page, lang, '3/3');

      await finishThenSignInWithKey(page, lang, login, 'Garage-Shop-2026');
      await touch(page, mine, lang, [colleagues]);
      await expectScreen(page, 'E-20');
    } finally {
      await stack.close();
    }
  });
}
