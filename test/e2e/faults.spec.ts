/**
 * Fault table rows whose screen is asserted in the page (the integration suite in test/integration/faults/
 * runs every row against the services): a captive portal in front of the org, and a help outbox folder that
 * turned read-only. Each workstation has its own stack, so the faults never reach other specs.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '../support/bootstrap.ts';
import { createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { faultyNetwork, orgHelpRequests, pcClock } from '../integration/faults/fault-kit.ts';
import { text } from './catalog.ts';
import { expect, snap, test as base } from './fixtures.ts';
import { expectScreen, signIn } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

const test = base.extend<{ faulty: { stack: Stack; network: ReturnType<typeof faultyNetwork>; clock: ReturnType<typeof pcClock>; outboxDir: string } }>({
  faulty: async ({ engine }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'garage-e2e-faults-'));
    const outboxDir = join(dataDir, 'app', 'support');
    await mkdir(outboxDir, { recursive: true });
    // The help outbox on a small tmpfs of its own, so a test can make it read-only (tests run as root).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', outboxDir]);
    const network = faultyNetwork();
    const clock = pcClock();
    const stack = await startStack({ dataDir, wrapFetch: network.wrap, appClock: clock, engine });
    await use({ stack, network, clock, outboxDir });
    await stack.close();
    execFileSync('umount', ['-l', outboxDir]);
    await rm(dataDir, { recursive: true, force: true });
  },
});

async function openRequestHelp(page: Page): Promise<void> {
  await page.getByRole('button', { name: text('fr', 'signIn.needHelp') }).click();
  await page.getByRole('button', { name: text('fr', 'help.requestHelp') }).click();
  await expectScreen(page, 'E-31');
}

test('a captive portal answers for the org: the sign-in says to accept the network page, and a help request waits and then reaches the desk', async ({ page, faulty }) => {
  const login = uniqueLogin('portal');
  await createActiveUser(faulty.stack.org, login, PASSWORD);
  await page.goto(faulty.stack.bridge.url);
  faulty.network.state.fault = 'portal';
  await signIn(page, 'fr', login, PASSWORD);
  await expect(page.getByText(text('fr', 'error.E_NET_CAPTIVE_PORTAL'))).toBeVisible();
  await snap(page, 'F-01-captive-portal');

  await page.goto(faulty.stack.bridge.url);
  await openRequestHelp(page);
  await page.getByLabel(text('fr', 'request.email')).fill(login);
  await page.getByLabel(text('fr', 'request.message')).fill('Le Wi-Fi du garage affiche sa page.');
  await page.getByRole('button', { name: text('fr', 'request.send') }).click();
  await expectScreen(page, 'E-32');
  await expect(page.getByText(text('fr', 'sent.queued'))).toBeVisible();

  faulty.network.state.fault = 'none';
  faulty.clock.shift(60 * 60_000);
  expect(await faulty.stack.app.flushHelpOutbox()).toBe(1);
  expect(orgHelpRequests(join(faulty.stack.dataDir, 'org')).filter((row) => row.email === login)).toHaveLength(1);
});

test('the help outbox folder is read-only: sending says it was neither sent nor saved, and the text stays on screen', async ({ page, faulty }) => {
  await page.goto(faulty.stack.bridge.url);
  faulty.network.state.fault = 'down';
  execFileSync('mount', ['-o', 'remount,ro', faulty.outboxDir]);
  await openRequestHelp(page);
  await page.getByLabel(text('fr', 'request.email')).fill('marc@garage.test');
  await page.getByLabel(text('fr', 'request.message')).fill('Mon téléphone est tombé dans le bac à huile.');
  await page.getByRole('button', { name: text('fr', 'request.send') }).click();
  await expect(page.getByText(text('fr', 'error.E_SUPPORT_NOT_SAVED'))).toBeVisible();
  await expectScreen(page, 'E-31');
  await expect(page.getByLabel(text('fr', 'request.message'))).toHaveValue('Mon téléphone est tombé dans le bac à huile.');
  await snap(page, 'F-02-outbox-read-only');

  // Writable again and the org reachable: the same text goes through.
  execFileSync('mount', ['-o', 'remount,rw', faulty.outboxDir]);
  faulty.network.state.fault = 'none';
  await page.getByRole('button', { name: text('fr', 'request.send') }).click();
  await expectScreen(page, 'E-32');
  await expect(page.locator('[data-reference]')).toBeVisible();
  expect(orgHelpRequests(join(faulty.stack.dataDir, 'org')).filter((row) => row.email === 'marc@garage.test')).toHaveLength(1);
});
