/**
 * The hand-off to diagnostics after a sign-in, on either engine: the auth service gives a one-time grant
 * and the launcher for its kind builds the URL the system browser opens. Classic: the session token through
 * `/login/sessionCookieRedirect`. Identity Engine: Native-to-Web SSO (token exchange, then the authorize
 * request with the interclient token). One allow-list for both: the org, the diagnostics site and, on
 * Identity Engine, the web app's redirect URI must be on it, or nothing is sent or opened. The URLs carry
 * tokens, so they go to the opener only, never to a log or the page.
 */
import type { FetchLike } from '../auth/authn-http.ts';
import type { HandOffGrant, HandOffKind, OidcTokensGrant } from '../auth/hand-off-grant.ts';
import type { RandomBytes } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { isAllowedDestination, isAllowedUrl, type Destination } from './destination-allow-list.ts';
import { exchangeForInterclientToken, interclientAuthorizeUrl, type WebAppTarget } from './native-to-web-sso.ts';
import { sessionCookieRedirectUrl } from './session-cookie-redirect.ts';

export interface LaunchDeps {
  readonly destination: () => Destination;
  readonly allowedHosts: () => readonly string[];
  /** The diagnostics web app for Native-to-Web SSO; without one, Identity Engine opens the diagnostics page to sign in there. */
  readonly webApp: () => WebAppTarget | undefined;
  /** Which grant the next hand-off will use (the engine of the current sign-in), for the screen shown before it. */
  readonly kind: () => HandOffKind;
  /** Opens the URL in the system browser (Electron: shell.openExternal). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly fetch: FetchLike;
  readonly random: RandomBytes;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host.slice(0, 253);
  } catch {
    return '';
  }
}

export function createLauncher(deps: LaunchDeps) {
  /** Where the browser lands: the web app's redirect URI with SSO, else the diagnostics URL. */
  function landing(kind: HandOffKind): { host: string; allowed: boolean } {
    const destination = deps.destination();
    const baseAllowed = isAllowedDestination(destination, deps.allowedHosts());
    const webApp = kind === 'oidc-tokens' ? deps.webApp() : undefined;
    if (!webApp) return { host: safeHost(destination.diagnosticsUrl), allowed: baseAllowed };
    return { host: safeHost(webApp.redirectUri), allowed: baseAllowed && isAllowedUrl(webApp.redirectUri, deps.allowedHosts()) };
  }

  async function opened(url: string, host: string, how: string): Promise<Result<{ destinationHost: string }>> {
    try {
      await deps.openExternal(url);
    } catch (error) {
      deps.log.error('launch.failed', { error: error instanceof Error ? error.name : 'unknown' });
      return fail('E_LAUNCH_FAILED');
    }
    deps.log.info('launch.opened', { destinationHost: host, how });
    return ok({ destinationHost: host });
  }

  async function nativeToWeb(grant: OidcTokensGrant, host: string): Promise<Result<{ destinationHost: string }>> {
    const destination = deps.destination();
    const webApp = deps.webApp();
    if (!webApp) {
      // No web app trusts this client: the diagnostics page opens and asks for a sign-in of its own (okta-idx.md §5).
      return opened(destination.diagnosticsUrl, host, 'without-sso');
    }
    // The tokens go to the org's own authorization server and nowhere else.
    if (new URL(grant.issuer).origin !== new URL(destination.orgUrl).origin || !isAllowedUrl(grant.issuer, deps.allowedHosts())) {
      deps.log.warn('launch.refused', { reason: 'issuer', issuerHost: safeHost(grant.issuer) });
      return fail('E_LAUNCH_NOT_ALLOWED');
    }
    const exchanged = await exchangeForInterclientToken({ fetch: deps.fetch, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) }, grant, webApp);
    if (!exchanged.ok) {
      deps.log.warn('launch.exchange_failed', { code: exchanged.error.code, oktaCode: exchanged.error.oktaCode, cause: exchanged.error.cause });
      return exchanged;
    }
    const state = Buffer.from(deps.random(16)).toString('base64url');
    return opened(interclientAuthorizeUrl(grant.issuer, webApp, exchanged.value, state), host, 'native-to-web-sso');
  }

  return {
    /** What the success screen shows before the technician clicks: where they are going, and whether it is allowed. */
    describe(): Result<{ destinationHost: string; allowed: boolean }> {
      const { host, allowed } = landing(deps.kind());
      return ok({ destinationHost: host, allowed });
    },

    async open(grant: HandOffGrant | undefined): Promise<Result<{ destinationHost: string }>> {
      const { host, allowed } = landing(grant?.kind ?? deps.kind());
      if (!allowed) {
        const destination = deps.destination();
        deps.log.warn('launch.refused', { orgHost: safeHost(destination.orgUrl), destinationHost: host });
        return fail('E_LAUNCH_NOT_ALLOWED');
      }
      if (!grant) return fail('E_AUTH_NO_TRANSACTION');
      switch (grant.kind) {
        case 'session-token':
          return opened(sessionCookieRedirectUrl(deps.destination().orgUrl, grant.sessionToken, deps.destination().diagnosticsUrl), host, 'session-cookie-redirect');
        case 'oidc-tokens':
          return nativeToWeb(grant, host);
      }
    },
  };
}

export type Launcher = ReturnType<typeof createLauncher>;
