/** Steps a technician takes, written once and used by the specs in both languages. */
import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { admin, createActiveUser, uniqueLogin, type AdminTarget } from '../support/org-admin.ts';
import { text, type Lang } from './catalog.ts';

export const screen = (page: Page, id: string) => page.locator(`[data-screen-id="${id}"]`);

export async function expectScreen(page: Page, id: string): Promise<void> {
  await expect(screen(page, id)).toBeVisible();
}

/**
 * Where "Show password" is drawn for the password field `fieldId`: on its label's row, right of the label
 * (`label-row`), or under the field (`under-field`). Every password field places it the same way.
 */
export async function showPasswordPlacement(page: Page, lang: Lang, fieldId: string): Promise<'label-row' | 'under-field' | 'elsewhere'> {
  const label = await page.locator(`label[for="${fieldId}"]`).boundingBox();
  const field = await page.locator(`#${fieldId}`).boundingBox();
  const check = await page.locator(`#${fieldId}`).locator('xpath=..').getByRole('checkbox', { name: text(lang, 'password.show') }).boundingBox();
  if (!label || !field || !check) return 'elsewhere';
  if (check.y + check.height <= field.y && check.y < label.y + label.height && check.x > label.x + label.width) return 'label-row';
  if (check.y >= field.y + field.height) return 'under-field';
  return 'elsewhere';
}

/**
 * The verb-pronoun pairs ("collez-le", "connectez-vous") in the screen's paragraphs that a line break splits:
 * each pair is measured with a DOM range, and a pair drawn on two lines is returned. French only has them.
 */
export async function splitVerbPronouns(page: Page, screenId: string): Promise<string[]> {
  return screen(page, screenId)
    .locator('p')
    .evaluateAll((paragraphs) => {
      const split: string[] = [];
      for (const paragraph of paragraphs) {
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/\p{L}+[-\u2011](?:le|la|les|lui|leur|moi|nous|vous|en|y|ce)(?!\p{L})/gu)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (tops.size > 1) split.push(match[0]);
          }
        }
      }
      return split;
    });
}

/** A TOTP code as the technician's phone shows it, for the secret the org issued. */
export function phoneCode(secret: string, epochSeconds: number): string {
  return generateSync({ secret: secret.replace(/\s/g, ''), epoch: epochSeconds });
}

export async function enterUsername(page: Page, lang: Lang, login: string): Promise<void> {
  await expectScreen(page, 'E-01');
  await page.getByLabel(text(lang, 'signIn.username')).fill(login);
  await page.getByRole('button', { name: text(lang, 'signIn.next') }).click();
}

export async function signIn(page: Page, lang: Lang, login: string, password: string): Promise<void> {
  await enterUsername(page, lang, login);
  await page.getByLabel(text(lang, 'signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: text(lang, 'signIn.submit') }).click();
}

/**
 * Clicks "open diagnostics" and returns the hand-off URL the app gave the system browser: Classic's
 * sessionCookieRedirect with the session token, or Identity Engine's authorize request with the interclient
 * token (Native-to-Web SSO).
 */
export async function openDiagnostics(page: Page, lang: Lang, opened: string[], engine: 'classic' | 'identity'): Promise<string> {
  await expectScreen(page, 'E-20');
  const before = opened.length;
  await page.getByRole('button', { name: text(lang, 'success.open') }).click();
  await expect.poll(() => opened.length).toBe(before + 1);
  const url = opened.at(-1) ?? '';
  if (engine === 'classic') expect(url).toContain('/login/sessionCookieRedirect?token=');
  else {
    expect(new URL(url).pathname).toBe('/oauth2/default/v1/authorize');
    expect(new URL(url).searchParams.get('interclient_token')).toBeTruthy();
  }
  return url;
}

/** A method's last step (E-14) names it and its step count ("Okta Verify — step 2 of 2"); "Done" leads back to the list (E-10). */
export async function finishSetup(page: Page, lang: Lang, progress: string): Promise<void> {
  await expectScreen(page, 'E-14');
  await expect(page.locator('[data-progress]')).toHaveAttribute('data-progress', progress);
  await page.getByRole('button', { name: text(lang, 'verified.done') }).click();
  await expectScreen(page, 'E-10');
}

/** From the factor list (E-10): set up a security key, register it, see the list again. */
export async function registerSecurityKey(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.webauthn')}` }).click();
  await expectScreen(page, 'E-18');
  await page.getByRole('button', { name: text(lang, 'key.register') }).click();
  await finishSetup(page, lang, '3/3');
}

/** After enrolling: finish, sign out, sign in again with password, then with the security key (E-16 → E-20). */
export async function finishThenSignInWithKey(page: Page, lang: Lang, login: string, password: string): Promise<void> {
  await page.getByRole('button', { name: text(lang, 'enroll.finish') }).click();
  await expectScreen(page, 'E-20');
  await page.getByRole('button', { name: text(lang, 'success.signOut') }).click();
  await signIn(page, lang, login, password);
  await expectScreen(page, 'E-16');
  await page.getByRole('button', { name: text(lang, 'key.use') }).click();
}

/**
 * From the factor list (E-10): Google Authenticator on an Android phone — QR, "can't scan" key, the phone's
 * code, verified (E-11 → E-14) — then back to the list. Returns the key the phone would have stored.
 */
export async function enrollGoogleAuthenticator(page: Page, lang: Lang, nowSeconds: () => number): Promise<string> {
  await expectScreen(page, 'E-10');
  await page.getByRole('button', { name: `${text(lang, 'enroll.setup')} — ${text(lang, 'factor.totp-google')}` }).click();
  await expectScreen(page, 'E-11');
  await page.getByRole('radio', { name: /Android/ }).check();
  await page.getByRole('button', { name: text(lang, 'common.next') }).click();
  await expectScreen(page, 'E-12');
  await expect(page.getByRole('img', { name: text(lang, 'totp.qrAlt', { app: 'Google Authenticator' }) })).toBeVisible();
  await page.getByRole('button', { name: text(lang, 'totp.cantScan') }).click();
  const key = (await page.getByLabel(text(lang, 'totp.manualKeyLabel')).textContent()) ?? '';
  await page.getByRole('button', { name: text(lang, 'common.next') }).click();
  await expectScreen(page, 'E-13');
  await page.getByLabel(text(lang, 'totp.codeLabel')).fill(phoneCode(key, nowSeconds()));
  await expectScreen(page, 'E-14');
  await expect(page.getByText(text(lang, 'verified.message'))).toBeVisible();
  await page.getByRole('button', { name: text(lang, 'verified.done') }).click();
  await expectScreen(page, 'E-10');
  return key;
}

/** An active user with a password and an active Google Authenticator (admin API); returns the login and the phone's key. */
export async function createUserWithGoogleAuthenticator(org: AdminTarget, clock: { nowMs(): number; advance(ms: number): void }, lang: Lang, password: string): Promise<{ login: string; secret: string }> {
  const login = uniqueLogin(`tech-${lang}`);
  const user = await createActiveUser(org, login, password, lang);
  const factor = await admin<{ id: string; _embedded: { activation: { sharedSecret: string } } }>(org, 'POST', `/api/v1/users/${user.id}/factors`, {
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
  });
  const secret = factor._embedded.activation.sharedSecret;
  await admin(org, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: phoneCode(secret, clock.nowMs() / 1000) });
  // The next sign-in must use a code from a later time step: a used code is refused (RFC 6238 §5.2).
  clock.advance(30_000);
  return { login, secret };
}
