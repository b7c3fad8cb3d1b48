/**
 * Time to a usable sign-in: in one Chromium run, 15 fresh loads each (new browser context, empty cache), the
 * median time from navigation start to "username field visible and enabled" (the first frame that shows it,
 * seen by the same per-frame check in both pages; for the app, main draws it with the page and the time until
 * React has taken it over is a second figure), for the app (served by the
 * browser shell over the shared start-up, on the embedded org) and for Okta's Sign-In Widget 7.x classic
 * (served from node_modules against the same org, French, its assets local). The two sides' loads alternate.
 * Goal: ratio ≤ 0.25.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { silentLogger } from '../main/core/redact.ts';
import { startBrowserApp } from '../main/browser-shell/start-browser-app.ts';

const LOADS = 15;
const WIDGET_DIST = join(import.meta.dirname, '../node_modules/@okta/okta-signin-widget/dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function widgetPage(orgUrl: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Okta Sign-In Widget</title>
<link rel="stylesheet" href="/widget/css/okta-sign-in.min.css"></head><body><div id="okta-login-container"></div>
<script src="/widget/js/okta-sign-in.classic.min.js"></script>
<script>new OktaSignIn({ baseUrl: ${JSON.stringify(orgUrl)}, useClassicEngine: true, language: 'fr', assets: { baseUrl: '/widget' } }).renderEl({ el: '#okta-login-container' }, function () {}, function () {});</script>
</body></html>`;
}

async function serveWidget(orgUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = normalize(WIDGET_DIST);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(widgetPage(orgUrl));
      return;
    }
    const file = normalize(join(root, path.replace(/^\/widget\//, '/')));
    if (!file.startsWith(root + sep)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Runs in both pages alike, before their own scripts: once per frame, is the field there, enabled (`:enabled`
 * in the selector) and visible (a box, not `visibility: hidden`)? The first frame where it is, in the page's
 * clock (navigation start = 0), is the time to a usable field.
 */
function watchField(selector: string): void {
  // The page's globals, typed here (this file is type-checked without the DOM library).
  const page = globalThis as unknown as {
    document: { querySelector(selector: string): { getBoundingClientRect(): { width: number; height: number } } | null };
    getComputedStyle(element: unknown): { visibility: string };
    requestAnimationFrame(callback: () => void): void;
    fieldReadyAt?: number;
  };
  const check = () => {
    const field = page.document.querySelector(selector);
    const box = field?.getBoundingClientRect();
    if (field && box && box.width > 0 && box.height > 0 && page.getComputedStyle(field).visibility === 'visible') {
      page.fieldReadyAt = performance.now();
      return;
    }
    page.requestAnimationFrame(check);
  };
  page.requestAnimationFrame(check);
}

/**
 * The app's page only: when React has taken over the sign-in main drew (`#root[data-live]`, renderer/main.tsx).
 * Before that the field takes typing (kept at the hand-over), but Next waits for it.
 */
function watchLive(): void {
  const page = globalThis as unknown as {
    document: { getElementById(id: string): { hasAttribute(name: string): boolean } | null };
    MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
    liveAt?: number;
  };
  const observer = new page.MutationObserver(() => {
    if (page.liveAt === undefined && page.document.getElementById('root')?.hasAttribute('data-live')) {
      page.liveAt = performance.now();
      observer.disconnect();
    }
  });
  // The document itself: at this point the page has no element yet.
  observer.observe(page.document, { subtree: true, attributes: true, attributeFilter: ['data-live'] });
}

interface Side {
  readonly url: string;
  readonly selector: string;
  readonly live?: number[];
  readonly times: number[];
  readonly polled: number[];
  fetchedBeforeReady: string[];
}

