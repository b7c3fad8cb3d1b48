import type { Page } from '@playwright/test';
import { startStack, type Stack } from '../support/bootstrap.ts';
import { createOsWebauthnHarness, type OsWebauthnHarness } from '../support/os-webauthn-harness.ts';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test as base } from './fixtures.ts';
import { expectScreen, finishSetup, finishThenSignInWithKey, openDiagnostics, registerSecurityKey, signIn } from './flows.ts';

/**
 * The packaged app on Windows without administrator rights: raw FIDO HID is closed, so main opens the
 * OS WebAuthn window on the org origin and Windows' own dialog drives the key. Here the window is a
 * Chromium page running the app's built os-webauthn page (test/support/os-webauthn-harness.ts) and
 * Chromium's virtual authenticator plays the key; the org verifies every signature.
 */
const PASSWORD = 'Garage-Shop-2026';

const test = base.extend<{ os: { stack: Stack; app: Page; window: OsWebauthnHarness } }>({
  os: async ({ page, context, engine }, use) => {
    const ref: { stack?: Stack } = {};
    const window = createOsWebauthnHarness(context, async () => {
      const info = await ref.stack?.app.handlers['app.info']({});
      return info?.ok ? info.value.language : 'fr';
    });
    const stack = await startStack({ osWebauthn: window.open, engine });
    ref.stack = stack;
    await page.goto(stack.bridge.url);
    await use({ stack, app: page, window });
    await stack.close();
  },
});


async function openKeyEnrollment(app: Page, lang: 'fr' | 'en', stack: Stack, login: string) {
  await switchLanguage(app, lang);
  await createActiveUser(stack.org, login, PASSWORD, lang);
  await signIn(app, lang, login, PASSWORD);
  await app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.webauthn')}` }).click();
  await expectScreen(app, 'E-18');
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) Windows without admin rights: enroll and sign in through the OS security-key window`, async ({ os, engine }) => {
    const { stack, app, window } = os;
    const { cdp, authenticatorId } = await window.authenticator();
    const login = uniqueLogin(`oskey-${lang}`);
    await switchLanguage(app, lang);
    await createActiveUser(stack.org, login, PASSWORD, lang);
    await signIn(app, lang, login, PASSWORD);
    await registerSecurityKey(app, lang);
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    await finishThenSignInWithKey(app, lang, login, PASSWORD);
    const handOff = await openDiagnostics(app, lang, stack.opened, engine);
    const browser = await app.context().newPage();
    await browser.goto(handOff);
    await expect(browser.getByText(login)).toBeVisible();
    // Main handed the window the org origin from its configuration, for one registration and one assertion.
    expect(window.opened.map((request) => [request.kind, request.origin])).toEqual([
      ['create', new URL(stack.org.url).origin],
      ['get', new URL(stack.org.url).origin],
    ]);
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]?.signCount).toBeGreaterThan(0);
  });

  test(`(${lang}) the technician cancels in the OS window: the app says so, and the retry works`, async ({ os }) => {
    // A long flow (setup, its last step, sign-out, sign-in) on a shared, loaded machine.
    test.slow();
    const { stack, app, window } = os;
    const { cdp, authenticatorId } = await window.authenticator();
    // Nobody touches the key: the ceremony waits in Windows' dialog until the technician cancels.
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: false });
    await openKeyEnrollment(app, lang, stack, uniqueLogin(`oscancel-${lang}`));
    await app.getByRole('button', { name: text(lang, 'key.register') }).click();
    await expect(app.getByText(text(lang, 'key.followOsWindow'))).toBeVisible();
    await snap(app, 'E-18d-os-window-open');
    const keyWindow = window.page();
    if (!keyWindow) throw new Error('the OS window did not open');
    await expect(keyWindow.getByText(text(lang, 'osKey.followEnroll'))).toBeVisible();
    await expect(keyWindow.locator('html')).toHaveAttribute('lang', lang);
    await expectAccessible(keyWindow);
    await snap(keyWindow, 'E-18w-os-webauthn-window');
    await keyWindow.getByRole('button', { name: text(lang, 'osKey.cancel') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_HID_CANCELLED');
    await expect(app.getByText(text(lang, 'error.E_HID_CANCELLED'))).toBeVisible();

    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
    await app.getByRole('button', { name: text(lang, 'key.retry') }).click();
    await finishSetup(app, lang, '3/3');
  });
}

test('support sees the path and its reason in the help request’s diagnostics', async ({ os }) => {
  const { app } = os;
  await switchLanguage(app, 'en');
  await app.getByRole('button', { name: text('en', 'signIn.needHelp') }).click();
  await app.getByRole('button', { name: text('en', 'help.requestHelp') }).click();
  await app.getByRole('checkbox', { name: text('en', 'request.includeDiagnostics') }).check();
  const row = app.locator('[data-key-path]');
  await expect(row).toHaveAttribute('data-key-path', 'os-webauthn');
  await expect(row).toHaveText(`${text('en', 'diag.keyPath.os-webauthn')} — ${text('en', 'diag.keyReason.windows-hid-needs-admin')}`);
});
