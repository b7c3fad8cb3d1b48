import type { CDPSession, Page } from '@playwright/test';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, finishSetup, finishThenSignInWithKey, openDiagnostics, signIn } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

/** Chromium's virtual authenticator plays a USB security key with a PIN, touched automatically. */
async function virtualKey(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) a YubiKey as security key: enroll, then sign in with it`, async ({ app, stack, page, engine }) => {
    const { cdp, authenticatorId } = await virtualKey(app);
    await switchLanguage(app, lang);
    const login = uniqueLogin(`key-${lang}`);
    await createActiveUser(stack.org, login, PASSWORD, lang);
    await signIn(app, lang, login, PASSWORD);
    await expectScreen(app, 'E-10');
    await app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.webauthn')}` }).click();
    await expectScreen(app, 'E-18');
    await snap(app, 'E-18-enroll-key');
    await expectAccessible(app);
    await expect(app.getByText(text(lang, 'progress.step', { method: text(lang, 'progress.securityKey'), step: '1', total: '3' }))).toBeVisible();
    await app.getByRole('button', { name: text(lang, 'key.register') }).click();
    await expectScreen(app, 'E-14');
    await snap(app, 'E-14c-security-key-set-up');
    await finishSetup(app, lang, '3/3');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await finishThenSignInWithKey(app, lang, login, PASSWORD);
    const handOff = await openDiagnostics(app, lang, stack.opened, engine);
    await page.goto(handOff);
    await expect(page.getByText(login)).toBeVisible();
    // The org checked the signature and recorded the key's counter (RP ID localhost, origin of the page).
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(0);
  });
}

test('a key pulled out while the app waits for the touch: cancel gives a clear message, and the retry works', async ({ app, stack }) => {
  const { cdp, authenticatorId } = await virtualKey(app);
  const login = uniqueLogin('unplug');
  await createActiveUser(stack.org, login, PASSWORD);
  await signIn(app, 'fr', login, PASSWORD);
  await app.getByRole('button', { name: `${text('fr', 'enroll.setup')} — ${text('fr', 'factor.webauthn')}` }).click();
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  await app.getByRole('button', { name: text('fr', 'key.register') }).click();
  await expect(app.getByText(text('fr', 'key.touchNow'))).toBeVisible();
  await app.getByRole('button', { name: text('fr', 'common.cancel'), exact: true }).click();
  await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_CTAP_NOT_ALLOWED');
  await expect(app.getByRole('button', { name: text('fr', 'key.retry') })).toBeVisible();
  const again = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  expect(again.authenticatorId).toBeTruthy();
  await app.getByRole('button', { name: text('fr', 'key.retry') }).click();
  await finishSetup(app, 'fr', '3/3');
});
