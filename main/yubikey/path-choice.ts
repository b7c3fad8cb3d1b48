/**
 * Which WebAuthn path a ceremony takes, decided in ONE place (yubikey-hid.md §0 and issue #6), with the
 * reason support sees in diagnostics:
 * - the browser preview and tests: the page itself (http://localhost, RP ID localhost) with Chromium's
 *   WebAuthn and @simplewebauthn/browser;
 * - Windows without administrator rights: raw FIDO HID is closed since Windows 10 1903, so the OS
 *   WebAuthn API (a minimal window on the org origin) collects touch and PIN;
 * - otherwise: the app's own CTAP2 over node-hid, with its own PIN dialog (Electron has none on macOS/Linux).
 */
export type CeremonyPath =
  | { readonly path: 'renderer'; readonly reason: 'browser-preview' }
  | { readonly path: 'os-webauthn'; readonly reason: 'windows-hid-needs-admin' }
  | { readonly path: 'native-hid'; readonly reason: 'hid-available' | 'windows-admin' };

export function chooseCeremonyPath(host: { readonly electron: boolean; readonly platform: NodeJS.Platform; readonly isAdmin: boolean }): CeremonyPath {
  if (!host.electron) return { path: 'renderer', reason: 'browser-preview' };
  if (host.platform === 'win32') return host.isAdmin ? { path: 'native-hid', reason: 'windows-admin' } : { path: 'os-webauthn', reason: 'windows-hid-needs-admin' };
  return { path: 'native-hid', reason: 'hid-available' };
}
