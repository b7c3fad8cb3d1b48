import { expect } from '@playwright/test';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expectAccessible, snap } from './fixtures.ts';
import { expectScreen, signIn } from './flows.ts';
import { test } from './workstation.ts';

const PASSWORD = 'Garage-Shop-2026';

test('on a PC whose policy allows it, the app becomes the authenticator and signs in with its own code', async ({ workstation }) => {
  // Org and app on real time here: the app computes codes from its own clock.
  const { page, stack } = await workstation('{"desktopAuthenticator":true}');
  const login = uniqueLogin('desktop');
  await createActiveUser(stack.org, login, PASSWORD);
  await signIn(page, 'fr', login, PASSWORD);
  await page.getByRole('button', { name: `${text('fr', 'enroll.setup')} — ${text('fr', 'factor.totp-google')}` }).click();
  await expectScreen(page, 'E-11');
  await page.getByRole('radio', { name: new RegExp(text('fr', 'totp.phone.desktop').replace(/[()]/g, '.')) }).check();
  await snap(page, 'E-11b-desktop-authenticator');
  await page.getByRole('button', { name: text('fr', 'common.next') }).click();
  await expectScreen(page, 'E-14');
  await page.getByRole('button', { name: text('fr', 'verified.done') }).click();
  await page.getByRole('button', { name: text('fr', 'enroll.finish') }).click();
  await expectScreen(page, 'E-20');
  await page.getByRole('button', { name: text('fr', 'success.signOut') }).click();

  await signIn(page, 'fr', login, PASSWORD);
  await expectScreen(page, 'E-16');
  const shown = page.locator('[data-desktop-code] .big-number');
  await expect(shown).toHaveText(/^\d{3} \d{3}$/);
  await snap(page, 'E-16b-desktop-code');
  await expectAccessible(page);
  // The enrollment used this 30-second step's code; the app waits for the next one rather than replay it.
  await page.getByRole('button', { name: text('fr', 'desktop.use') }).click();
  await expect(page.locator('[data-screen-id="E-20"]')).toBeVisible({ timeout: 40_000 });
});

test('with the default policy the option is absent, and so is a note about it', async ({ workstation }) => {
  const { page, stack } = await workstation('{}');
  const login = uniqueLogin('shared');
  await createActiveUser(stack.org, login, PASSWORD);
  await signIn(page, 'fr', login, PASSWORD);
  await page.getByRole('button', { name: `${text('fr', 'enroll.setup')} — ${text('fr', 'factor.totp-google')}` }).click();
  await expectScreen(page, 'E-11');
  await expect(page.getByRole('radio')).toHaveCount(2);
  // Nobody sees the refused option, so nobody is told why it is refused; the reason stays for support.
  await expect(page.getByText(text('fr', 'desktop.notAllowed'))).toHaveCount(0);
  await expect(page.locator('[data-desktop-reason="E_TOTP_NOT_ALLOWED"]')).toHaveCount(1);
});
