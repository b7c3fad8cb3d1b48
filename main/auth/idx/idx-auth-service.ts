/**
 * The Identity Engine client: Okta's Interaction Code flow as a native public client with PKCE S256
 * (okta-idx.md §2; RFC 7636; RFC 8252), behind the same service interface as the Classic client, so
 * the composition can pick either and the renderer sees the same view models. It follows the remediation
 * forms of each reply (their `href`s, refused when on another origin) rather than a fixed script; the one
 * URL it builds is `/v1/interact` under the issuer. The redirect URI is registered but never navigated to:
 * IDX hands the interaction code back in its last reply. The state handle, the PKCE verifier, the
 * interaction code and the tokens stay in this closure. A reply without a remediation it knows ends the
 * transaction on `E_AUTH_IDX_UNKNOWN_STEP`.
 *
 * Why not okta-auth-js's idx module: it is a browser SDK (transaction storage, token manager, throws on
 * surprises) with its own unvalidated parsing; here every body is read on `unknown` with zod, errors are
 * values with our codes, and the whole flow is a few hundred lines over the app's fetch port.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FactorKind, TotpSetupView, TransactionView } from '../../../preload/contract.ts';
import type { AppError } from '../../core/errors.ts';
import type { RandomBytes } from '../../core/random.ts';
import type { Logger } from '../../core/redact.ts';
import { fail, failWith, ok, type Result } from '../../core/result.ts';
import type { AuthService, FactorAnswer } from '../auth-service.ts';
import type { HandOffGrant } from '../hand-off-grant.ts';
import type { HttpDeps } from '../authn-http.ts';
import { NO_TRANSACTION, type ViewDeps } from '../views.ts';
import { idxError } from './idx-errors.ts';
import { formPost, idxPost, type IdxAnswer } from './idx-http.ts';
import type { IdxReply } from './idx-reply.ts';
import { idxTotpSetup, idxTransactionView, kindOfAuthenticator, primaryStep, webauthnCreation, webauthnRequest } from './idx-view.ts';
import { toBase64Url } from '../webauthn-options.ts';

export interface IdxClientConfig {
  readonly clientId: string;
  /** Registered for the client, never navigated to (a loopback URI, RFC 8252 §7.3). */
  readonly redirectUri: string;
  /** Default: the org's `default` custom authorization server. */
  readonly issuer?: string;
  readonly scopes?: readonly string[];
  /**
   * A hand-off to a web app is configured (Native-to-Web SSO): the sign-in also asks for
   * `interclient_access`, without which the org refuses the token exchange.
   */
  readonly interclientAccess?: boolean;
}

export interface IdxAuthServiceDeps extends HttpDeps, ViewDeps {
  readonly log: Logger;
  readonly random: RandomBytes;
  readonly client: IdxClientConfig;
}

/** Tokens of a finished sign-in; main only (the hand-off uses them; never the renderer, never a log). */
export interface IdxTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  readonly expiresAtMs: number;
  readonly login: string;
  /** The scopes the org granted (`scope` of the token reply, else those asked for). */
  readonly scopes: readonly string[];
}

const InteractReply = z.looseObject({ interaction_handle: z.string().min(1).max(1024) });
const TokenReply = z.looseObject({
  token_type: z.string().max(40),
  expires_in: z.number().int().positive().max(86_400 * 90),
  access_token: z.string().min(1).max(16_384),
  id_token: z.string().max(16_384).optional(),
  refresh_token: z.string().max(4096).optional(),
  scope: z.string().max(2000).optional(),
});

const DEFAULT_SCOPES = ['openid', 'profile', 'offline_access'] as const;
/** The welcome form's security question, as the activation service passes it (auth/activation.ts). */
const RecoveryQuestion = z.strictObject({ question: z.string().min(1).max(64), answer: z.string().min(1).max(100) });

