/**
 * Two screens no seed path reaches through this app today: E-04 (a new password after a reset, Okta's
 * PASSWORD_RESET with recoveryType PASSWORD) and E-99 (a status the app cannot show, e.g. PASSWORD_EXPIRED).
 * Main announces a transaction to the page with `auth.changed` (as after a redeemed app link); here the
 * test announces the state main would report, so the real renderer draws each screen, and axe reviews it.
 */
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, showPasswordPlacement } from './flows.ts';
import type { TransactionView } from '../../preload/contract.ts';

const policy = { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: [] };

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) E-04: a new password after a reset, the rules ticked live and what is missing said on click`, async ({ app, stack }) => {
    await switchLanguage(app, lang);
    const view: TransactionView = { status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', canGoBack: false, canSkip: false, user: { login: 'marc.tremblay@garage.test' }, policy };
    stack.bridge.emit('auth.changed', view);
    await expectScreen(app, 'E-04');
    await expect(app.getByRole('heading', { name: text(lang, 'setPassword.title') })).toBeVisible();
    // Only the password is asked: no security question or image on a reset.
    await expect(app.getByLabel(text(lang, 'createAccount.question'), { exact: true })).toHaveCount(0);
    await app.getByRole('button', { name: text(lang, 'setPassword.submit') }).click();
    await expect(app.getByRole('alert').filter({ hasText: text(lang, 'createAccount.missingTitle') })).toContainText(text(lang, 'createAccount.missing.password'));
    await app.getByLabel(text(lang, 'createAccount.password'), { exact: true }).fill('Garage-Shop-2026');
    await expect(app.locator('[data-rule="minUpperCase"]')).toHaveAttribute('data-met', 'true');
    // "Show password" sits as on E-03 (account creation): on the label's row.
    expect(await showPasswordPlacement(app, lang, 'new-password')).toBe('label-row');
    // The way out names what it ends (the reset), as every cancel in the app does.
    await expect(app.getByRole('button', { name: text(lang, 'setPassword.cancel'), exact: true })).toBeVisible();
    await expect(app.getByRole('button', { name: text(lang, 'common.cancel'), exact: true })).toHaveCount(0);
    await snap(app, 'E-04-set-password');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'setPassword.cancel') }).click();
    await expectScreen(app, 'E-01');
  });

  test(`(${lang}) E-99: a step this app cannot show says where to go, and leads back to sign-in`, async ({ app, stack }) => {
    await switchLanguage(app, lang);
    stack.bridge.emit('auth.changed', { status: 'PASSWORD_EXPIRED', canGoBack: false, canSkip: false, user: { login: 'marc.tremblay@garage.test' } } satisfies TransactionView);
    await expectScreen(app, 'E-99');
    await expect(app.getByText(text(lang, 'unsupported.body'))).toBeVisible();
    await snap(app, 'E-99-unsupported');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'common.backToSignIn') }).click();
    await expectScreen(app, 'E-01');
  });
}
