import { expect } from '@playwright/test';
import { test } from './workstation.ts';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expectAccessible, snap } from './fixtures.ts';
import { expectScreen, signIn } from './flows.ts';

test('a broken policy file stops the app on a screen naming the file and the field', async ({ workstation }) => {
  const { page, stack } = await workstation('{"orgURL":"https://fcawitech.okta.com"}');
  await expectScreen(page, 'E-90');
  await expect(page.getByText(/policy\.json/)).toBeVisible();
  await expect(page.getByText(/orgURL/)).toBeVisible();
  await snap(page, 'E-90-policy-error');
  await expectAccessible(page);
  // Nothing signs in meanwhile, whatever the page tries.
  expect(await stack.app.handlers['auth.signIn']({ username: 'a@garage.test', password: 'x' })).toMatchObject({ ok: false, error: { code: 'E_POLICY_INVALID' } });
});

test('the policy’s factor list trims enrollment and a locked language hides the switch', async ({ workstation }) => {
  const { page, stack } = await workstation('{"allowedFactors":["totp-google","webauthn"],"language":"en","lockedSettings":["language"],"supportPhone":"1-800-555-0199"}');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Français' })).toBeHidden();
  const login = uniqueLogin('policy');
  await createActiveUser(stack.org, login, 'Garage-Shop-2026', 'en');
  await signIn(page, 'en', login, 'Garage-Shop-2026');
  await expectScreen(page, 'E-10');
  await expect(page.getByRole('button', { name: `${text('en', 'enroll.setup')} — ${text('en', 'factor.totp-google')}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `${text('en', 'enroll.setup')} — ${text('en', 'factor.push-okta')}` })).toHaveCount(0);
  expect(await stack.app.handlers['auth.enroll']({ kind: 'push-okta' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_FACTOR_NOT_ALLOWED' } });
  await page.getByRole('button', { name: text('en', 'enroll.cancelSignIn') }).click();
  await page.getByRole('button', { name: text('en', 'signIn.needHelp') }).click();
  await expect(page.getByText(text('en', 'help.callSupport', { phone: '1-800-555-0199' }))).toBeVisible();
});
