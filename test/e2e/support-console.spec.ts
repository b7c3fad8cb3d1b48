/**
 * The support console in Chromium: a help desk admin signs in with password and Google
 * Authenticator, finds the technician's "Cannot log in" request, resets the verification methods, closes
 * the request — and the technician gets the reset e-mail and must enroll again at the next sign-in. The
 * console speaks the browser's language (fr-CA or en) and has a switch.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { generateSync } from 'otplib';
import { startLocalOrg, type LocalOrg } from '../../main/local-org/server.ts';
import { readOutbox } from '../../main/local-org/mail/outbox-reader.ts';
import { expectAccessible, snap } from './fixtures.ts';

const PASSWORD = 'Atelier-2024';
/** A font-family list without its quotes and spaces, as written in CSS or as Chromium computes it. */
const fontList = (family: string) => family.split(',').map((name) => name.trim().replace(/^['"]|['"]$/g, ''));
/** The app's font stack, as renderer/styles.css declares it on :root. */
const APP_FONT_STACK = fontList(/:root\s*\{[^}]*?font-family:\s*([^;]+);/.exec(readFileSync(join(import.meta.dirname, '../../renderer/styles.css'), 'utf8'))?.[1] ?? 'no font-family on :root');
/** One of the app's colours, as renderer/styles.css declares it on :root (`--brand: #0b4f8a;`), computed as Chromium reports it. */
function appColour(name: string): string {
  const hex = new RegExp(`--${name}:\\s*#([0-9a-f]{6});`, 'i').exec(readFileSync(join(import.meta.dirname, '../../renderer/styles.css'), 'utf8'))?.[1];
  if (!hex) return `no --${name} in renderer/styles.css`;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
let org: LocalOrg;
let dataDir: string;
let adminSecret: string;

async function api<T>(method: string, path: string, body?: unknown, admin = true): Promise<T> {
  const response = await fetch(org.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(admin ? { Authorization: `SSWS ${org.adminToken}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}

async function activeUserWithTotp(login: string, locale: string): Promise<{ id: string; secret: string }> {
  const user = await api<{ id: string }>('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Test', lastName: 'User', email: login, login, locale },
    credentials: { password: { value: PASSWORD } },
  });
  const factor = await api<{ _embedded: { activation: { sharedSecret: string } } }>('POST', `/api/v1/users/${user.id}/factors?activate=true`, {
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
  });
  return { id: user.id, secret: factor._embedded.activation.sharedSecret };
}

test.beforeAll(async ({ engine }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'support-console-e2e-'));
  org = await startLocalOrg({ dataDir, port: 0, policy: { scrypt: { logN: 4, r: 8, p: 1 } }, engine });
  const desk = await activeUserWithTotp('desk@garage.test', 'en_US');
  adminSecret = desk.secret;
  await api('POST', `/api/v1/users/${desk.id}/roles`, { type: 'HELP_DESK_ADMIN' });
  await activeUserWithTotp('technicien@garage.test', 'fr_CA');
});

test.afterAll(async () => {
  await org.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('support resets the verification methods of a help request, in French, and the technician gets the e-mail', async ({ page }) => {
  // Sign-in, search, reset, close, audit, then the same pages in English: long on a loaded machine.
  test.slow();
  const { reference } = await api<{ reference: string }>(
    'POST',
    '/api/v1/support/requests',
    { email: 'technicien@garage.test', reason: 'Cannot log in', message: 'Téléphone perdu, plus de code Google Authenticator.' },
    false,
  );

  // The browser asks for fr-CA (the config's locale): the console answers in French.
  await page.goto(`${org.url}/admin`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The console is drawn in the app's typeface, its fields and buttons too, not the system's.
  const fonts = await page.evaluate(() => ['body', 'input', 'button'].map((selector) => getComputedStyle(document.querySelector(selector)!).fontFamily));
  expect(fonts.map(fontList)).toEqual(fonts.map(() => APP_FONT_STACK));
  await expectAccessible(page);
  await snap(page, 'C-01-console-sign-in');
  await page.getByLabel('Nom d’utilisateur').fill('desk@garage.test');
  await page.getByLabel('Mot de passe').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Échec de la connexion\./);
  await page.getByLabel('Nom d’utilisateur').fill('desk@garage.test');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByLabel('Méthode de vérification')).toContainText('Google Authenticator');
  await expectAccessible(page);
  await snap(page, 'C-02-console-verify');
  await page.getByLabel('Code de vérification').fill(generateSync({ secret: adminSecret }));
  await page.getByRole('button', { name: 'Vérifier' }).click();

  await expect(page.getByRole('heading', { name: 'Demandes d’aide' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher' }).fill('Google Authenticator');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('cell', { name: 'Impossible de se connecter' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'C-03-console-requests');
  // Links and the keyboard focus ring in the app's colours, not the browser's default blue.
  const linkColours = await page.getByRole('link').evaluateAll((links) => [...new Set(links.map((link) => getComputedStyle(link).color))]);
  expect(linkColours).toEqual([appColour('brand')]);
  await page.getByRole('link', { name: reference }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const focused = document.activeElement;
    const style = focused ? getComputedStyle(focused) : undefined;
    return { tag: focused?.tagName, style: style?.outlineStyle, colour: style?.outlineColor, width: style?.outlineWidth };
  });
  expect(ring).toEqual({ tag: 'A', style: 'solid', colour: appColour('focus'), width: '3px' });
  await snap(page, 'C-03b-console-link-focus');
  await page.getByRole('link', { name: reference }).click();

  await expect(page.getByRole('heading', { name: `Demande ${reference}` })).toBeVisible();
  await expect(page.locator('[data-factors]')).toContainText('Google Authenticator (configurée)');
  await page.getByRole('button', { name: 'Réinitialiser les méthodes de vérification' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Méthodes de vérification réinitialisées\./);
  await expect(page.locator('[data-factors]')).toHaveText('Aucune');
  await expectAccessible(page);
  await snap(page, 'C-04-console-request');

  await page.getByLabel('Note de fermeture').fill('Méthodes réinitialisées, technicien avisé.');
  await page.getByRole('button', { name: 'Fermer la demande' }).click();
  await expect(page.locator('[data-request-status]')).toHaveAttribute('data-request-status', 'CLOSED');
  await expect(page.locator('[data-request-status]')).toHaveText('Fermée');

  const notice = readOutbox(dataDir).filter((mail) => mail.to === 'technicien@garage.test').pop();
  expect(notice?.subject).toBe('Votre authentification multifacteur wiTECH 2.0 a été réinitialisée');

  const next = await api<{ status: string }>('POST', '/api/v1/authn', { username: 'technicien@garage.test', password: PASSWORD }, false);
  expect(next.status).toBe('MFA_ENROLL');

  await page.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page.getByRole('cell', { name: 'Méthodes de vérification réinitialisées' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Demande fermée', exact: true })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'C-05-console-audit');

  // The switch turns every page to English and the choice stays for the next pages.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Verification methods reset' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'C-05-console-audit');
  await page.getByRole('link', { name: 'Help requests' }).click();
  await expect(page.getByRole('heading', { name: 'Help requests' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Include closed requests' }).check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('cell', { name: 'Closed', exact: true })).toBeVisible();
  await snap(page, 'C-03-console-requests');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
  await expect(page.getByText(/^Closed on .* by desk@garage\.test: Méthodes réinitialisées/)).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'C-04-console-request');
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: `Demande ${reference}` })).toBeVisible();
});

test.describe('an English browser', () => {
  test.use({ locale: 'en-US' });

  test('gets the console in English from Accept-Language', async ({ page }) => {
    await page.goto(`${org.url}/admin`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'C-01-console-sign-in');
    await page.getByLabel('Username').fill('desk@garage.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Verification method')).toContainText('Google Authenticator');
    await expectAccessible(page);
    await snap(page, 'C-02-console-verify');
  });
});
