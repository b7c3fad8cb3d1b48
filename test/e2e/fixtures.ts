/**
 * Playwright fixtures (conventions §14): one stack per worker (local org on port 0, temp data, bridge),
 * a fresh page per test, and `snap()` to keep a reviewed screenshot of each screen per language.
 */
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, type Stack } from '../support/bootstrap.ts';
import { manualClock } from '../../main/core/clock.ts';
import type { OrgEngine } from '../../main/local-org/idx/engine.ts';
import type { OrgCalls } from '../../main/local-org/call-counter.ts';

export const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-output/screens');

export type TestStack = Stack & { readonly clock: ReturnType<typeof manualClock> };

/**
 * Which Okta engine the embedded org runs: each Playwright project (playwright.config.ts) sets it, so the
 * same specs run on Classic and on Identity Engine.
 */
export interface EngineOption {
  readonly engine: OrgEngine;
}

export const test = base.extend<{ app: Page }, { stack: TestStack } & EngineOption>({
  engine: ['classic', { scope: 'worker', option: true }],
  stack: [
    async ({ engine }, use) => {
      // The org runs on a clock the tests move: TOTP time steps and expiry without waiting.
      const clock = manualClock(Date.now());
      const stack = await startStack({ clock, engine });
      await use({ ...stack, clock });
      await stack.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, stack }, use) => {
    // The org's clock never lags the workstation's at the start of a test: the app checks a transaction's
    // expiresAt (org time) against its own clock, and a worker's earlier tests, slow on a busy machine,
    // would otherwise make a fresh transaction look expired. Forward only: used codes stay used.
    stack.clock.set(Math.max(stack.clock.nowMs(), Date.now()));
    // Every test starts like a freshly opened app: no transaction, French (the app's default here).
    await stack.app.handlers['auth.cancel']({});
    await stack.app.handlers['settings.setLanguage']({ language: 'fr' });
    await page.goto(stack.bridge.url);
    await expect(page.locator('[data-screen-id]')).toBeVisible();
    await use(page);
  },
});

export { expect };

/**
 * Why a spec cannot run on Identity Engine yet: what the org or the app's IDX client is missing. Each skip
 * names one of these; they are lifted as the pieces arrive.
 */
export const NOT_YET_ON_IDENTITY = {} as const satisfies Record<string, string>;

/** The org's call counts now, to compare with after a flow (`expectEngineUsed`). */
export function callsNow(stack: TestStack): OrgCalls {
  return stack.org.calls();
}

/**
 * The app spoke the org's engine since `before`, by the org's own count: on Identity Engine, IDX calls
 * under the app's client and not one Authn call; on Classic, Authn calls and no IDX call. And the app's
 * diagnostics name that engine.
 */
export async function expectEngineUsed(stack: TestStack, engine: OrgEngine, before: OrgCalls): Promise<void> {
  const after = stack.org.calls();
  const client = stack.org.clients.native;
  const idx = (after.idx[client] ?? 0) - (before.idx[client] ?? 0);
  const authn = after.authn - before.authn;
  if (engine === 'identity') {
    expect(idx, 'IDX calls under the app’s client').toBeGreaterThan(0);
    expect(authn, '/api/v1/authn calls').toBe(0);
  } else {
    expect(authn, '/api/v1/authn calls').toBeGreaterThan(0);
    expect(idx, 'IDX calls under the app’s client').toBe(0);
  }
  expect(await stack.app.handlers['app.info']({})).toMatchObject({ ok: true, value: { engine } });
}

/** Saves a screenshot named after the screen ID and language, for review and for the closing notes. */
export async function snap(page: Page, name: string): Promise<void> {
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'xx';
  // Identity Engine's screens beside Classic's, not over them: test-output/screens/identity/<lang>/.
  const dir = base.info().project.name === 'identity' ? join(SCREENSHOT_DIR, 'identity', lang) : join(SCREENSHOT_DIR, lang);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** axe-core over the current screen: WCAG 2.1 AA rules, zero violations expected. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function switchLanguage(page: Page, language: 'fr' | 'en'): Promise<void> {
  await page.getByRole('button', { name: language === 'fr' ? 'Français' : 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
