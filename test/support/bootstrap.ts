/**
 * The whole product without Electron, for tests: the browser shell over the shared start-up
 * (main/browser-shell/start-browser-app.ts), exactly as `npm run preview` starts it, with what only tests
 * need given as adapters and options: a temp data folder, an org clock the test moves, a workstation
 * clock of its own, USB keys behind node-hid's interface, a stand-in for the OS WebAuthn window.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Composition } from '../../main/compose.ts';
import { systemClock, type Clock } from '../../main/core/clock.ts';
import { createLogger, silentLogger, type Logger } from '../../main/core/redact.ts';
import type { LocalOrg } from '../../main/local-org/server.ts';
import type { OrgPolicy } from '../../main/local-org/org-context.ts';
import type { OrgEngine } from '../../main/local-org/idx/engine.ts';
import type { Language } from '../../preload/contract.ts';
import { startBrowserApp, type BrowserApp } from '../../main/browser-shell/start-browser-app.ts';
import type { HidDevice } from '../../main/yubikey/hid/hid-port.ts';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID } from '../../main/yubikey/list-keys.ts';
import type { HidDeviceInfo } from '../../main/yubikey/yubikey-service.ts';
import type { OsWebauthnWindow } from '../../main/yubikey/os-webauthn.ts';
import type { RunningApp } from '../../main/start/start-app.ts';
import type { FetchLike } from '../../main/auth/authn-http.ts';
import type { SecretStore } from '../../main/keychain/secret-store.ts';

export const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');

export interface Stack {
  readonly org: LocalOrg;
  /** The browser shell: `url` carries the run's token (as the preview prints it), `origin` is the page's. */
  readonly bridge: BrowserApp['shell'];
  readonly app: Composition;
  readonly running: RunningApp;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logLines: string[];
  /** URLs the app asked the system browser to open (the diagnostics hand-off), newest last. */
  readonly opened: string[];
  /** The USB devices the app's HID enumeration sees: a test plugs and pulls keys (the watcher polls every 100 ms). */
  readonly usb: { plug(device: HidDeviceInfo): void; unplug(path: string): void };
  close(): Promise<void>;
}

export interface StackOptions {
  readonly dataDir?: string;
  readonly orgPort?: number;
  readonly bridgePort?: number;
  /** The org's clock (tests move it for TOTP steps and expiry). */
  readonly clock?: Clock;
  /** The workstation's clock; a test gives it an offset to play a PC whose time is wrong. */
  readonly appClock?: Clock;
  readonly language?: Language;
  readonly seedDemo?: boolean;
  readonly log?: Logger;
  /** A machine policy file, read the way a development run reads it (GARAGE_SIGNIN_POLICY). */
  readonly policyFile?: string;
  /** USB security keys behind node-hid's interface: main then runs WebAuthn itself, as in the packaged app. */
  readonly hidKeys?: readonly HidDevice[];
  /** The OS WebAuthn window (Windows without admin rights): main hands ceremonies to it, as in the packaged app. */
  readonly osWebauthn?: OsWebauthnWindow;
  /** Org policy overrides, e.g. Okta's default WebAuthn user verification "discouraged". */
  readonly orgPolicy?: Partial<OrgPolicy>;
  /** Wraps the app's fetch: fault tests play a captive portal, a proxy, a gateway or a hang in front of the org. */
  readonly wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** The OS keychain the app uses (fault tests lock it mid-flow); by default the platform's. */
  readonly secretStore?: SecretStore;
  /** The embedded org's Okta engine (default classic): the e2e suite runs on both. */
  readonly engine?: OrgEngine;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const ownData = options.dataDir === undefined;
  const hidKeys = options.hidKeys ?? [];
  // One enumeration for the whole app, as node-hid gives in main: the keys' FIDO interfaces, and whatever a test plugs.
  const visible: HidDeviceInfo[] = hidKeys.map((_, i) => ({ path: `fake-hidraw${i}`, vendorId: YUBICO_VENDOR_ID, productId: 0x0407, usagePage: FIDO_USAGE_PAGE }));
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'garage-stack-')));
  const logLines: string[] = [];
  const log = options.log ?? createLogger((line) => logLines.push(line));
  const opened: string[] = [];
  const { GARAGE_SIGNIN_POLICY: _ignored, ...env } = process.env;
  const browser = await startBrowserApp({
    rendererDir: RENDERER_DIR,
    dataDir,
    port: options.bridgePort,
    log,
    print: () => undefined,
    language: options.language ?? 'fr',
    env: options.policyFile ? { ...env, GARAGE_SIGNIN_POLICY: options.policyFile } : env,
    clock: options.appClock ?? systemClock,
    openExternal: async (url) => void opened.push(url),
    ...(options.wrapFetch ? { fetch: options.wrapFetch((input, init) => fetch(input, init)) } : {}),
    ...(options.secretStore ? { secretStore: options.secretStore } : {}),
    usb: {
      enumerate: async () => [...visible],
      open: async (path) => {
        const key = hidKeys[Number(path.replace('fake-hidraw', ''))];
        if (!key) throw new Error(`no HID device at ${path}`);
        return key;
      },
    },
    mainRunsKeys: hidKeys.length > 0 || options.osWebauthn !== undefined,
    osWebauthnWindow: options.osWebauthn,
    watchIntervalMs: 100,
    org: { port: options.orgPort, clock: options.clock, seedDemo: options.seedDemo ?? false, policy: options.orgPolicy, log: silentLogger, ...(options.engine ? { engine: options.engine } : {}) },
  });
  const org = browser.app.org;
  if (!org) throw new Error('the test stack runs on the embedded org');
  return {
    org,
    bridge: browser.shell,
    app: browser.app.composition,
    running: browser.app,
    dataDir,
    clock: options.clock ?? systemClock,
    logLines,
    opened,
    usb: {
      plug: (device) => void visible.push(device),
      unplug(path) {
        const index = visible.findIndex((device) => device.path === path);
        if (index >= 0) visible.splice(index, 1);
      },
    },
    async close() {
      await browser.close();
      if (ownData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
