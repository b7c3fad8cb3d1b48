/**
 * Owns the Okta authentication transaction (stateToken, links, expiry) and exposes only view models.
 * It follows the `_links` Okta publishes instead of building URLs ("Always inspect the response for
 * status and dynamically follow the published link relations", Okta authn reference); the one URL it
 * builds is the entry point `/api/v1/authn`. Links to another origin are refused: the stateToken never
 * leaves for a host the org did not name.
 */
import type { FactorKind, TotpSetupView, TransactionView } from '../../preload/contract.ts';
import type { AppError } from '../core/errors.ts';
import { fail, failWith, ok, type Result } from '../core/result.ts';
import type { Logger } from '../core/redact.ts';
import { requestJson, type HttpDeps } from './authn-http.ts';
import { factorKindOf, oktaFactorOf } from './factor-kind.ts';
import { OktaTransaction, type OktaFactor, type OktaLink } from './okta-schemas.ts';
import { NO_TRANSACTION, totpSetupView, transactionView, type ViewDeps } from './views.ts';
import { creationOptions, requestOptions, toStandardBase64 } from './webauthn-options.ts';
import type { HandOffGrant, SessionTokenGrant } from './hand-off-grant.ts';

export interface AuthServiceDeps extends HttpDeps, ViewDeps {
  readonly log: Logger;
}

interface Held {
  readonly tx: OktaTransaction;
}

export interface FactorAnswer {
  readonly passCode?: string;
  readonly answer?: string;
  readonly question?: string;
}


/**
 * multiOptionalFactorEnroll: after the required factor, Okta offers the optional ones (with a skip link),
 * which is where the app suggests a second device (seed: set up MFA on several devices).
 */
const START_OPTIONS = { multiOptionalFactorEnroll: true, warnBeforePasswordExpired: false } as const;

