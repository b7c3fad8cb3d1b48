/**
 * The packaged app itself: Electron launched by Playwright on the built bundles, signing in against a local
 * org over real HTTP. Runs wherever an Electron binary exists (the release workflow's e2e job); on build
 * machines that cannot download Electron it is reported as skipped, with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalOrg } from '../../main/local-org/server.ts';
import { electronBinary } from '../../scripts/electron-binary.ts';
import { admin, createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expectScreen, phoneCode, signIn } from './flows.ts';

const binary = electronBinary();
const root = join(import.meta.dirname, '../..');

// The release workflow sets GARAGE_REQUIRE_ELECTRON=1: there a missing binary is a failure, not a skip.
const required = process.env.GARAGE_REQUIRE_ELECTRON === '1';
test.skip(!binary && !required, 'No Electron binary on this machine (the electron package could not download it); the release workflow runs this test.');

test('the packaged app signs a technician in with Google Authenticator against an org', async () => {
  if (!binary) throw new Error('GARAGE_REQUIRE_ELECTRON=1 but the electron package has no binary: its download failed');
  const dataDir = await mkdtemp(join(tmpdir(), 'garage-electron-'));
  const org = await startLocalOrg({ dataDir: join(dataDir, 'org'), port: 0 });
  const login = uniqueLogin('electron');
  const user = await createActiveUser(org, login, 'Garage-Shop-2026');
  const factor = await admin<{ id: string; _embedded: { activation: { sharedSecret: string } } }>(org, 'POST', `/api/v1/users/${user.id}/factors`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
  await admin(org, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: phoneCode(factor._embedded.activation.sharedSecret, Date.now() / 1000) });
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: [root, `--user-data-dir=${join(dataDir, 'user')}`],
    env: { ...(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)) as Record<string, string>), GARAGE_SIGNIN_ORG_URL: org.url, GARAGE_SIGNIN_DIAGNOSTICS_URL: `${org.url}/diagnostics`, GARAGE_SIGNIN_POLICY: join(dataDir, 'no-policy.json') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-screen-id]')).toBeVisible();
    // The real preload, not the test bridge: window.garage comes from contextBridge.
    expect(await window.evaluate(() => typeof (window as unknown as { garage?: unknown }).garage)).toBe('object');
    // The app starts in the OS language.
    const lang = ((await window.locator('html').getAttribute('lang')) ?? 'fr') as 'fr' | 'en';
    await signIn(window, lang, login, 'Garage-Shop-2026');
    await expectScreen(window, 'E-16');
    // A code from a later step than the one used to activate the factor (a used step is refused).
    await new Promise((resolve) => setTimeout(resolve, (30 - (Math.floor(Date.now() / 1000) % 30) + 1) * 1000));
    await window.getByLabel(text(lang, 'challenge.codeLabel')).fill(phoneCode(factor._embedded.activation.sharedSecret, Date.now() / 1000));
    await expectScreen(window, 'E-20');
  } finally {
    await app.close();
    await org.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
