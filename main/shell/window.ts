/**
 * Creates the one app window and its guards: no navigation away from the app, no new windows (allowed
 * https links go to the system browser), every permission request refused, CSP on every response.
 */
import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import { BrowserWindow, shell } from 'electron';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, externalOpenDecision, isNavigationAllowed, isPermissionAllowed, windowOptions } from './window-options.ts';

export interface WindowDeps {
  readonly preloadPath: string;
  readonly isDev: boolean;
  /** Hosts whose https links may open in the system browser (org, diagnostics, support). */
  readonly externalHosts: () => readonly string[];
}

export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  target.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createMainWindow(deps: WindowDeps): BrowserWindowType {
  const win = new BrowserWindow(windowOptions(deps.preloadPath, deps.isDev));
  hardenSession(win.webContents.session);
  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = externalOpenDecision(url, deps.externalHosts());
    if (decision.open && decision.url) void shell.openExternal(decision.url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