export function createAuthService(deps: AuthServiceDeps) {
  const org = new URL(deps.orgUrl);
  let held: Held | undefined;
  let grant: SessionTokenGrant | undefined;
  let lastView: TransactionView = NO_TRANSACTION;

  function sameOrigin(link: OktaLink | undefined): string | undefined {
    if (!link) return undefined;
    try {
      return new URL(link.href).origin === org.origin ? link.href : undefined;
    } catch {
      return undefined;
    }
  }

  async function accept(tx: OktaTransaction): Promise<Result<TransactionView>> {
    if (tx.status === 'SUCCESS') {
      held = undefined;
      const login = tx._embedded?.user?.profile?.login ?? '';
      grant = tx.sessionToken ? { kind: 'session-token', sessionToken: tx.sessionToken, login, expiresAtMs: deps.clock.nowMs() + 5 * 60_000 } : undefined;
    } else {
      held = tx.stateToken ? { tx } : undefined;
    }
    lastView = await transactionView(tx, deps);
    return ok(lastView);
  }

  function forget(error: AppError): Result<TransactionView> {
    if (error.code === 'E_AUTH_TRANSACTION_EXPIRED') {
      held = undefined;
      lastView = NO_TRANSACTION;
    }
    return failWith(error);
  }

  /**
   * POSTs to a link of the held transaction with its stateToken. Whether the transaction has expired is
   * the org's to say (401 E0000011): `expiresAt` is on the org's clock, and a check against the PC's
   * clock refused every sign-in on a PC five minutes fast, or whose clock jumped mid-transaction, while
   * the org would have accepted. Asking costs one request and is never wrong.
   */
  async function step(link: OktaLink | undefined, body: Record<string, unknown> = {}, idempotent = false): Promise<Result<TransactionView>> {
    if (!held?.tx.stateToken) return fail('E_AUTH_NO_TRANSACTION');
    const href = sameOrigin(link);
    if (!href) return fail('E_AUTH_NOT_ALLOWED');
    const response = await requestJson(deps, 'POST', href, { ...body, stateToken: held.tx.stateToken }, OktaTransaction, { idempotent });
    return response.ok ? accept(response.value) : forget(response.error);
  }

  /**
   * A new transaction replaces the pending hand-off only once the org accepted it: a refused start (a web
   * page can fire `witech-login://activate?token=…` at any time) must not take the signed-in technician's
   * session away.
   */
  async function start(body: Record<string, unknown>): Promise<Result<TransactionView>> {
    const response = await requestJson(deps, 'POST', new URL('/api/v1/authn', org).toString(), body, OktaTransaction);
    if (!response.ok) return failWith(response.error);
    grant = undefined;
    return accept(response.value);
  }

  function factors(): OktaFactor[] {
    return held?.tx._embedded?.factors ?? [];
  }

  function verify(factorId: string, answer: FactorAnswer = {}, extra: Record<string, unknown> = {}): Promise<Result<TransactionView>> {
    const challenged = held?.tx.status === 'MFA_CHALLENGE' && held.tx._embedded?.factor?.id === factorId;
    const link = challenged ? held?.tx._links?.next : factors().find((factor) => factor.id === factorId)?._links?.verify;
    const body: Record<string, unknown> = { ...extra };
    if (answer.passCode !== undefined) body.passCode = answer.passCode;
    if (answer.answer !== undefined) body.answer = answer.answer;
    return step(link, body);
  }

  return {
    view: (): TransactionView => lastView,

    signIn: (username: string, password: string) => start({ username, password, options: START_OPTIONS }),

    /** Redeems an activation token (the /welcome/{token} link): Okta answers PASSWORD_RESET for a new user. */
    redeemToken: (token: string) => start({ token, options: START_OPTIONS }),

    /**
     * `extra` carries the local org's "Create My Account" fields (recoveryQuestion, securityImage); Okta
     * ignores unknown body fields, so the same call works against a real org.
     */
    resetPassword: (newPassword: string, extra: Record<string, unknown> = {}) => step(held?.tx._links?.next, { ...extra, newPassword }),

    enroll(kind: FactorKind, answer: FactorAnswer = {}) {
      const entry = factors().find((factor) => factorKindOf(factor.factorType, factor.provider) === kind);
      if (!entry) return Promise.resolve(fail('E_AUTH_FACTOR_NOT_ALLOWED'));
      const body: Record<string, unknown> = { ...oktaFactorOf(kind) };
      if (kind === 'question') body.profile = { question: answer.question, answer: answer.answer };
      if (answer.passCode !== undefined && kind === 'yubikey-otp') body.passCode = answer.passCode;
      return step(entry._links?.enroll, body);
    },

    activate: (passCode: string) => step(held?.tx._links?.next, { passCode }),

    /**
     * The seed of the TOTP activation in progress, for its screen (which asks again after Help and back).
     * Main holds it only inside the held transaction: once activation ends (activated, back, cancel,
     * expired) that transaction is replaced and the seed is gone.
     */
    async totpSetup(): Promise<Result<TotpSetupView>> {
      const setup = held ? await totpSetupView(held.tx, deps) : undefined;
      return setup ? ok(setup) : fail('E_AUTH_NOT_ALLOWED');
    },

    /** Push activation and push verification both poll the `next` link Okta names `poll`. */
    poll() {
      const next = held?.tx._links?.next;
      return next?.name === 'poll' ? step(next, {}, true) : Promise.resolve(fail('E_AUTH_NOT_ALLOWED'));
    },

    verify,

    /** Finishes a security key enrollment with what the ceremony produced (Okta wants standard base64). */
    webauthnActivate(attestation: { clientDataJSON: string; attestationObject: string }) {
      if (held?.tx._embedded?.factor?.factorType !== 'webauthn') return Promise.resolve(fail('E_AUTH_NOT_ALLOWED'));
      return step(held.tx._links?.next, { attestation: toStandardBase64(attestation.attestationObject), clientData: toStandardBase64(attestation.clientDataJSON) });
    },

    webauthnVerify(factorId: string, assertion: { clientDataJSON: string; authenticatorData: string; signature: string }) {
      return verify(factorId, {}, {
        clientData: toStandardBase64(assertion.clientDataJSON),
        authenticatorData: toStandardBase64(assertion.authenticatorData),
        signatureData: toStandardBase64(assertion.signature),
      });
    },

    resend() {
      const resend = held?.tx._links?.resend;
      return step(Array.isArray(resend) ? resend[0] : resend, {});
    },

    previous: () => step(held?.tx._links?.prev),
    skip: () => step(held?.tx._links?.skip),

    async cancel(): Promise<Result<TransactionView>> {
      const link = sameOrigin(held?.tx._links?.cancel);
      if (held?.tx.stateToken && link) {
        // Best effort: the org revokes the stateToken; locally the transaction ends either way.
        await requestJson(deps, 'POST', link, { stateToken: held.tx.stateToken }, OktaTransaction.partial(), { idempotent: true });
      }
      held = undefined;
      grant = undefined;
      lastView = NO_TRANSACTION;
      return ok(lastView);
    },

    /** Hands the session token to the launcher once; it is gone from memory afterwards. */
    takeHandOffGrant(): HandOffGrant | undefined {
      const current = grant;
      grant = undefined;
      return current && current.expiresAtMs > deps.clock.nowMs() ? current : undefined;
    },

    hasSession: () => grant !== undefined,

    /** Okta's user id of the held transaction (an identifier, used to build the questions catalogue URL). */
    userId: (): string | undefined => held?.tx._embedded?.user?.id,

    /** The TOTP seed of the enrollment in progress, for the desktop authenticator only (never sent to the page by it). */
    totpSecretInProgress(): string | undefined {
      const factor = held?.tx._embedded?.factor;
      return held?.tx.status === 'MFA_ENROLL_ACTIVATE' && factor?.factorType === 'token:software:totp' ? factor._embedded?.activation?.sharedSecret : undefined;
    },

    /** The WebAuthn options of the held transaction (creation while enrolling, request while challenged). */
    webauthnOptions(): { kind: 'create' | 'get'; options: Record<string, unknown> } | undefined {
      if (!held) return undefined;
      if (held.tx.status === 'MFA_ENROLL_ACTIVATE') {
        const options = creationOptions(held.tx, deps.orgUrl);
        return options ? { kind: 'create', options } : undefined;
      }
      const options = held.tx.status === 'MFA_CHALLENGE' ? requestOptions(held.tx, deps.orgUrl) : undefined;
      return options ? { kind: 'get', options } : undefined;
    },

    /** Whether the held transaction offers enrolling this kind of factor. */
    offers: (kind: FactorKind): boolean => factors().some((factor) => factorKindOf(factor.factorType, factor.provider) === kind),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
