/**
 * What every route of the local org is given: storage, the injected world (clock, randomness, log),
 * the org policy and the mailer. Built once by server.ts.
 */
import type { Clock } from '../core/clock.ts';
import type { RandomBytes } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import type { Db } from './store/database.ts';
import type { ScryptParams } from './security/password-hash.ts';
import { PRODUCT_SCRYPT } from './security/password-hash.ts';
import type { RateLimiter } from './security/rate-limiter.ts';
import type { Mailer } from './mail/mailer.ts';
import type { CallCounter } from './call-counter.ts';

/** Org-wide settings an Okta admin would set in the console (password, lockout, token lifetimes). */
export interface OrgPolicy {
  readonly scrypt: ScryptParams;
  /** Okta password policy "Lock out after N unsuccessful attempts" (issue #3: 10). */
  readonly maxFailedPasswords: number;
  /**
   * Consecutive bad codes on one enrolled factor, across transactions, that lock the user (issue 15: 5);
   * while enrolling, bad codes in one transaction that end it.
   */
  readonly maxPasscodeFailures: number;
  /** Okta's default activation e-mail lifetime is 7 days. */
  readonly activationTokenLifetimeMs: number;
  readonly recoveryTokenLifetimeMs: number;
  /** Okta: "sessionToken … lifetime 5 minutes". */
  readonly sessionTokenLifetimeMs: number;
  /** Okta's default session lifetime is 2 hours. */
  readonly sessionLifetimeMs: number;
  /** Requests per minute: per client IP on the authn endpoints, and per username on primary auth. */
  readonly ipPerMinute: number;
  readonly userPerMinute: number;
  /** WebAuthn `userVerification`: `required` makes a PIN or biometric mandatory on the key. */
  readonly webauthnUserVerification: 'required' | 'preferred' | 'discouraged';
  /** Okta Verify pushes carry a 3-number challenge. */
  readonly pushNumberChallenge: boolean;
  /** Identity Engine client-based limit on `/v1/interact`: per client id and IP, per minute (Okta: 60). */
  readonly interactPerMinute: number;
}

export const DEFAULT_POLICY: OrgPolicy = {
  scrypt: PRODUCT_SCRYPT,
  maxFailedPasswords: 10,
  maxPasscodeFailures: 5,
  activationTokenLifetimeMs: 7 * 24 * 3600 * 1000,
  recoveryTokenLifetimeMs: 60 * 60 * 1000,
  sessionTokenLifetimeMs: 5 * 60 * 1000,
  sessionLifetimeMs: 2 * 3600 * 1000,
  ipPerMinute: 600,
  userPerMinute: 60,
  webauthnUserVerification: 'required',
  pushNumberChallenge: true,
  interactPerMinute: 60,
};

export interface OrgContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly random: RandomBytes;
  readonly log: Logger;
  readonly policy: OrgPolicy;
  readonly limiter: RateLimiter;
  readonly mailer: Mailer;
  readonly dataDir: string;
  /** `http://localhost:<port>`; known once the server listens. */
  readonly url: () => string;
  /** Where /login/sessionCookieRedirect may send the browser (exact origins or URL prefixes). */
  readonly redirectAllowList: () => readonly string[];
  readonly expectedOrigins: () => readonly string[];
  /** IDX calls per client and Authn calls served (call-counter.ts), for the module API. */
  readonly calls: CallCounter;
}

export function nowMs(ctx: Pick<OrgContext, 'clock'>): number {
  return ctx.clock.nowMs();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