/** The scopes the sign-in asks for: the configured ones, plus `interclient_access` when a hand-off needs it. */
export function requestedScopes(client: IdxClientConfig): string[] {
  const scopes: string[] = [...(client.scopes ?? DEFAULT_SCOPES)];
  return client.interclientAccess && !scopes.includes('interclient_access') ? [...scopes, 'interclient_access'] : scopes;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

interface Held {
  readonly reply: IdxReply;
  readonly verifier: string;
  readonly expiresAtMs: number | undefined;
}

/** Authenticator keys as Okta names them (`okta_password`, `google_otp`); anything else is not reported. */
const AUTHENTICATOR_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export function createIdxAuthService(deps: IdxAuthServiceDeps): AuthService & { tokens(): IdxTokens | undefined; offeredAuthenticators(): readonly string[] } {
  const org = new URL(deps.orgUrl);
  const issuer = (deps.client.issuer ?? `${org.origin}/oauth2/default`).replace(/\/$/, '');
  let held: Held | undefined;
  let tokens: IdxTokens | undefined;
  /** The tokens were given to the hand-off once; a new sign-in is needed for another. */
  let handedOff = false;
  let lastView: TransactionView = NO_TRANSACTION;
  /** The push a denied or expired push offers to send again (its view id), until another step is taken. */
  let pushAgain: string | undefined;
  /** Keys of the authenticators the org's replies named in the last sign-in (offered or enrolled), for support. */
  let offered = new Set<string>();

  function sameOrigin(href: string | undefined): string | undefined {
    if (!href) return undefined;
    try {
      return new URL(href).origin === org.origin ? href : undefined;
    } catch {
      return undefined;
    }
  }

  function forget(): void {
    held = undefined;
    pushAgain = undefined;
    lastView = NO_TRANSACTION;
  }

  function ended(error: AppError): Result<TransactionView> {
    forget();
    return failWith(error);
  }

  async function exchange(reply: IdxReply, verifier: string): Promise<Result<TransactionView>> {
    const href = sameOrigin(reply.success?.href);
    if (!reply.success || !href) return ended({ code: 'E_AUTH_NOT_ALLOWED', cause: 'token endpoint on another origin' });
    const granted = await formPost(
      deps,
      href,
      { grant_type: 'interaction_code', interaction_code: reply.success.interactionCode, client_id: deps.client.clientId, redirect_uri: deps.client.redirectUri, code_verifier: verifier },
      TokenReply,
      'token',
    );
    if (!granted.ok) return ended(granted.error);
    const login = reply.user?.identifier ?? '';
    const t = granted.value;
    tokens = {
      accessToken: t.access_token,
      ...(t.id_token ? { idToken: t.id_token } : {}),
      ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
      expiresAtMs: deps.clock.nowMs() + t.expires_in * 1000,
      login,
      scopes: t.scope ? t.scope.split(' ').filter(Boolean) : requestedScopes(deps.client),
    };
    handedOff = false;
    held = undefined;
    lastView = { status: 'SUCCESS', canGoBack: false, canSkip: false, ...(login ? { user: { login: login.slice(0, 254) } } : {}) };
    deps.log.info('auth.idx.signed_in', { scopes: tokens.scopes.join(' ') });
    return ok(lastView);
  }

  /** Takes a reply: success → tokens; a failure → its error (the transaction stays if the org still offers a step); else the next screen. */
  async function accept(answer: IdxAnswer, verifier: string): Promise<Result<TransactionView>> {
    const { reply, status } = answer;
    for (const a of [...reply.authenticators, ...reply.enrollments]) if (a.key && AUTHENTICATOR_KEY.test(a.key) && offered.size < 20) offered.add(a.key);
    if (reply.success) return exchange(reply, verifier);
    const failed = status >= 400 || reply.messages.some((m) => m.level === 'ERROR');
    const step = primaryStep(reply);
    if (failed) {
      const error = idxError(status, reply.messages);
      if (!step || !reply.stateHandle || error.code === 'E_AUTH_TRANSACTION_EXPIRED') return ended(error);
      held = { reply, verifier, expiresAtMs: expiry(reply) };
      lastView = await idxTransactionView(reply, deps);
      return failWith(error);
    }
    if (!step || !reply.stateHandle) {
      deps.log.warn('auth.idx.unknown_step', { remediations: reply.remediations.map((r) => r.name.slice(0, 60)).slice(0, 10) });
      return ended({ code: 'E_AUTH_IDX_UNKNOWN_STEP', cause: { remediations: reply.remediations.map((r) => r.name.slice(0, 60)).slice(0, 10) } });
    }
    held = { reply, verifier, expiresAtMs: expiry(reply) };
    lastView = await idxTransactionView(reply, deps);
    return ok(lastView);
  }

  function expiry(reply: IdxReply): number | undefined {
    const ms = reply.expiresAt ? Date.parse(reply.expiresAt) : Number.NaN;
    return Number.isFinite(ms) ? ms : undefined;
  }

  /** POSTs a form of the held reply with the newest state handle; checks local expiry and the form's origin first. */
  async function post(href: string | undefined, body: Record<string, unknown> = {}): Promise<Result<TransactionView>> {
    if (!held?.reply.stateHandle) return fail('E_AUTH_NO_TRANSACTION');
    if (held.expiresAtMs !== undefined && deps.clock.nowMs() >= held.expiresAtMs) return ended({ code: 'E_AUTH_TRANSACTION_EXPIRED' });
    const target = sameOrigin(href);
    if (!target) return fail('E_AUTH_NOT_ALLOWED');
    const answer = await idxPost(deps, target, { ...body, stateHandle: held.reply.stateHandle });
    if (!answer.ok) return answer.error.code === 'E_AUTH_ENGINE_CHANGED' || answer.error.code === 'E_NET_BAD_RESPONSE' ? ended(answer.error) : failWith(answer.error);
    return accept(answer.value, held.verifier);
  }

  function form(name: string) {
    return held?.reply.remediations.find((r) => r.name === name);
  }

  /** /v1/interact (PKCE S256) then /idp/idx/introspect: the first reply of a new transaction. */
  async function begin(extra: Record<string, string> = {}): Promise<Result<TransactionView>> {
    forget();
    tokens = undefined;
    offered = new Set();
    const verifier = base64url(deps.random(32));
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const interact = await formPost(
      deps,
      `${issuer}/v1/interact`,
      {
        client_id: deps.client.clientId,
        scope: requestedScopes(deps.client).join(' '),
        redirect_uri: deps.client.redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: base64url(deps.random(16)),
        ...extra,
      },
      InteractReply,
      'interact',
    );
    if (!interact.ok) return failWith(interact.error);
    const introspect = await idxPost(deps, new URL('/idp/idx/introspect', org).toString(), { interactionHandle: interact.value.interaction_handle });
    if (!introspect.ok) return failWith(introspect.error);
    return accept(introspect.value, verifier);
  }

  /** Answers the held challenge or enrollment form with `credentials`. */
  function answerWith(name: 'challenge-authenticator' | 'enroll-authenticator', credentials: Record<string, unknown>) {
    const f = form(name);
    return f ? post(f.href, { credentials }) : Promise.resolve(fail('E_AUTH_NOT_ALLOWED'));
  }

  function credentialsOf(answer: FactorAnswer): Record<string, unknown> | undefined {
    if (answer.passCode !== undefined) return { passcode: answer.passCode };
    if (answer.answer !== undefined) return { answer: answer.answer, ...(answer.question === undefined ? {} : { questionKey: answer.question }) };
    return undefined;
  }

  async function verify(factorId: string, answer: FactorAnswer = {}): Promise<Result<TransactionView>> {
    const credentials = credentialsOf(answer);
    if (form('challenge-authenticator') && lastView.factor?.id === factorId) {
      // Okta Verify's code travels as `totp`, not `passcode` (okta-auth-js OktaVerifyTotp).
      const asTotp = lastView.factor.kind === 'totp-okta' && answer.passCode !== undefined ? { totp: answer.passCode } : credentials;
      return asTotp ? answerWith('challenge-authenticator', asTotp) : ok(lastView);
    }
    const select = form('select-authenticator-authenticate');
    const choice = select?.choices.find((c) => c.viewId === factorId);
    if (!select || !choice) return fail('E_AUTH_NOT_ALLOWED');
    const authenticator = { id: choice.authenticatorId, ...(choice.methodType ? { methodType: choice.methodType } : {}), ...(choice.enrollmentId ? { enrollmentId: choice.enrollmentId } : {}) };
    const challenged = await post(select.href, { authenticator });
    // Classic verifies a TOTP factor in one call; here the code answers the challenge the choice opened.
    if (!challenged.ok || !credentials || !form('challenge-authenticator')) return challenged;
    return answerWith('challenge-authenticator', lastView.factor?.kind === 'totp-okta' && answer.passCode !== undefined ? { totp: answer.passCode } : credentials);
  }

  /**
   * A YubiKey is enrolled with the OTP it types, in one step on Classic (the code is asked first, okta-authn.md
   * §4.4). Here the choice opened `enroll-authenticator` and the OTP answers it. A refused OTP leaves Classic's
   * transaction on the choice of methods, where the technician types another or, when the YubiKey was optional,
   * finishes: so does this, with the choice (and skip) the org offers beside the enrollment (the next OTP chooses
   * the YubiKey again).
   */
  async function enrollWithOtp(passCode: string): Promise<Result<TransactionView>> {
    const answered = await answerWith('enroll-authenticator', { passcode: passCode });
    const back = form('select-authenticator-enroll');
    if (answered.ok || !held || !back) return answered;
    const later = form('skip');
    held = { ...held, reply: { ...held.reply, remediations: later ? [back, later] : [back], messages: [] } };
    lastView = await idxTransactionView(held.reply, deps);
    return answered;
  }

  return {
    view: (): TransactionView => lastView,

    async signIn(username: string, password: string): Promise<Result<TransactionView>> {
      const started = await begin();
      if (!started.ok) return started;
      const identify = form('identify');
      if (!identify) return started;
      const withPassword = identify.fields.some((f) => f.name === 'credentials');
      const identified = await post(identify.href, { identifier: username, ...(withPassword ? { credentials: { passcode: password } } : {}) });
      // Identifier-first policies ask for the password as a challenge of the password authenticator.
      const answered = identified.ok && !withPassword && held?.reply.currentAuthenticator?.key === 'okta_password' && form('challenge-authenticator') ? await answerWith('challenge-authenticator', { passcode: password }) : identified;
      // Classic answers a locked account's sign-in with the LOCKED_OUT status (its own screen and a way to ask
      // for help); IDX answers it with a message. The technician sees the same screen on both engines.
      if (!answered.ok && answered.error.code === 'E_AUTH_LOCKED_OUT') {
        forget();
        lastView = { status: 'LOCKED_OUT', canGoBack: false, canSkip: false };
        return ok(lastView);
      }
      return answered;
    },

    /**
     * An activation token goes to /interact (okta-idx.md §3, Activation). The org then offers the password
     * enrollment; it is chosen here, so the technician lands on the same "create your password" step as on
     * Classic (PASSWORD_RESET, ACCOUNT_ACTIVATION, with the policy).
     */
    async redeemToken(token: string): Promise<Result<TransactionView>> {
      const started = await begin({ activation_token: token });
      if (!started.ok) return started;
      const select = form('select-authenticator-enroll');
      const password = select?.choices.find((c) => c.key === 'okta_password');
      if (!select || !password) return started;
      return post(select.href, { authenticator: { id: password.authenticatorId, ...(password.methodType ? { methodType: password.methodType } : {}) } });
    },

    /**
     * The password of an activation, then — when the welcome form also gave one and the org offers the
     * security question — its enrollment, so one "Create My Account" does on Identity Engine what
     * Classic's reset_password does in one call. There is no security image on Identity Engine.
     */
    async resetPassword(newPassword: string, extra: Record<string, unknown> = {}): Promise<Result<TransactionView>> {
      if (held?.reply.currentAuthenticator?.key !== 'okta_password' || !form('enroll-authenticator')) return fail('E_AUTH_NOT_ALLOWED');
      const set = await answerWith('enroll-authenticator', { passcode: newPassword });
      const question = RecoveryQuestion.safeParse(extra.recoveryQuestion);
      if (!set.ok || !question.success) return set;
      const select = form('select-authenticator-enroll');
      const choice = select?.choices.find((c) => c.key === 'security_question');
      if (!select || !choice) return set;
      const selected = await post(select.href, { authenticator: { id: choice.authenticatorId, ...(choice.methodType ? { methodType: choice.methodType } : {}) } });
      if (!selected.ok) return selected;
      return answerWith('enroll-authenticator', { questionKey: question.data.question, answer: question.data.answer });
    },

    async enroll(kind: FactorKind, answer: FactorAnswer = {}): Promise<Result<TransactionView>> {
      const select = form('select-authenticator-enroll');
      const choice = select?.choices.find((c) => kindOfAuthenticator(c.key, c.methodType) === kind);
      if (!select || !choice) return fail('E_AUTH_FACTOR_NOT_ALLOWED');
      const selected = await post(select.href, { authenticator: { id: choice.authenticatorId, ...(choice.methodType ? { methodType: choice.methodType } : {}) } });
      if (kind === 'yubikey-otp' && selected.ok && answer.passCode !== undefined) return enrollWithOtp(answer.passCode);
      if (kind !== 'question' || !selected.ok || answer.answer === undefined) return selected;
      return answerWith('enroll-authenticator', { questionKey: answer.question ?? '', answer: answer.answer });
    },

    activate: (passCode: string) => answerWith('enroll-authenticator', { passcode: passCode }),

    /**
     * A push waiting for the phone (challenge-poll) or an Okta Verify pairing waiting for it (enroll-poll).
     * A denied or expired push: Classic keeps the challenge with its factorResult and "send again" re-sends it;
     * IDX goes back to the choice of authenticator with a message. The screen stays the push screen with that
     * result (the same view as Classic), and resend() chooses the same push again.
     */
    async poll(): Promise<Result<TransactionView>> {
      const f = form('challenge-poll') ?? form('enroll-poll');
      if (!f) return fail('E_AUTH_NOT_ALLOWED');
      const waiting = lastView;
      const answer = await post(f.href);
      const ended = !answer.ok && (answer.error.code === 'E_AUTH_PUSH_REJECTED' || answer.error.code === 'E_AUTH_PUSH_TIMEOUT');
      if (!ended || waiting.status !== 'MFA_CHALLENGE' || waiting.factor?.kind !== 'push-okta' || !waiting.factor.id || !form('select-authenticator-authenticate')) return answer;
      pushAgain = waiting.factor.id;
      const { correctAnswer: _spent, ...rest } = waiting;
      lastView = { ...rest, factorResult: answer.error.code === 'E_AUTH_PUSH_REJECTED' ? 'REJECTED' : 'TIMEOUT' };
      return ok(lastView);
    },

    verify,
    /** Finishes a security key enrollment; IDX takes base64url, as okta-auth-js's `getAttestation` sends it. */
    webauthnActivate(attestation: { clientDataJSON: string; attestationObject: string }) {
      if (!held || !webauthnCreation(held.reply, deps.orgUrl)) return Promise.resolve(fail('E_AUTH_NOT_ALLOWED'));
      return answerWith('enroll-authenticator', { clientData: toBase64Url(attestation.clientDataJSON), attestation: toBase64Url(attestation.attestationObject) });
    },

    /** Answers the security key challenge; no credential id travels (the org tries the user's keys). */
    webauthnVerify(factorId: string, assertion: { clientDataJSON: string; authenticatorData: string; signature: string }) {
      if (!held || !webauthnRequest(held.reply, deps.orgUrl) || lastView.factor?.id !== factorId) return Promise.resolve(fail('E_AUTH_NOT_ALLOWED'));
      return answerWith('challenge-authenticator', {
        clientData: toBase64Url(assertion.clientDataJSON),
        authenticatorData: toBase64Url(assertion.authenticatorData),
        signatureData: toBase64Url(assertion.signature),
      });
    },

    resend(): Promise<Result<TransactionView>> {
      const again = pushAgain;
      pushAgain = undefined;
      if (again && form('select-authenticator-authenticate')) return verify(again);
      return post(held?.reply.currentAuthenticator?.resendHref);
    },
    /**
     * IDX has no "previous" call: Okta offers the choice of authenticator beside each challenge and
     * enrollment step instead. Back shows that choice from the held reply (no request); choosing posts it,
     * which the org accepts from the step in progress. The screens' Back ("verify with something else",
     * "choose another factor") thus works on both engines.
     */
    async previous(): Promise<Result<TransactionView>> {
      const step = held ? primaryStep(held.reply)?.step : undefined;
      const back = form('select-authenticator-authenticate') ?? form('select-authenticator-enroll');
      const from = new Set(['enroll-authenticator', 'enroll-poll', 'challenge-authenticator', 'challenge-poll']);
      if (!held || !back || !step || !from.has(step) || held.reply.currentAuthenticator?.key === 'okta_password') return fail('E_AUTH_NOT_ALLOWED');
      const reply = { ...held.reply, remediations: [back], messages: [] };
      held = { ...held, reply };
      lastView = await idxTransactionView(reply, deps);
      return ok(lastView);
    },
    skip: () => post(form('skip')?.href),

    async cancel(): Promise<Result<TransactionView>> {
      const href = sameOrigin(held?.reply.cancelHref);
      if (held?.reply.stateHandle && href) {
        // Best effort: the org ends the transaction; locally it ends either way.
        await idxPost(deps, href, { stateHandle: held.reply.stateHandle });
      }
      forget();
      tokens = undefined;
      return ok(lastView);
    },

    /**
     * Identity Engine has no session token (okta-idx.md §5): the hand-off gets the tokens instead, once, while
     * the access token lives. Without an ID token there is no subject to exchange, so no grant.
     */
    takeHandOffGrant(): HandOffGrant | undefined {
      const current = tokens;
      if (!current?.idToken || handedOff || current.expiresAtMs <= deps.clock.nowMs()) return undefined;
      handedOff = true;
      return {
        kind: 'oidc-tokens',
        issuer,
        clientId: deps.client.clientId,
        accessToken: current.accessToken,
        idToken: current.idToken,
        login: current.login,
        expiresAtMs: current.expiresAtMs,
      };
    },
    hasSession: () => tokens !== undefined && tokens.expiresAtMs > deps.clock.nowMs(),
    userId: (): string | undefined => held?.reply.user?.id,

    totpSecretInProgress(): string | undefined {
      const current = held?.reply.currentAuthenticator;
      return form('enroll-authenticator') && current?.key === 'google_otp' ? current.sharedSecret : undefined;
    },

    async totpSetup(): Promise<Result<TotpSetupView>> {
      const setup = held ? await idxTotpSetup(held.reply, deps) : undefined;
      return setup ? ok(setup) : fail('E_AUTH_NOT_ALLOWED');
    },

    webauthnOptions: () => (held ? (webauthnCreation(held.reply, deps.orgUrl) ?? webauthnRequest(held.reply, deps.orgUrl)) : undefined),

    offers: (kind: FactorKind): boolean => (form('select-authenticator-enroll')?.choices ?? []).some((c) => kindOfAuthenticator(c.key, c.methodType) === kind),

    tokens: (): IdxTokens | undefined => tokens,
    /** What support sees: the authenticator keys of the last sign-in's replies, sorted; empty before one. */
    offeredAuthenticators: (): readonly string[] => [...offered].sort(),
  };
}
