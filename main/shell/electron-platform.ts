/**
 * Electron's adapters for the shared start-up (main/start/platform.ts): net.fetch, electron-store, keytar,
 * node-hid, shell.openExternal, the app's paths and locale, the OS WebAuthn window and electron-updater.
 * Data only: every decision about them is made in the start-up, under plain Node and its tests.
 */
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { arch, release } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../core/clock.ts';
import { cryptoRandom } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import { createKeytarSecretStore } from '../keychain/keytar-secret-store.ts';
import type { Platform } from '../start/platform.ts';
import { openNodeHidDevice } from '../yubikey/hid/node-hid-adapter.ts';
import { listHidDevices } from '../yubikey/list-keys.ts';
import { isWindowsAdmin } from '../yubikey/windows-elevation.ts';
import { startAutoUpdates } from './auto-updater.ts';
import { createElectronSettingsStore } from './electron-settings-store.ts';
import { electronFetch } from './electron-ports.ts';
import { createEventSender } from './ipc-binding.ts';
import { createOsWebauthnWindow } from './os-webauthn-window.ts';

export interface ElectronPlatformDeps {
  readonly log: Logger;
  readonly window: () => BrowserWindow | undefined;
  /** The built renderer and the OS WebAuthn page's preload, beside the main bundle. */
  readonly rendererDir: string;
  readonly osWebauthnPreload: string;
}

export function electronPlatform(deps: ElectronPlatformDeps): Platform {
  const userData = app.getPath('userData');
  return {
    host: 'electron',
    os: process.platform,
    isPackaged: app.isPackaged,
    env: process.env,
    argv: process.argv,
    version: app.getVersion(),
    platformLabel: `${process.platform} ${release()} ${arch()}`,
    osLocale: app.getLocale(),
    paths: { appData: userData, orgData: join(userData, 'local-org'), executableDir: dirname(process.execPath) },
    fetch: electronFetch,
    clock: systemClock,
    sleep: (ms) => sleep(ms),
    random: cryptoRandom,
    timers: { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
    log: deps.log,
    print: (line) => console.log(line),
    reportFatal: (message) => dialog.showErrorBox('Garage Sign-In', message),
    settings: createElectronSettingsStore(),
    secretStore: createKeytarSecretStore(),
    sendEvent: createEventSender(() => deps.window()?.webContents),
    openExternal: (url) => shell.openExternal(url),
    hid: { enumerate: listHidDevices, open: openNodeHidDevice },
    isWindowsAdmin: () => isWindowsAdmin(process.platform),
    osWebauthnWindow: (language) => createOsWebauthnWindow({ rendererDir: deps.rendererDir, preloadPath: deps.osWebauthnPreload, parent: deps.window, language }),
    startUpdates: (decision) => startAutoUpdates(decision, (event, data) => deps.log.info(event, data)),
    exit: (code) => app.exit(code),
  };
}
