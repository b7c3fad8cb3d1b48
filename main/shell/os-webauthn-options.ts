/**
 * The OS WebAuthn window's settings as data (conventions §4.8), tested without Electron: its window
 * options, and the one rule of its session: answer only the page and its assets, on the org origin, from
 * the app's own files; everything else (any other host, path or file) is refused, so the window never
 * touches the network.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { normalize, join, sep } from 'node:path';
import { OS_WEBAUTHN_BASE, OS_WEBAUTHN_PAGE } from '../../preload/os-webauthn-channels.ts';

/** In memory only (no "persist:" prefix): nothing of a ceremony outlives the window. */
export const OS_WEBAUTHN_PARTITION = 'garage-os-webauthn';

export function osWebauthnPageUrl(orgOrigin: string): string {
  return new URL(OS_WEBAUTHN_BASE + OS_WEBAUTHN_PAGE, new URL(orgOrigin).origin).toString();
}

/** The file to serve for `requestUrl`, or undefined when the request is anything but the page or its assets. */
export function resolveOsWebauthnFile(rendererDir: string, orgOrigin: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(orgOrigin).origin || !url.pathname.startsWith(OS_WEBAUTHN_BASE) || url.search !== '') return undefined;
  const relative = decodeURIComponent(url.pathname.slice(OS_WEBAUTHN_BASE.length));
  if (relative !== OS_WEBAUTHN_PAGE && !/^assets\/[\w.-]+\.(js|css|json)$/.test(relative)) return undefined;
  const root = normalize(rendererDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root + sep) ? file : undefined;
}

export function osWebauthnWindowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    width: 480,
    height: 340,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    modal: true, // over the app window: the technician finishes or cancels the ceremony first
    show: false,
    title,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      partition: OS_WEBAUTHN_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
    },
  };
}