/** One fresh load (new context, empty cache) of one side, timed. */
async function loadOnce(browser: Browser, side: Side): Promise<void> {
  const context = await browser.newContext({ locale: 'fr-CA' });
  const page = await context.newPage();
  await page.addInitScript(watchField, side.selector);
  if (side.live) await page.addInitScript(watchLive);
  await page.goto(side.url, { waitUntil: 'commit' });
  // `:enabled` in the selector: visible AND usable, the moment a technician can type.
  await page.locator(side.selector).first().waitFor({ state: 'visible', timeout: 60_000 });
  // Playwright's own wait polls with a back-off (checks 0, 20, 50, 100, 100 ms apart, then every 500 ms), so
  // the moment it returns is late by up to 500 ms: kept as a second figure, the page's own frame is the measure.
  side.polled.push(await page.evaluate(() => performance.now()));
  const ready = await page.waitForFunction(() => (globalThis as { fieldReadyAt?: number }).fieldReadyAt).then((handle) => handle.jsonValue() as Promise<number>);
  side.times.push(ready);
  if (side.live) side.live.push(await page.waitForFunction(() => (globalThis as { liveAt?: number }).liveAt).then((handle) => handle.jsonValue() as Promise<number>));
  // What the page had fetched by then (first load): a check on the size bench's static reading.
  if (side.times.length === 1) side.fetchedBeforeReady = await page.evaluate((by) => performance.getEntriesByType('resource').filter((entry) => (entry as unknown as { responseEnd: number }).responseEnd <= by).map((entry) => new URL(entry.name).pathname), ready);
  await context.close();
}

/** gzip size of the app's files the page fetched before its field was ready (the page itself not included). */
async function gzipOfRendererFiles(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) {
    const body = await readFile(join(import.meta.dirname, '../out/renderer', path)).catch(() => undefined);
    if (body) total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export default async function bench() {
  const dataDir = await mkdtemp(join(tmpdir(), 'garage-bench-ready-'));
  const app = await startBrowserApp({ rendererDir: join(import.meta.dirname, '../out/renderer'), dataDir, log: silentLogger, print: () => undefined, org: { seedDemo: false } });
  const widget = await serveWidget(app.app.config.orgUrl);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    // The app's printed URL sets the session cookie; each fresh context opens it as a technician would.
    const appSide: Side = { url: app.shell.url, selector: '#username:enabled', live: [], times: [], polled: [], fetchedBeforeReady: [] };
    const widgetSide: Side = { url: widget.url, selector: 'input[name="username"]:enabled', times: [], polled: [], fetchedBeforeReady: [] };
    // Loads alternate (app, widget, widget, app, …) so both sides meet the same machine load over the run.
    for (let i = 0; i < LOADS; i += 1) {
      for (const side of i % 2 === 0 ? [appSide, widgetSide] : [widgetSide, appSide]) await loadOnce(browser, side);
    }
    const { times: appTimes, polled: appPolled } = appSide;
    const { times: widgetTimes, polled: widgetPolled } = widgetSide;
    const appFiles = appSide.fetchedBeforeReady.filter((path) => path.startsWith('/assets/'));
    const appMedian = median(appTimes);
    const widgetMedian = median(widgetTimes);
    return {
      name: `Sign-in ready: username field visible and enabled (${LOADS} fresh loads each, one Chromium)`,
      figures: {
        'app, median ms': appMedian.toFixed(0),
        'app, min–max ms': `${Math.min(...appTimes).toFixed(0)}–${Math.max(...appTimes).toFixed(0)}`,
        'Okta Sign-In Widget 7.x classic, median ms': widgetMedian.toFixed(0),
        'widget, min–max ms': `${Math.min(...widgetTimes).toFixed(0)}–${Math.max(...widgetTimes).toFixed(0)}`,
        'ratio app / widget (goal ≤ 0.25)': (appMedian / widgetMedian).toFixed(2),
        'app, median ms until live (React has taken over the drawn sign-in; typing before it is kept)': median(appSide.live ?? []).toFixed(0),
        'ratio live / widget': (median(appSide.live ?? []) / widgetMedian).toFixed(2),
        'as Playwright\'s polling wait returns (late by up to 500 ms): app / widget median ms': `${median(appPolled).toFixed(0)} / ${median(widgetPolled).toFixed(0)}`,
        'ratio as the polling wait returns': (median(appPolled) / median(widgetPolled)).toFixed(2),
        'app, files fetched before ready (first load)': appFiles.map((path) => path.replace('/assets/', '')).join(', '),
        'app, their gzip size': `${((await gzipOfRendererFiles(appFiles)) / 1024).toFixed(1)} kB`,
      },
    };
  } finally {
    await browser.close();
    await widget.close();
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
