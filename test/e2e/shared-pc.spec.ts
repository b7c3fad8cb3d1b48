import { expect } from '@playwright/test';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expectScreen, signIn } from './flows.ts';
import { test } from './workstation.ts';

const PASSWORD = 'Garage-Shop-2026';

test('"switch technician" returns to a clean sign-in: no username, no screen of the previous person', async ({ workstation }) => {
  const { page, stack } = await workstation('{}');
  const login = uniqueLogin('shared');
  await createActiveUser(stack.org, login, PASSWORD);
  await page.getByLabel(text('fr', 'signIn.remember')).check();
  await signIn(page, 'fr', login, PASSWORD);
  await expectScreen(page, 'E-10');
  await page.getByRole('button', { name: text('fr', 'session.switch') }).click();
  await expectScreen(page, 'E-01');
  await expect(page.getByLabel(text('fr', 'signIn.username'))).toHaveValue('');
  await expect(page.getByText(login)).toHaveCount(0);
  expect(await stack.app.handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'NONE' } });
});

test('an idle technician sees a countdown and is signed out', async ({ workstation }) => {
  const { page, stack } = await workstation('{"idleSignOutMinutes":1}');
  await page.clock.install();
  await page.reload();
  const login = uniqueLogin('idle');
  await createActiveUser(stack.org, login, PASSWORD);
  await signIn(page, 'fr', login, PASSWORD);
  await expectScreen(page, 'E-10');
  await page.clock.fastForward(5_000);
  const banner = page.locator('[data-banner="idle"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/déconnecté dans \d+ s/);
  await page.clock.fastForward(61_000);
  await expectScreen(page, 'E-01');
  expect(await stack.app.handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'NONE' } });
});
