import { defineConfig } from '@playwright/test';
import type { EngineOption } from './fixtures.ts';

/**
 * E2E in Debian's Chromium through the bridge harness (the Electron binary cannot be downloaded on build
 * machines). The launch flags keep Chromium off the network, which is closed here anyway.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig<object, EngineOption>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-output/e2e-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A stray test.only would run one test and pass the suite.
  forbidOnly: true,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'fr-CA',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  // The same specs on both Okta engines: the embedded org starts with `--engine classic` or `--engine identity`.
  projects: [
    { name: 'classic', use: { engine: 'classic' } },
    { name: 'identity', use: { engine: 'identity' } },
  ],
});
