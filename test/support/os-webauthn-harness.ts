/**
 * The OS WebAuthn window played by a Chromium page, for the e2e tests (no Electron here). It mirrors
 * main/shell/os-webauthn-window.ts step for step: the page is the app's built os-webauthn.html, served
 * at the org origin by request interception (Electron: the window session's https handler), with the same
 * two-function bridge (Electron: preload/os-webauthn.ts). Chromium's virtual authenticator on that page
 * plays the key Windows' dialog would drive.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { Language } from '../../preload/contract.ts';
import { osWebauthnPageUrl, resolveOsWebauthnFile } from '../../main/shell/os-webauthn-options.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/window-options.ts';
import type { OsWebauthnRequest, OsWebauthnWindow } from '../../main/yubikey/os-webauthn.ts';
import { RENDERER_DIR } from './bootstrap.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export interface OsWebauthnHarness {
  readonly open: OsWebauthnWindow;
  /** The window's page while a ceremony runs (tests look at it, press Cancel, take screenshots). */
  readonly page: () => Page | undefined;
  readonly authenticator: () => Promise<{ cdp: CDPSession; authenticatorId: string }>;
  /** Ceremonies opened so far. */
  readonly opened: OsWebauthnRequest[];
}

export function createOsWebauthnHarness(context: BrowserContext, language: () => Promise<Language>): OsWebauthnHarness {
  let page: Page | undefined;
  let key: { cdp: CDPSession; authenticatorId: string } | undefined;
  let current: { request: OsWebauthnRequest; resolve: (answer: unknown) => void } | undefined;
  // The org origin of the latest ceremony: the only origin the window's "session" answers for.
  let origin: string | undefined;
  const opened: OsWebauthnRequest[] = [];

  async function windowPage(): Promise<Page> {
    if (page) return page;
    const created = await context.newPage();
    // The size main/shell/os-webauthn-options.ts gives the window.
    await created.setViewportSize({ width: 480, height: 340 });
    // Everything the window asks for goes through here: nothing reaches the network or the org.
    await created.route('**/*', async (route) => {
      const file = origin ? resolveOsWebauthnFile(RENDERER_DIR, origin, route.request().url()) : undefined;
      if (!file) return route.fulfill({ status: 404, body: 'Not found' });
      const body = await readFile(file).catch(() => undefined);
      return body ? route.fulfill({ status: 200, body, headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY } }) : route.fulfill({ status: 404, body: 'Not found' });
    });
    await created.exposeFunction('__garageOsWebauthnRequest', async () => {
      if (!current) throw new Error('no ceremony');
      return { kind: current.request.kind, optionsJson: current.request.optionsJson, language: await language() };
    });
    await created.exposeFunction('__garageOsWebauthnFinish', (answer: unknown) => {
      const done = current;
      current = undefined;
      done?.resolve(answer);
    });
    await created.addInitScript(() => {
      const exposed = window as unknown as { __garageOsWebauthnRequest: () => Promise<unknown>; __garageOsWebauthnFinish: (answer: unknown) => Promise<void> };
      Object.defineProperty(window, 'garageOsWebauthn', {
        value: Object.freeze({ request: () => exposed.__garageOsWebauthnRequest(), finish: (answer: unknown) => void exposed.__garageOsWebauthnFinish(answer) }),
      });
    });
    created.on('close', () => {
      page = undefined;
      const done = current;
      current = undefined;
      done?.resolve(undefined);
    });
    page = created;
    return created;
  }

  return {
    opened,
    page: () => page,
    async authenticator() {
      if (key) return key;
      const target = await windowPage();
      const cdp = await context.newCDPSession(target);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      key = { cdp, authenticatorId };
      return key;
    },
    async open(request) {
      opened.push(request);
      origin = new URL(request.origin).origin;
      const target = await windowPage();
      return new Promise<unknown>((resolve) => {
        current = { request, resolve };
        void target.goto(osWebauthnPageUrl(request.origin)).catch(() => undefined);
      });
    },
  };
}
