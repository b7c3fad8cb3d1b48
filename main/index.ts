/**
 * Electron entry: Electron's lifecycle and adapters only. Everything the app does starts in the shared
 * start-up (main/start/start-app.ts), the same function the browser preview and every test run.
 */
import { app, ipcMain, type BrowserWindow } from 'electron';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from './core/redact.ts';
import { loadFirstFrame } from './start/first-frame.ts';
import { pageBoot } from './start/page-boot.ts';
import { startApp } from './start/start-app.ts';
import { handleAppScheme, registerAppScheme } from './shell/app-protocol.ts';
import { handleDeepLinks } from './shell/deep-link.ts';
import { electronPlatform } from './shell/electron-platform.ts';
import { bindIpc } from './shell/ipc-binding.ts';
import { createMainWindow } from './shell/window.ts';
import { APP_ORIGIN } from './shell/window-options.ts';

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

const rendererDir = join(import.meta.dirname, '../renderer');
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
  const platform = electronPlatform({ log, window: () => mainWindow, rendererDir, osWebauthnPreload: join(import.meta.dirname, '../preload/os-webauthn.cjs') });
  const outcome = await startApp(platform, { appOrigins: [APP_ORIGIN] });
  if (outcome.kind === 'exited') return;
  const running = outcome.app;
  // The page arrives with main's first answers (language, sign-in state): no round trip before the first screen.
  handleAppScheme(rendererDir, () => pageBoot(running.dispatch, { origin: APP_ORIGIN, isMainFrame: true, isAppWindow: true }), loadFirstFrame(rendererDir, log));
  bindIpc(ipcMain, running.dispatch, () => mainWindow?.webContents);
  mainWindow = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), isDev: !app.isPackaged, externalHosts: () => running.config.allowedHosts });
  // Activation links: first launch, a second launch forwarded here, or macOS open-url. A link redeemed
  // before the page listens is not lost: the page asks for the current transaction when it starts.
  handleDeepLinks(app, (link) => void running.openLink(link), focusWindow);
  app.on('before-quit', () => void running.stop());
}

function focusWindow(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
