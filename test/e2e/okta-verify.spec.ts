import type { Page } from '@playwright/test';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text, type Lang } from './catalog.ts';
import { expect, expectAccessible, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, finishSetup, openDiagnostics, screen, signIn } from './flows.ts';
import { decodeQrDataUrl } from './qr.ts';


const PASSWORD = 'Garage-Shop-2026';

/** The "phone": the local org's Okta Verify training device, in its own tab. */
async function pairPhone(phone: Page, app: Page, lang: Lang): Promise<void> {
  const qr = await app.getByRole('img', { name: text(lang, 'push.qrAlt') }).getAttribute('src');
  const pairingUrl = decodeQrDataUrl(qr ?? '');
  expect(pairingUrl).toMatch(/\/device\?code=/);
  await phone.goto(pairingUrl);
  await phone.getByRole('button', { name: 'Pair' }).click();
}

/** On the phone, answers the pending sign-in: the number the app shows, or deny. */
async function answerPush(phone: Page, answer: { number?: number } | 'deny'): Promise<void> {
  await expect(async () => {
    await phone.reload();
    await expect(phone.locator('[data-push]')).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const pending = phone.locator('[data-push]');
  if (answer === 'deny') await pending.getByRole('button', { name: /Deny/ }).click();
  else if (answer.number !== undefined) await pending.getByRole('button', { name: String(answer.number), exact: true }).click();
  else await pending.getByRole('button', { name: /Approve/ }).click();
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) Okta Verify: enroll by scanning the QR code, then sign in by approving a push`, async ({ app, stack, context, page, engine }) => {
    // A long flow (setup, its last step, sign-out, sign-in) on a shared, loaded machine.
    test.slow();
    await switchLanguage(app, lang);
    const login = uniqueLogin(`verify-${lang}`);
    await createActiveUser(stack.org, login, PASSWORD, lang);
    await signIn(app, lang, login, PASSWORD);
    await expectScreen(app, 'E-10');
    await app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.push-okta')}` }).click();
    await expectScreen(app, 'E-15');
    await expect(app.getByText(text(lang, 'push.enrollWaiting'))).toBeVisible();
    const enrollCard = await screen(app, 'E-15').boundingBox();
    await snap(app, 'E-15-okta-verify-enroll');
    await expectAccessible(app);
    const phone = await context.newPage();
    await pairPhone(phone, app, lang);
    // The app polls the org and moves on by itself once the phone is paired: Okta Verify's last step.
    await expectScreen(app, 'E-14');
    await expect(app.getByText(text(lang, 'progress.step', { method: 'Okta Verify', step: '2', total: '2' }))).toBeVisible();
    // Step 1 (two lines and a QR code) is no wider a card than step 2.
    expect((await screen(app, 'E-14').boundingBox())?.width).toBe(enrollCard?.width);
    await snap(app, 'E-14b-okta-verify-set-up');
    await finishSetup(app, lang, '2/2');
    await app.getByRole('button', { name: text(lang, 'enroll.finish') }).click();
    await expectScreen(app, 'E-20');
    await app.getByRole('button', { name: text(lang, 'success.signOut') }).click();

    await signIn(app, lang, login, PASSWORD);
    await expectScreen(app, 'E-16');
    await app.getByRole('button', { name: text(lang, 'push.send') }).click();
    await expectScreen(app, 'E-17');
    const shown = app.locator('.big-number');
    const number = (await shown.count()) > 0 ? Number(await shown.textContent()) : undefined;
    await snap(app, 'E-17-push-waiting');
    await expectAccessible(app);
    await answerPush(phone, number === undefined ? {} : { number });
    const handOff = await openDiagnostics(app, lang, stack.opened, engine);
    await page.goto(handOff);
    await expect(page.getByText(login)).toBeVisible();
  });
}

test('a push denied on the phone is said plainly, and a new one can be sent', async ({ app, stack, context }) => {
  const login = uniqueLogin('deny');
  await createActiveUser(stack.org, login, PASSWORD);
  await signIn(app, 'fr', login, PASSWORD);
  await app.getByRole('button', { name: `${text('fr', 'enroll.setup')} — ${text('fr', 'factor.push-okta')}` }).click();
  const phone = await context.newPage();
  await pairPhone(phone, app, 'fr');
  await finishSetup(app, 'fr', '2/2');
  await app.getByRole('button', { name: text('fr', 'enroll.finish') }).click();
  await app.getByRole('button', { name: text('fr', 'success.signOut') }).click();
  await signIn(app, 'fr', login, PASSWORD);
  await app.getByRole('button', { name: text('fr', 'push.send') }).click();
  await expectScreen(app, 'E-17');
  await answerPush(phone, 'deny');
  await expect(app.getByText(text('fr', 'error.E_AUTH_PUSH_REJECTED'))).toBeVisible();
  await expect(app.getByRole('button', { name: text('fr', 'push.sendAgain') })).toBeVisible();
});
