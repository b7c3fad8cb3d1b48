import { admin, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, expectEngineUsed, callsNow, snap, switchLanguage, test } from './fixtures.ts';
import { expectScreen, openDiagnostics, phoneCode, showPasswordPlacement, splitVerbPronouns } from './flows.ts';

/** A user created by support, with the activation link of the e-mail (Okta: lifecycle/activate?sendEmail=false). */
async function newUserWithActivationLink(org: { url: string; adminToken: string }, lang: 'fr' | 'en') {
  const login = uniqueLogin(`new-${lang}`);
  const user = await admin<{ id: string }>(org, 'POST', '/api/v1/users?activate=false', {
    profile: { firstName: 'Lucie', lastName: 'Tremblay', email: login, login, locale: lang },
  });
  const { activationUrl } = await admin<{ activationUrl: string }>(org, 'POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
  return { login, activationUrl };
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) activation → password, question, image → Google Authenticator → diagnostics signed in`, async ({ app, stack, page, engine }) => {
    // The whole seed path with password hashing in the org and axe on several screens: slow on a shared build machine.
    test.slow();
    await switchLanguage(app, lang);
    const before = callsNow(stack);
    const { login, activationUrl } = await newUserWithActivationLink(stack.org, lang);
    // Each engine's e-mail link: Classic's /welcome/{token}, Identity Engine's /tokens/{token}/verify.
    expect(new URL(activationUrl).pathname).toMatch(engine === 'identity' ? /^\/tokens\/[^/]+\/verify$/ : /^\/welcome\/[^/]+$/);
    await app.getByRole('button', { name: text(lang, 'signIn.activate') }).click();
    await expectScreen(app, 'E-02');
    // The link's accepted forms, one to a line: none is broken across two lines.
    const examples = app.locator('#activation-hint code');
    await expect(examples).toHaveCount(3);
    const lines = await examples.evaluateAll((codes) => codes.map((code) => ({ top: Math.round(code.getBoundingClientRect().top), boxes: code.getClientRects().length })));
    expect(lines.map((line) => line.boxes)).toEqual([1, 1, 1]);
    expect(new Set(lines.map((line) => line.top)).size).toBe(3);
    // A verb and its pronoun ("collez-le") are never split across two lines of the intro.
    expect(await splitVerbPronouns(app, 'E-02')).toEqual([]);
    await snap(app, 'E-02-activate-link');
    await expectAccessible(app);
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();

    await expectScreen(app, 'E-03');
    const submit = app.getByRole('button', { name: text(lang, 'createAccount.submit') });
    const password = app.getByLabel(text(lang, 'createAccount.password'), { exact: true });
    // A password containing part of the username is refused by the live checklist before the org sees it.
    await password.fill(`${login.split('.')[0]}Aa1xyz`);
    await expect(app.locator('[data-rule="excludeUsername"]')).toHaveAttribute('data-met', 'false');
    await password.fill('Garage-Shop-2026');
    for (const rule of ['minLength', 'minLowerCase', 'minUpperCase', 'minNumber', 'excludeUsername']) {
      await expect(app.locator(`[data-rule="${rule}"]`)).toHaveAttribute('data-met', 'true');
    }
    await app.getByLabel(text(lang, 'createAccount.confirm')).fill('Garage-Shop-2026');
    await app.getByLabel(text(lang, 'createAccount.question'), { exact: true }).selectOption({ index: 1 });
    await app.getByLabel(text(lang, 'createAccount.answer'), { exact: true }).fill('Poutine');
    if (engine === 'classic') {
      // The button stays active: a click says what is still missing, under its field and above the button.
      await submit.click();
      await expect(app.getByRole('alert').filter({ hasText: text(lang, 'createAccount.missingTitle') })).toContainText(text(lang, 'createAccount.missing.image'));
      await expectScreen(app, 'E-03');
      await app.locator('.image-choice').nth(2).click();
      await expect(app.getByText(text(lang, 'createAccount.missingTitle'))).toHaveCount(0);
    } else {
      // Identity Engine has no security image: the screen says so where the help article shows one.
      await expect(app.getByRole('heading', { name: text(lang, 'createAccount.noImageHeading') })).toBeVisible();
      await expect(app.locator('#no-security-image')).toHaveText(text(lang, 'createAccount.noImage'));
      await expect(app.locator('.image-choice')).toHaveCount(0);
    }
    // "Show password" sits where it sits on every password field (E-01b, E-04): on the label's row.
    expect(await showPasswordPlacement(app, lang, 'new-password')).toBe('label-row');
    // The way out says what it ends: the account creation (the whole transaction), not just a field.
    await expect(app.getByRole('button', { name: text(lang, 'createAccount.cancel'), exact: true })).toBeVisible();
    await expect(app.getByRole('button', { name: text(lang, 'common.cancel'), exact: true })).toHaveCount(0);
    await snap(app, 'E-03-create-account');
    await expectAccessible(app);
    await submit.click();

    await expectScreen(app, 'E-10');
    await snap(app, 'E-10-enroll-choose');
    await expectAccessible(app);
    await app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.totp-google')}` }).click();
    await expectScreen(app, 'E-11');
    await snap(app, 'E-11-phone-type');
    await expectAccessible(app);
    await app.getByRole('radio', { name: /Android/ }).check();
    await app.getByRole('button', { name: text(lang, 'common.next') }).click();
    await expectScreen(app, 'E-12');
    await expect(app.getByRole('img', { name: text(lang, 'totp.qrAlt', { app: 'Google Authenticator' }) })).toBeVisible();
    await app.getByRole('button', { name: text(lang, 'totp.cantScan') }).click();
    const key = (await app.getByLabel(text(lang, 'totp.manualKeyLabel')).textContent()) ?? '';
    await snap(app, 'E-12-scan');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'common.next') }).click();
    await expectScreen(app, 'E-13');
    await expect(app.getByText(text(lang, 'advice.neverDelete'))).toBeVisible();
    await snap(app, 'E-13-code');
    await expectAccessible(app);
    await app.getByLabel(text(lang, 'totp.codeLabel')).fill(phoneCode(key, stack.clock.nowMs() / 1000));

    await expectScreen(app, 'E-14');
    await expect(app.getByText(text(lang, 'verified.message'))).toBeVisible();
    await snap(app, 'E-14-verified');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'verified.done') }).click();
    // The org offers a second method before finishing (seed: several devices).
    await expectScreen(app, 'E-10');
    await expect(app.getByRole('heading', { name: text(lang, 'enroll.titleMore') })).toBeVisible();
    // The method just set up is said to be set up, and not offered again.
    await expect(app.locator('[data-enrolled="true"]')).toContainText(text(lang, 'enroll.done'));
    await expect(app.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.totp-google')}` })).toHaveCount(0);
    // The way out beside "Finish" says what it does: it leaves the sign-in, not the method just set up.
    await expect(app.getByRole('button', { name: text(lang, 'enroll.cancelSignIn'), exact: true })).toBeVisible();
    await expect(app.getByRole('button', { name: text(lang, 'common.cancel'), exact: true })).toHaveCount(0);
    await snap(app, 'E-10b-enroll-more');
    await expectAccessible(app);
    await app.getByRole('button', { name: text(lang, 'enroll.finish') }).click();

    const handOff = await openDiagnostics(app, lang, stack.opened, engine);
    await page.goto(handOff);
    await expect(page.getByText(login)).toBeVisible();
    await expectEngineUsed(stack, engine, before);
  });

  test(`(${lang}) an activation link used twice says to sign in; an unknown one offers both ways`, async ({ app, stack }) => {
    await switchLanguage(app, lang);
    const { activationUrl } = await newUserWithActivationLink(stack.org, lang);
    await app.getByRole('button', { name: text(lang, 'signIn.activate') }).click();
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();
    await expectScreen(app, 'E-03');
    await app.getByRole('button', { name: text(lang, 'createAccount.cancel') }).click();
    await app.getByRole('button', { name: text(lang, 'signIn.activate') }).click();
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_AUTH_ACTIVATION_TOKEN_USED');
    await expect(app.getByRole('button', { name: text(lang, 'activate.goSignIn') })).toBeVisible();
    // After a final refusal the way out is the one main action; "Continue" is no longer it.
    await expect(app.locator('[data-screen-id="E-02"] button.primary')).toHaveText(text(lang, 'activate.goSignIn'));
    await snap(app, 'E-02-link-used');
    // A well-formed link whose token the org never issued (either engine's form: /welcome/{token}, /tokens/{token}/verify).
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl.replace(/(\/(?:welcome|tokens)\/)[^/]+/, '$1abcdefghijklmnopqrst'));
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_AUTH_ACTIVATION_TOKEN_INVALID');
    await expect(app.getByRole('button', { name: text(lang, 'activate.askNewLink') })).toBeVisible();
  });
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) an expired activation link offers to ask support for a new one; a mangled link is refused before the org sees it`, async ({ app, stack }) => {
    await switchLanguage(app, lang);
    const { activationUrl } = await newUserWithActivationLink(stack.org, lang);
    stack.clock.advance(8 * 24 * 3600_000);
    await app.getByRole('button', { name: text(lang, 'signIn.activate') }).click();
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(`${activationUrl}?next=https://evil.example`);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_LINK_INVALID');
    await app.getByLabel(text(lang, 'activate.linkLabel')).fill(activationUrl);
    await app.getByRole('button', { name: text(lang, 'activate.continue') }).click();
    await expect(app.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'E_AUTH_ACTIVATION_TOKEN_EXPIRED');
    await expect(app.locator('[data-screen-id="E-02"] button.primary')).toHaveText(text(lang, 'activate.askNewLink'));
    await snap(app, 'E-02-link-expired');
    await app.getByRole('button', { name: text(lang, 'activate.askNewLink') }).click();
    await expectScreen(app, 'E-30');
  });
}
