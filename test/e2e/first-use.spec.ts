/**
 * Faster to first use (issue #16): main hands its first answers over with the page, so the window draws the
 * right first screen in the technician's language without a round trip to main. The WebSocket to main is
 * held here: whatever the page shows before it is released came with the page.
 */
import type { Page, WebSocketRoute } from '@playwright/test';
import { admin, createActiveUser, uniqueLogin } from '../support/org-admin.ts';
import { text } from './catalog.ts';
import { expect, expectAccessible, test, type TestStack } from './fixtures.ts';
import { expectScreen, phoneCode, screen } from './flows.ts';

const PASSWORD = 'Garage-Shop-2026';

/** Main's answers to the page wait until `release()`: the page's own calls still reach main. */
async function holdMainAnswers(page: Page): Promise<{ release(): void }> {
  let held: Array<() => void> | undefined = [];
  await page.routeWebSocket('**/__shell/ws', (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => (held ? held.push(() => ws.send(message)) : ws.send(message)));
  });
  return {
    release() {
      const queued = held ?? [];
      held = undefined;
      for (const send of queued) send();
    },
  };
}

async function freshApp(stack: TestStack, language: 'fr' | 'en'): Promise<void> {
  stack.clock.set(Math.max(stack.clock.nowMs(), Date.now()));
  await stack.app.handlers['auth.cancel']({});
  await stack.app.handlers['settings.setLanguage']({ language });
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) sign-in is drawn and usable before main answers anything, focus in the username field`, async ({ page, stack }) => {
    await freshApp(stack, lang);
    const main = await holdMainAnswers(page);
    await page.goto(stack.bridge.url);
    const username = page.getByLabel(text(lang, 'signIn.username'));
    await expect(username).toBeEnabled();
    await expect(username).toBeFocused();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { name: text(lang, 'signIn.title') })).toBeVisible();
    // What the technician types before main's first answers is kept when they arrive.
    await page.keyboard.type('ana.martin');
    main.release();
    await expect(page.getByRole('button', { name: text(lang, 'signIn.next') })).toBeEnabled();
    await page.keyboard.type('@garage.test');
    await expect(username).toHaveValue('ana.martin@garage.test');
    await expectAccessible(page);
  });
}

/** The start-up script waits until `release()`: what the page shows meanwhile is main's own drawing. */
async function holdStartupScript(page: Page): Promise<{ release(): void; held: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldNow!: () => void;
  const held = new Promise<void>((resolve) => (heldNow = resolve));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    heldNow();
    await released;
    await route.continue();
  });
  return { release, held };
}

for (const lang of ['fr', 'en'] as const) {
  test(`(${lang}) main draws sign-in with the page: typed before the app's script runs, nothing is lost and Next goes on`, async ({ page, stack }) => {
    await freshApp(stack, lang);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    const script = await holdStartupScript(page);
    await page.goto(stack.bridge.url, { waitUntil: 'commit' });
    await script.held;
    const username = page.getByLabel(text(lang, 'signIn.username'));
    await expect(username).toBeEnabled();
    await expect(username).toBeFocused();
    await expect(page.getByRole('heading', { name: text(lang, 'signIn.title') })).toBeVisible();
    // Nothing of the app's script has run: this is the page as main served it.
    await expect(page.locator('#root')).not.toHaveAttribute('data-live', /.*/);
    await page.keyboard.type('ana.martin@garage.test');
    script.release();
    await expect(page.locator('#root')).toHaveAttribute('data-live', 'true');
    // Still in the field, with all of it: Enter at once goes on with the name typed before the app ran.
    await expect(username).toBeFocused();
    await expect(username).toHaveValue('ana.martin@garage.test');
    await page.keyboard.press('Enter');
    await expectScreen(page, 'E-01b');
    await expect(screen(page, 'E-01b').getByText('ana.martin@garage.test')).toBeVisible();
    await expectAccessible(page);
    // A hydration mismatch would show here (React reports it, then redraws and drops what was typed).
    expect(problems).toEqual([]);
  });
}

test('a remembered username is in the page main draws; unticked there before the app runs, it is forgotten at sign-in', async ({ page, stack }) => {
  await freshApp(stack, 'fr');
  const login = uniqueLogin('tech-remembered');
  await createActiveUser(stack.org, login, PASSWORD, 'fr');
  const started = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD, remember: true });
  expect(started.ok).toBe(true);
  await stack.app.handlers['auth.cancel']({});
  const script = await holdStartupScript(page);
  await page.goto(stack.bridge.url, { waitUntil: 'commit' });
  await script.held;
  const username = page.getByLabel(text('fr', 'signIn.username'));
  const remember = page.getByLabel(text('fr', 'signIn.remember'));
  await expect(username).toHaveValue(login);
  await expect(remember).toBeChecked();
  // The next technician on this PC does not want the name kept, and says so before the app's script ran.
  await remember.uncheck();
  script.release();
  await expect(page.locator('#root')).toHaveAttribute('data-live', 'true');
  await expect(remember).not.toBeChecked();
  await page.getByRole('button', { name: text('fr', 'signIn.next') }).click();
  await expectScreen(page, 'E-01b');
  await page.getByLabel(text('fr', 'signIn.password'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: text('fr', 'signIn.submit') }).click();
  await expect(page.locator('[data-screen-id="E-01b"]')).toHaveCount(0);
  const info = await stack.app.handlers['app.info']({});
  expect(info.ok && info.value.rememberedUsername).toBeUndefined();
  await stack.app.handlers['session.switchTechnician']({});
});

test('a sign-in already in progress opens on its own screen: the sign-in screen never shows', async ({ page, stack }) => {
  await freshApp(stack, 'fr');
  const login = uniqueLogin('tech-boot');
  const user = await createActiveUser(stack.org, login, PASSWORD, 'fr');
  const factor = await admin<{ id: string; _embedded: { activation: { sharedSecret: string } } }>(stack.org, 'POST', `/api/v1/users/${user.id}/factors`, { factorType: 'token:software:totp', provider: 'GOOGLE' });
  await admin(stack.org, 'POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: phoneCode(factor._embedded.activation.sharedSecret, stack.clock.nowMs() / 1000) });
  const started = await stack.app.handlers['auth.signIn']({ username: login, password: PASSWORD });
  expect(started.ok && started.value.status).toBe('MFA_REQUIRED');
  // Every screen the page ever shows, from the first parse on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenScreens: string[] }).seenScreens = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('[data-screen-id]')) {
        const id = element.getAttribute('data-screen-id') ?? '';
        if (!seen.includes(id)) seen.push(id);
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(stack.bridge.url);
  await expectScreen(page, 'E-16');
  await expect(screen(page, 'E-16').getByText(login)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { seenScreens: string[] }).seenScreens)).toEqual(['E-16']);
  await stack.app.handlers['auth.cancel']({});
});
