/**
 * The browser shell's adapters for the shared start-up: Node's fetch, conf settings, the OS keychain (or
 * memory outside a Secret Service session), a USB list the shell is given (none in the preview), and the
 * shell's WebSocket for events. Everything only Electron has (OS WebAuthn window, updater) is absent,
 * unless a test plays it.
 */
import { arch, release } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { events, type EventName, type EventPayload, type Language } from '../../preload/contract.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { buildInfo } from '../build-info.ts';
import { cryptoRandom } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import { createKeytarSecretStore } from '../keychain/keytar-secret-store.ts';
import { createMemorySecretStore } from '../keychain/memory-secret-store.ts';
import type { SecretStore } from '../keychain/secret-store.ts';
import { createConfSettingsStore } from '../settings/conf-settings-store.ts';
import type { OsWebauthnWindow } from '../yubikey/os-webauthn.ts';
import type { FetchLike } from '../auth/authn-http.ts';
import type { HidAccess, Platform } from '../start/platform.ts';

/** A USB bus with nothing plugged in: the preview drives no keys from main (the page uses WebAuthn itself). */
export const NO_USB: HidAccess = {
  enumerate: async () => [],
  open: async (path) => {
    throw new Error(`no HID device at ${path}`);
  },
};

export interface BrowserPlatformOptions {
  readonly dataDir: string;
  readonly log: Logger;
  readonly emit: <K extends EventName>(event: K, payload: EventPayload<K>) => void;
  readonly print?: ((line: string) => void) | undefined;
  readonly exit?: ((code: number) => void) | undefined;
  /** The workstation's clock (a test gives it an offset to play a PC whose time is wrong). */
  readonly clock?: Clock | undefined;
  /** The language until one is chosen, as an OS locale would give it. */
  readonly language?: Language | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly argv?: readonly string[] | undefined;
  readonly usb?: HidAccess | undefined;
  readonly secretStore?: SecretStore | undefined;
  /** The network as the app sees it (a test puts a captive portal, a proxy or a hang in front of the org). */
  readonly fetch?: FetchLike | undefined;
  readonly openExternal?: ((url: string) => Promise<void>) | undefined;
  /** A test plays Windows without admin rights: its stand-in for the OS WebAuthn window. */
  readonly osWebauthnWindow?: OsWebauthnWindow | undefined;
}

export function browserPlatform(options: BrowserPlatformOptions): Platform {
  const env = options.env ?? process.env;
  return {
    host: 'browser',
    os: options.osWebauthnWindow ? 'win32' : process.platform,
    isPackaged: false,
    env,
    argv: options.argv ?? [],
    version: buildInfo().version,
    platformLabel: `${process.platform} ${release()} ${arch()} (browser preview)`,
    osLocale: options.language ?? env.LANG ?? 'fr',
    paths: { appData: join(options.dataDir, 'app'), orgData: join(options.dataDir, 'org') },
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock: options.clock ?? systemClock,
    sleep: (ms) => sleep(ms),
    random: cryptoRandom,
    timers: { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
    log: options.log,
    print: options.print ?? ((line) => console.log(line)),
    reportFatal: (message) => (options.print ?? ((line) => console.error(line)))(`Garage Sign-In: ${message}`),
    settings: createConfSettingsStore(join(options.dataDir, 'app')),
    // Inside scripts/with-keyring.sh (npm test) the real OS keychain; elsewhere memory.
    secretStore: options.secretStore ?? (env.GARAGE_KEYRING === '1' ? createKeytarSecretStore() : createMemorySecretStore()),
    sendEvent: (event, payload) => {
      const checked = events[event].safeParse(payload);
      if (checked.success) options.emit(event, checked.data as never);
    },
    openExternal: options.openExternal ?? (async (url) => options.print?.(`Opening ${new URL(url).host} (diagnostics hand-off)`)),
    hid: options.usb ?? NO_USB,
    isWindowsAdmin: async () => false,
    ...(options.osWebauthnWindow ? { osWebauthnWindow: () => options.osWebauthnWindow as OsWebauthnWindow } : {}),
    exit: options.exit ?? ((code) => process.exit(code)),
  };
}
