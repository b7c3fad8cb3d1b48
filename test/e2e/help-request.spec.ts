import { join } from 'node:path';
import { readOutbox } from '../../main/local-org/mail/outbox-reader.ts';
import { admin, createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, phoneCode, signIn } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) lost phone: Request Help → support resets the factors → e-mail → sign in → set up again`, async ({ app, stack }) => {
    // A long flow (setup, its last step, sign-out, sign-in) on a shared, loaded machine.
    test.slow();
    await switchLanguage(app, lang);
    const login = uniqueLogin(`lost-${lang}`);
    const user = await createActiveUser(stack.org, login, PASSWORD, lang);
    const factor = await admin<{ id: string; _embedded: { activation: { sharedSecret: string } } }>(stack.org, 'POST', `/api/v1/users/${user.id}/factors`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
    await admin(stack.org, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: phoneCode(factor._embedded.activation.sharedSecret, stack.clock.nowMs() / 1000) });

    // Seed: "Need help signing in?" → Help → (More Help) Request Help.
    await app.getByRole('button', { name: text(lang, 'signIn.needHelp') }).click();
    await expectScreen(app, 'E-30');
    await snap(app, 'E-30-help');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'help.requestHelp') }).click();
    await expectScreen(app, 'E-31');
    await expect(app.getByLabel(text(lang, 'request.reason'))).toHaveValue('cannot-log-in');
    await expect(app.getByLabel(text(lang, 'request.message'))).toHaveValue(text(lang, 'request.exampleMessage'));
    await app.getByLabel(text(lang, 'request.email')).fill(login);
    await app.getByLabel(text(lang, 'request.includeDiagnostics')).check();
    await expect(app.getByRole('definition').filter({ hasText: 'E-01' })).toBeVisible();
    await snap(app, 'E-31-request-help');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'request.send') }).click();

    await expectScreen(app, 'E-32');
    const reference = await app.locator('[data-reference]').getAttribute('data-reference');
    expect(reference).toMatch(/^HR-[A-Z0-9]{4,}$/);
    await expect(app.getByText(text(lang, 'sent.step1'))).toBeVisible();
    await snap(app, 'E-32-help-sent');
    await expectAccessible(app);

    // Support resets the account; the technician gets the seed's notification e-mail.
    await admin(stack.org, 'POST', `/api/v1/users/${user.id}/lifecycle/reset_factors`);
    const mail = readOutbox(join(stack.dataDir, 'org')).filter((message) => message.to.includes(login));
    expect(mail.length).toBeGreaterThanOrEqual(2); // acknowledgement of the request + reset notification

    await app.getByRole('button', { name: text(lang, 'common.backToSignIn') }).click();
    await signIn(app, lang, login, PASSWORD);
    await expectScreen(app, 'E-10');
  });
}

test('what is typed in a help request survives closing the window', async ({ app, page, stack }) => {
  await app.getByRole('button', { name: text('fr', 'signIn.needHelp') }).click();
  await app.getByRole('button', { name: text('fr', 'help.requestHelp') }).click();
  await app.getByLabel(text('fr', 'request.email')).fill('marc@garage.test');
  await app.getByLabel(text('fr', 'request.message')).fill('Mon téléphone est tombé dans le bac à huile.');
  // The draft is saved in main a moment after typing stops.
  await expect.poll(async () => JSON.stringify((await stack.app.handlers['support.loadDraft']({})) as unknown)).toContain('bac à huile');
  await page.reload();
  await app.getByRole('button', { name: text('fr', 'signIn.needHelp') }).click();
  await app.getByRole('button', { name: text('fr', 'help.requestHelp') }).click();
  await expect(app.getByLabel(text('fr', 'request.message'))).toHaveValue('Mon téléphone est tombé dans le bac à huile.');
  await expect(app.getByLabel(text('fr', 'request.email'))).toHaveValue('marc@garage.test');
});

test('support can ask the technician to run the computer check from the help page, which names the org’s engine', async ({ app, engine }) => {
  await app.getByRole('button', { name: text('fr', 'signIn.needHelp') }).click();
  await app.getByRole('button', { name: text('fr', 'selfTest.run') }).click();
  const report = app.locator('[data-self-test]');
  await expect(report).toHaveAttribute('data-self-test', 'pass');
  await expect(report.getByText(text('fr', 'selfTest.org'), { exact: false })).toBeVisible();
  await expect(report.locator('[data-check="engine"]')).toHaveClass('met');
  // "Pour l’assistance" names the engine, so support sees at a glance why a screen differs.
  const name = text('fr', engine === 'identity' ? 'help.engineName.identity' : 'help.engineName.classic');
  await expect(app.locator('[data-engine]')).toHaveText(text('fr', 'help.engine', { engine: name }));
  await expect(app.locator('[data-engine]')).toHaveAttribute('data-engine', engine);
  await expectAccessible(app);
});
