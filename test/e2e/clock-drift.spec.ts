import { startStack, type Stack } from '../support/bootstrap.ts';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, snap, test as base } from './fixtures.ts';
import { enterUsername } from './flows.ts';

/** A shop PC whose clock is 95 s fast: its own stack, so the other specs keep an honest clock. */
const test = base.extend<{ drifted: Stack }>({
  drifted: async ({ engine }, use) => {
    const stack = await startStack({ appClock: { nowMs: () => Date.now() + 95_000 }, engine });
    await use(stack);
    await stack.close();
  },
});

test('a workstation clock 95 s ahead gets a banner with the drift and the fix before any code is asked', async ({ page, drifted }) => {
  const login = uniqueLogin('drift');
  await createActiveUser(drifted.org, login, 'Garage-Shop-2026');
  await page.goto(drifted.bridge.url);
  await expect(page.locator('[data-banner="clock-drift"]')).toHaveCount(0);
  await enterUsername(page, 'fr', login);
  const banner = page.locator('[data-banner="clock-drift"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(text('fr', 'clock.ahead', { seconds: 95 }).slice(0, 30));
  await expect(banner).toContainText(/9[4-6] secondes/);
  await expect(banner).toContainText(text('fr', 'clock.fix'));
  await snap(page, 'E-01c-clock-drift');
});
