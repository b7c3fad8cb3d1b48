/**
 * The two IPC channels of the OS WebAuthn window (main/shell/os-webauthn-window.ts), apart from the app's
 * contract: that window's page sits on the org origin and must never reach the app's channels.
 */
export const OS_WEBAUTHN_REQUEST = 'garage-os-webauthn:request';
export const OS_WEBAUTHN_FINISH = 'garage-os-webauthn:finish';
/** Where the page lives on the org origin; the window's session answers only below this path. */
export const OS_WEBAUTHN_BASE = '/.garage-webauthn/';
export const OS_WEBAUTHN_PAGE = 'os-webauthn.html';
