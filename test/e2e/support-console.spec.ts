/**
 * The support console in Chromium: a help desk admin signs in with password and Google
 * Authenticator, finds the technician's "Cannot log in" request, resets the factors, closes the
 * request — and the technician gets the reset e-mail and must enroll again at the next sign-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { generateSync } from 'otplib';
import { startLocalOrg, type LocalOrg } from '../../main/local-org/server.ts';
import { readOutbox } from '../../main/local-org/mail/outbox-reader.ts';

const PASSWORD = 'Atelier-2024';
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

test('support resets the factors of a help request and the technician gets the e-mail', async ({ page }) => {
  const { reference } = await api<{ reference: string }>(
    'POST',
    '/api/v1/support/requests',
    { email: 'technicien@garage.test', reason: 'Cannot log in', message: 'Téléphone perdu, plus de code Google Authenticator.' },
    false,
  );

  await page.goto(`${org.url}/admin`);
  await page.getByLabel('Username').fill('desk@garage.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Verification code').fill(generateSync({ secret: adminSecret }));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'Help requests' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('Google Authenticator');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: reference }).click();

  await expect(page.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
  await expect(page.locator('[data-factors]')).toContainText('token:software:totp/GOOGLE ACTIVE');
  await page.getByRole('button', { name: 'Reset factors' }).click();
  await expect(page.getByRole('status')).toHaveText('Done: reset-factors');
  await expect(page.locator('[data-factors]')).toHaveText('none');

  await page.getByLabel('Closing note').fill('Facteurs réinitialisés, technicien avisé.');
  await page.getByRole('button', { name: 'Close request' }).click();
  await expect(page.locator('[data-request-status]')).toHaveText('CLOSED');

  const notice = readOutbox(dataDir).filter((mail) => mail.to === 'technicien@garage.test').pop();
  expect(notice?.subject).toBe('Votre authentification multifacteur wiTECH 2.0 a été réinitialisée');

  const next = await api<{ status: string }>('POST', '/api/v1/authn', { username: 'technicien@garage.test', password: PASSWORD }, false);
  expect(next.status).toBe('MFA_ENROLL');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'reset-factors' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'close', exact: true })).toBeVisible();
});
