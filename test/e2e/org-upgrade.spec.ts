/**
 * Okta upgrades Classic orgs to Identity Engine. Here the org is upgraded with its own command while the
 * app runs, between two sign-ins of the same technician: the first goes through the Authn API and
 * sessionCookieRedirect, the second through IDX and Native-to-Web SSO, with nothing configured.
 */
import { join } from 'node:path';
import { manualClock } from '../../main/core/clock.ts';
import { startStack } from '../support/bootstrap.ts';
import { runCli } from '../support/local-org/cli-process.ts';
import { text } from './catalog.ts';
import { callsNow, expect, expectEngineUsed, test } from './fixtures.ts';
import { createUserWithGoogleAuthenticator, expectScreen, openDiagnostics, phoneCode, signIn } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

test('the org is upgraded between two sign-ins while the app runs: the second goes through IDX, with nothing to configure', async ({ engine, page }) => {
  test.skip(engine === 'identity', 'the org already runs Identity Engine: there is nothing to upgrade (this test starts a Classic org of its own)');
  test.slow();
  const clock = manualClock(Date.now());
  const stack = { ...(await startStack({ clock, engine: 'classic' })), clock };
  try {
    const { login, secret } = await createUserWithGoogleAuthenticator(stack.org, clock, 'fr', PASSWORD);
    await page.goto(stack.bridge.url);

    const signInWithCode = async (expected: 'classic' | 'identity') => {
      const before = callsNow(stack);
      await signIn(page, 'fr', login, PASSWORD);
      await expectScreen(page, 'E-16');
      await page.getByLabel(text('fr', 'challenge.codeLabel')).fill(phoneCode(secret, clock.nowMs() / 1000));
      const handOff = await openDiagnostics(page, 'fr', stack.opened, expected);
      await expectEngineUsed(stack, expected, before);
      return handOff;
    };

    await signInWithCode('classic');
    await page.getByRole('button', { name: text('fr', 'success.signOut') }).click();

    const upgraded = await runCli(['org:upgrade', '--data', join(stack.dataDir, 'org')]);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(stack.org.engine()).toBe('identity');

    clock.advance(30_000);
    const handOff = await signInWithCode('identity');
    await page.goto(handOff);
    await expect(page.locator('#signed-in')).toHaveAttribute('data-signed-in', 'true');
    await expect(page.getByText(login)).toBeVisible();
  } finally {
    await stack.close();
  }
});
