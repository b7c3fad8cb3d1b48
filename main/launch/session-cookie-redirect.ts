/**
 * The hand-off after SUCCESS: `GET {org}/login/sessionCookieRedirect?token={sessionToken}&redirectUrl={url}`
 * makes the browser exchange the one-time session token for an Okta session cookie and land on the
 * diagnostics login already signed in (Okta "Session cookie" guide). The URL carries the token, so it is
 * handed straight to the opener and never logged.
 */
import { fail, ok, type Result } from '../core/result.ts';
import type { Logger } from '../core/redact.ts';
import { isAllowedDestination, type Destination } from './destination-allow-list.ts';

export interface LaunchDeps {
  readonly destination: () => Destination;
  readonly allowedHosts: () => readonly string[];
  /** Opens the URL in the system browser (Electron: shell.openExternal). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Logger;
}

export function sessionCookieRedirectUrl(orgUrl: string, sessionToken: string, redirectUrl: string): string {
  const url = new URL('/login/sessionCookieRedirect', orgUrl);
  url.searchParams.set('token', sessionToken);
  url.searchParams.set('redirectUrl', redirectUrl);
  return url.toString();
}

export function createLauncher(deps: LaunchDeps) {
  return {
    /** What the success screen shows before the technician clicks: where they are going. */
    describe(): Result<{ destinationHost: string; allowed: boolean }> {
      const destination = deps.destination();
      return ok({ destinationHost: new URL(destination.diagnosticsUrl).host, allowed: isAllowedDestination(destination, deps.allowedHosts()) });
    },

    async open(sessionToken: string | undefined): Promise<Result<{ destinationHost: string }>> {
      const destination = deps.destination();
      if (!isAllowedDestination(destination, deps.allowedHosts())) {
        deps.log.warn('launch.refused', { orgHost: new URL(destination.orgUrl).host, destinationHost: new URL(destination.diagnosticsUrl).host });
        return fail('E_LAUNCH_NOT_ALLOWED');
      }
      if (!sessionToken) return fail('E_AUTH_NO_TRANSACTION');
      try {
        await deps.openExternal(sessionCookieRedirectUrl(destination.orgUrl, sessionToken, destination.diagnosticsUrl));
      } catch (error) {
        deps.log.error('launch.failed', { error: error instanceof Error ? error.name : 'unknown' });
        return fail('E_LAUNCH_FAILED');
      }
      deps.log.info('launch.opened', { destinationHost: new URL(destination.diagnosticsUrl).host });
      return ok({ destinationHost: new URL(destination.diagnosticsUrl).host });
    },
  };
}

export type Launcher = ReturnType<typeof createLauncher>;
