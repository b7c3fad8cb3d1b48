/**
 * Security settings are data (conventions §4.8): the window options, the CSP and the permission table
 * are plain values and pure functions, unit-tested without Electron. Each row says why.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's own origin: the renderer is served from a privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'garage';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function windowOptions(preloadPath: string, isDev: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1024,
    height: 760,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Garage Sign-In',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      sandbox: true, // the renderer gets no Node, even if a dependency misbehaves
      contextIsolation: true, // the page cannot reach the preload's scope or Electron's internals
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // same-origin policy stays on
      allowRunningInsecureContent: false,
      webviewTag: false, // a <webview> would be a second, unguarded browser
      navigateOnDragDrop: false, // dropping a file must not replace the app with it
      spellcheck: false, // the spellchecker downloads dictionaries and sees what is typed
      devTools: isDev, // production builds ship without devtools (shared PCs)
      safeDialogs: true,
    },
  };
}

/**
 * Content-Security-Policy of the renderer, served as a header. Also written as a <meta> in renderer/index.html
 * (all but the header-only `frame-ancestors`) and checked against these values by a test, so the packaged page
 * carries it even before the header handler runs.
 */
const PAGE_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'", // no inline or eval'd script
  "style-src 'self'",
  "img-src 'self' data:", // QR codes and security images arrive as data: URLs from main
  "font-src 'self'",
  "connect-src 'self'", // the page talks to main through the preload, not to the network
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** The `<meta>` copy: a policy in a page cannot say who may frame it (browsers ignore it there, and say so). */
export const META_CONTENT_SECURITY_POLICY = PAGE_DIRECTIVES.join('; ');

export const CONTENT_SECURITY_POLICY = [...PAGE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Permission requests from the page: all refused; the app needs none of them (camera, mic, geolocation…). */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

/**
 * scheme://host of a URL. WHATWG URL gives custom schemes an opaque 'null' origin even when Electron
 * registers them as standard, so the origin is computed from the parts.
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : 'null';
  } catch {
    return 'null';
  }
}

/** In-app navigation is never allowed: the window shows only the app. */
export function isNavigationAllowed(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/**
 * Links the page may open in the system browser: https only, and only to hosts the configuration trusts
 * (the org, the diagnostics site, the support site). Everything else is dropped.
 */
export function externalOpenDecision(url: string, allowedHosts: readonly string[]): { open: boolean; url?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { open: false };
  }
  const localHttp = parsed.protocol === 'http:' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1');
  if (parsed.protocol !== 'https:' && !localHttp) return { open: false };
  if (parsed.username || parsed.password) return { open: false };
  if (!allowedHosts.includes(parsed.host)) return { open: false };
  return { open: true, url: parsed.toString() };
}
