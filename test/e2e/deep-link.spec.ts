import { admin, uniqueLogin } from '../support/org-admin.ts';
import { expect, test } from './fixtures.ts';
import { expectScreen } from './flows.ts';

/** What the OS hands the running app when a technician clicks the app link of the activation e-mail. */
test('an activation e-mail’s app link opens the running app on "Create My Account"', async ({ app, stack }) => {
  const login = uniqueLogin('deeplink');
  const user = await admin<{ id: string }>(stack.org, 'POST', '/api/v1/users?activate=false', { profile: { firstName: 'Luc', lastName: 'Roy', email: login, login } });
  const { activationUrl } = await admin<{ activationUrl: string }>(stack.org, 'POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
  // Either engine's e-mail link: Classic's /welcome/{token}, Identity Engine's /tokens/{token}/verify.
  const token = /\/(?:welcome|tokens)\/([^/?#]+)/.exec(new URL(activationUrl).pathname)?.[1] ?? '';
  expect(token).not.toBe('');
  await stack.app.openLink(`witech-login://activate?token=${token}`);
  await expectScreen(app, 'E-03');
  await expect(app.getByText(login)).toBeVisible();
});

test.describe('links refused before they reach the org', () => {
  for (const [attack, link, code] of [
    ['an unknown action', 'witech-login://reset?token=abcdefghijklmnopqrst', 'E_LINK_UNKNOWN_ACTION'],
    ['an extra parameter', 'witech-login://activate?token=abcdefghijklmnopqrst&redirect=https://evil.example', 'E_LINK_INVALID'],
    ['an oversized token', `witech-login://activate?token=${'a'.repeat(5000)}`, 'E_LINK_TOKEN_TOO_LONG'],
  ] as const) {
    test(`${attack} shows the activation screen with a message`, async ({ app, stack }) => {
      await stack.app.openLink(link);
      await expectScreen(app, 'E-02');
      await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', code);
    });
  }
});
