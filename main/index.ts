/**
 * Electron entry: single instance, privileged app scheme, lifecycle → shell + compose. Everything the app
 * does lives in plain-Node services built by compose.ts; this file only wires Electron to them.
 */
import { app, dialog, ipcMain, shell, type BrowserWindow } from 'electron';
import { release } from 'node:os';
import { appendFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import QRCode from 'qrcode';
import { compose } from './compose.ts';
import { systemClock } from './core/clock.ts';
import { cryptoRandom } from './core/random.ts';
import { resolveAppConfig } from './app-config.ts';
import { policyPath } from './settings/machine-policy.ts';
import { loadMachinePolicy } from './settings/policy-loader.ts';
import { createKeytarSecretStore } from './keychain/keytar-secret-store.ts';
import { listHidDevices, listYubiKeys } from './yubikey/list-keys.ts';
import { chooseCeremonyPath } from './yubikey/path-choice.ts';
import { createYubikeyService } from './yubikey/yubikey-service.ts';
import { createOsWebauthnCeremonies } from './yubikey/os-webauthn.ts';
import { isWindowsAdmin } from './yubikey/windows-elevation.ts';
import { createOsWebauthnWindow } from './shell/os-webauthn-window.ts';
import type { Language } from '../preload/contract.ts';
import { watchYubikeys } from './yubikey/device-watcher.ts';
import { createPinRequests } from './yubikey/pin-request.ts';
import { openNodeHidDevice } from './yubikey/hid/node-hid-adapter.ts';
import { renderReport } from './selftest/self-test.ts';
import { buildInfo, describeBuild } from './build-info.ts';
import { decideUpdates, isMsiInstall } from './update/update-policy.ts';
import { startAutoUpdates } from './shell/auto-updater.ts';
import { allowOrigins, createDispatch } from './core/dispatch.ts';
import { createLogger } from './core/redact.ts';
import { startLocalOrg } from './local-org/server.ts';
import { handleAppScheme, registerAppScheme } from './shell/app-protocol.ts';
import { electronFetch } from './shell/electron-ports.ts';
import { bindIpc, createEventSender } from './shell/ipc-binding.ts';
import { handleDeepLinks } from './shell/deep-link.ts';
import { createMainWindow } from './shell/window.ts';
import { createElectronSettingsStore } from './shell/electron-settings-store.ts';
import { APP_ORIGIN } from './shell/window-options.ts';

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | undefined;
// One log file per user, redacted line by line (main/core/redact.ts): support asks for it by name.
const log = createLogger((line) => {
  console.log(line);
  try {
    appendFileSync(join(app.getPath('logs'), 'garage-signin.log'), `${new Date().toISOString()} ${line}\n`);
  } catch {
    // A read-only or full disk must not stop sign-in.
  }
});

async function start(): Promise<void> {
  // The installer's policy wins; environment variables serve development and pilots.
  const loaded = await loadMachinePolicy(policyPath(process.platform, process.env));
  const policy = loaded.ok ? loaded.value : undefined;
  const configured = {
    orgUrl: policy?.orgUrl ?? process.env.GARAGE_SIGNIN_ORG_URL,
    diagnosticsUrl: policy?.diagnosticsUrl ?? process.env.GARAGE_SIGNIN_DIAGNOSTICS_URL,
    supportUrl: policy?.supportUrl ?? process.env.GARAGE_SIGNIN_SUPPORT_URL,
  };
  const localOrg = configured.orgUrl ? undefined : await startLocalOrg({ dataDir: join(app.getPath('userData'), 'local-org'), port: 0, seedDemo: true });
  const resolved = resolveAppConfig(configured, localOrg?.url);
  if (!resolved.ok) {
    dialog.showErrorBox('Garage Sign-In', `Invalid configuration: ${(resolved.error.fields ?? []).join(', ')}`);
    app.exit(2);
    return;
  }
  const config = resolved.value;
  const sendEvent = createEventSender(() => mainWindow?.webContents);
  const beside = await readdir(dirname(process.execPath)).catch(() => [] as string[]);
  const updateDecision = decideUpdates({ isPackaged: app.isPackaged, policy, msiInstall: isMsiInstall(process.platform, beside), online: true });
  const pins = createPinRequests((request) => sendEvent('yubikey.pinNeeded', request));
  const keys = watchYubikeys({ enumerate: listHidDevices, onChange: (change) => sendEvent('yubikey.device', change), setInterval, clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) });
  const keyPath = chooseCeremonyPath({ electron: true, platform: process.platform, isAdmin: await isWindowsAdmin(process.platform) });
  // The OS window speaks the technician's chosen language; the composition knows it once it exists.
  const currentLanguage: { get: () => Promise<Language> } = { get: async () => 'fr' };
  const keyCeremonies =
    keyPath.path === 'os-webauthn'
      ? createOsWebauthnCeremonies(
          createOsWebauthnWindow({
            rendererDir: join(import.meta.dirname, '../renderer'),
            preloadPath: join(import.meta.dirname, '../preload/os-webauthn.cjs'),
            parent: () => mainWindow,
            language: () => currentLanguage.get(),
          }),
        )
      : createYubikeyService({ enumerate: listHidDevices, open: openNodeHidDevice, random: cryptoRandom, onTouch: (prompt) => sendEvent('yubikey.touch', prompt), askPin: (request) => pins.prompt(request) });
  const { handlers, flushHelpOutbox, openLink } = compose({
    ...config,
    version: app.getVersion(),
    build: describeBuild(buildInfo()),
    updates: updateDecision.action === 'none' ? updateDecision.reason : updateDecision.action === 'check' ? 'auto' : 'offline',
    platform: `${process.platform} ${release()} ${process.arch}`,
    dataDir: app.getPath('userData'),
    random: cryptoRandom,
    listKeys: listYubiKeys,
    pluggedKeys: () => keys.models(),
    keyPath,
    yubikey: keyCeremonies,
    answerPin: (pin) => pins.answer(pin),
    openExternal: (url) => shell.openExternal(url),
    emit: (event, payload) => sendEvent(event, payload),
    fetch: electronFetch,
    clock: systemClock,
    sleep: (ms) => sleep(ms),
    log,
    settings: createElectronSettingsStore(),
    secretStore: createKeytarSecretStore(),
    policy,
    policyError: loaded.ok ? undefined : loaded.error,
    defaultLanguage: app.getLocale().startsWith('fr') ? 'fr' : 'en',
    qrDataUrl: (text) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  });
  currentLanguage.get = async () => {
    const info = await handlers['app.info']({});
    return info.ok ? info.value.language : 'fr';
  };
  handleAppScheme(join(import.meta.dirname, '../renderer'));
  bindIpc(ipcMain, createDispatch(handlers, allowOrigins([APP_ORIGIN]), log), () => mainWindow?.webContents);
  mainWindow = createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    isDev: !app.isPackaged,
    externalHosts: () => config.allowedHosts,
  });
  // `garage-signin --selftest`: the installer's check, printed, then the exit code deployment tools read.
  if (process.argv.includes('--selftest')) {
    const report = await handlers['support.selfTest']({});
    const ok = report.ok && report.value.ok;
    console.log(`Garage Sign-In ${describeBuild(buildInfo())}`);
    console.log(report.ok ? renderReport(report.value) : `self-test could not run: ${report.error.code}`);
    app.exit(ok ? 0 : 1);
    return;
  }
  // Activation links: first launch, a second launch forwarded here, or macOS open-url. A link redeemed
  // before the page listens is not lost: the page asks for the current transaction when it starts.
  handleDeepLinks(app, (link) => void openLink(link), focusWindow);
  const stopUpdates = startAutoUpdates(updateDecision, (event, data) => log.info(event, data));
  // Help requests typed while offline go out as soon as the org answers again.
  void flushHelpOutbox();
  const flushTimer = setInterval(() => void flushHelpOutbox(), 60_000);
  app.on('before-quit', () => {
    clearInterval(flushTimer);
    stopUpdates();
    keys.stop();
    void localOrg?.close();
  });
}

function focusWindow(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
