import { admin, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen } from './flows.ts';

// The embedded org runs Identity Engine: its activation e-mails link to /tokens/{token}/verify, the app
// activates through IDX, and there is no security image to choose (the screen says so).
test.use({ engine: 'identity' });

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) Identity Engine: the /tokens/…/verify link → password and question, no security image → the second method`, async ({ app, stack }) => {
    test.slow();
    await switchLanguage(app, lang);
    const login = uniqueLogin(`idx-${lang}`);
    const user = await admin<{ id: string }>(stack.org, 'POST', '/api/v1/users?activate=false', { profile: { firstName: 'Lucie', lastName: 'Tremblay', email: login, login, locale: lang } });
    const { activationUrl } = await admin<{ activationUrl: string }>(stack.org, 'POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
    expect(activationUrl).toMatch(/\/tokens\/[^/]+\/verify$/);

    await app.getByRole('button', { name: text(lang, 'signIn.activate') }).click();
    await expectScreen(app, 'E-02');
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();

    await expectScreen(app, 'E-03');
    // The checklist has the org's rules, read from the Identity Engine password step.
    const password = app.getByLabel(text(lang, 'createAccount.password'), { exact: true });
    await password.fill('Garage-Shop-2026');
    for (const rule of ['minLength', 'minLowerCase', 'minUpperCase', 'minNumber', 'excludeUsername']) {
      await expect(app.locator(`[data-rule="${rule}"]`)).toHaveAttribute('data-met', 'true');
    }
    await app.getByLabel(text(lang, 'createAccount.confirm')).fill('Garage-Shop-2026');
    await app.getByLabel(text(lang, 'createAccount.question'), { exact: true }).selectOption({ index: 1 });
    await app.getByLabel(text(lang, 'createAccount.answer'), { exact: true }).fill('Poutine');
    await expect(app.getByRole('heading', { name: text(lang, 'createAccount.noImageHeading') })).toBeVisible();
    await expect(app.locator('#no-security-image')).toHaveText(text(lang, 'createAccount.noImage'));
    await expect(app.locator('.image-choice')).toHaveCount(0);
    await snap(app, 'E-03-create-account-identity');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'createAccount.submit') }).click();

    await expectScreen(app, 'E-10');
    await expect(app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.totp-google')}` })).toBeVisible();
    // The security question was enrolled by the same click, and the app never used the Classic API.
    const factors = await admin<{ factorType: string }[]>(stack.org, 'GET', `/api/v1/users/${user.id}/factors`);
    expect(factors.map((f) => f.factorType)).toEqual(['question']);
  });
}
