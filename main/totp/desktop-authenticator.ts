/**
 * The desktop authenticator: on a technician's OWN computer, and only if the machine policy allows it,
 * the app itself holds the TOTP seed (in the OS keychain, never in settings or logs) and computes codes.
 * Off by default: on a shared garage PC, a second factor stored next to the password is no second factor.
 */
import type { Clock } from '../core/clock.ts';
import { nowSeconds } from '../core/clock.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { SecretStore } from '../keychain/secret-store.ts';
import { serviceFor } from '../keychain/secret-store.ts';
import { isUsableSecret, secondsLeft, timeStepOf, totpCode } from './totp-engine.ts';

export interface DesktopAuthenticatorDeps {
  readonly allowed: boolean;
  readonly store: SecretStore;
  readonly clock: Clock;
  readonly orgHost: string;
  readonly sleep: (ms: number) => Promise<void>;
}

export type DesktopStatus = { readonly allowed: true } | { readonly allowed: false; readonly reason: 'E_TOTP_NOT_ALLOWED' | 'E_KEYCHAIN_UNAVAILABLE' | 'E_KEYCHAIN_LOCKED' | 'E_KEYCHAIN_FAILED' };

export function createDesktopAuthenticator(deps: DesktopAuthenticatorDeps) {
  const service = serviceFor(deps.orgHost, 'desktop authenticator');
  /** Last time step this app submitted per account: a code is never sent twice (RFC 6238 §5.2). */
  const lastStep = new Map<string, number>();

  return {
    async status(): Promise<DesktopStatus> {
      if (!deps.allowed) return { allowed: false, reason: 'E_TOTP_NOT_ALLOWED' };
      const available = await deps.store.availability();
      if (!available.ok) return { allowed: false, reason: available.error.code as 'E_KEYCHAIN_UNAVAILABLE' };
      return { allowed: true };
    },

    async holds(account: string): Promise<boolean> {
      if (!deps.allowed) return false;
      const secret = await deps.store.get(service, account);
      return secret.ok && secret.value !== null;
    },

    async save(account: string, secret: string): Promise<Result<true>> {
      if (!deps.allowed) return fail('E_TOTP_NOT_ALLOWED');
      if (!isUsableSecret(secret)) return fail('E_TOTP_BAD_SECRET');
      return deps.store.set(service, account, secret);
    },

    /** The code to show (with its seconds left), without using it. */
    async current(account: string): Promise<Result<{ code: string; secondsLeft: number }>> {
      if (!deps.allowed) return fail('E_TOTP_NOT_ALLOWED');
      const secret = await deps.store.get(service, account);
      if (!secret.ok) return secret;
      if (secret.value === null) return fail('E_TOTP_BAD_SECRET');
      const now = nowSeconds(deps.clock);
      return ok({ code: totpCode(secret.value, now), secondsLeft: secondsLeft(now) });
    },

    /** A code to submit: if this step's code was already sent, waits for the next step (at most 30 s). */
    async fresh(account: string): Promise<Result<string>> {
      let current = await this.current(account);
      if (!current.ok) return current;
      const step = timeStepOf(nowSeconds(deps.clock));
      if ((lastStep.get(account) ?? -1) >= step) {
        await deps.sleep(current.value.secondsLeft * 1000 + 250);
        current = await this.current(account);
        if (!current.ok) return current;
      }
      lastStep.set(account, timeStepOf(nowSeconds(deps.clock)));
      return ok(current.value.code);
    },

    forget: (account: string) => deps.store.delete(service, account),
  };
}

export type DesktopAuthenticator = ReturnType<typeof createDesktopAuthenticator>;
