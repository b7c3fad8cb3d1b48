/**
 * Password recovery and self-service unlock on Identity Engine, by e-mail code (okta-idx.md §3,
 * "Recovery" and "Unlock"; M/identify-recovery.json, M/authenticator-verification-email.json,
 * M/authenticator-reset-password.json, M/user-unlock-account.json, M/user-account-unlock-success.json):
 *
 *   identify ─recover─▶ identify-recovery ─▶ select-authenticator-authenticate (e-mail) ─▶
 *     challenge-authenticator (code) ─▶ reset-authenticator (new password, the policy) ─▶ sign-in goes on
 *   identify ─unlock-account─▶ select-authenticator-unlock-account (login + e-mail) ─▶
 *     challenge-authenticator (code) ─▶ terminal `oie.selfservice.unlock_user.success.message`
 *
 * As on the Classic side (authn/recovery-routes.ts) an unknown login, or a user who cannot be
 * recovered or is not locked, gets the same replies and no e-mail: no code can match, so nothing tells
 * which logins exist. The per-login recovery budget is the Classic one (same limiter key), wrong codes
 * count toward the transaction's passcode limit, a code is single-use, and a reset clears the lockout
 * and the second-factor failure counts exactly as Classic's reset_password does.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { findUserById, findUserByLogin, setUserStatus, updateUser, type UserPatch, type UserRow } from '../store/user-store.ts';
import { clearUserFactorFailures } from '../store/factor-failure-store.ts';
import { hashSecret } from '../security/password-hash.ts';
import { passwordPolicyEmbed, passwordProblems } from '../security/password-policy.ts';
import { endIdxTx, saveIdxTx, type IdxStep, type IdxTx } from './idx-store.ts';
import { IdxFailure, MESSAGES, idxMessage, ionReply, type IdxMessage } from './idx-http.ts';
import { authenticatorIds, keyOfAuthenticatorId, spec } from './authenticators.ts';
import { idxForm, type ViewOptions } from './idx-view.ts';
import { RenderedFailure, commit, liveTx, nextAfterProof, parse, passcodeFailure, respond } from './idx-routes.ts';
import { EMAIL_POLL_REFRESH_MS, emailAuthenticatorJson, emailCodeMatches, mailEmailCode, maskEmail, newEmailCode, type EmailCode } from './email-authenticator.ts';
import { findApp } from '../oauth/app-store.ts';
import { emailLinkRoutes, issueEmailLink } from './email-link.ts';

export type RecoveryStep = 'recover-identify' | 'recover-select' | 'unlock-select' | 'email-challenge' | 'reset';

export interface RecoveryData {
  readonly purpose: 'password' | 'unlock';
  /** The login as typed, shown back whether or not it names a user. */
  readonly login?: string;
  /** The e-mail code in flight (hash and expiry only). */
  code?: EmailCode;
}

const RECOVERY_STEPS: readonly IdxStep[] = ['recover-identify', 'recover-select', 'unlock-select', 'email-challenge', 'reset'];

export function isRecoveryStep(step: IdxStep): step is RecoveryStep {
  return RECOVERY_STEPS.includes(step);
}

export const RECOVERY_MESSAGES = {
  // M/terminal-reset-password-success.json, M/user-account-unlock-success.json.
  unlocked: { ...idxMessage('oie.selfservice.unlock_user.success.message', 'You can log in using your existing username and password', 'INFO'), i18n: { key: 'oie.selfservice.unlock_user.success.message', params: [] } },
  emailCodeInvalid: idxMessage('api.authn.error.PASSCODE_INVALID', 'Invalid code. Try again.'),
} as const;

/** The Classic recovery budget (authn/recovery-routes.ts): 5 requests a minute per login, both engines. */
const RECOVERY_PER_MINUTE = 5;
const recoveryKey = (login: string) => `recovery:${login.trim().toLowerCase()}`;

const IdentifierBody = z.looseObject({ identifier: z.string().min(1).max(320) });
const AuthenticatorBody = z.looseObject({ authenticator: z.looseObject({ id: z.string().min(1).max(64), methodType: z.string().max(32).optional() }) });
const PasscodeBody = z.looseObject({ credentials: z.looseObject({ passcode: z.string().max(1024) }) });
const ResetBody = z.looseObject({ credentials: z.looseObject({ passcode: z.string().max(1024), revokeSessions: z.boolean().optional() }) });
const StateBody = z.looseObject({ stateHandle: z.string().min(1).max(512) });

type Json = Record<string, unknown>;
type StepHandler = (body: Record<string, unknown>, ip: string) => Promise<ReturnType<typeof ionReply>>;
type IdxStepFactory = (ctx: OrgContext, path: string, handler: StepHandler) => Route;

/** Who may recover: an active or locked user may reset a password; only a locked user may unlock. */
function eligible(user: UserRow | undefined, purpose: RecoveryData['purpose']): user is UserRow {
  if (!user) return false;
  return purpose === 'unlock' ? user.status === 'LOCKED_OUT' : user.status === 'ACTIVE' || user.status === 'LOCKED_OUT';
}

function recoveryUser(ctx: OrgContext, tx: IdxTx): UserRow | undefined {
  return tx.data.userId ? findUserById(ctx.db, tx.data.userId) : undefined;
}

/** Starts recovery or unlock from the sign-in form (`/recover`, `/unlock-account`). */
function begin(ctx: OrgContext, stateHandle: string, purpose: RecoveryData['purpose']): IdxTx {
  return commit(ctx, liveTx(ctx, stateHandle), (tx) => {
    if (tx.data.step !== 'identify' || tx.data.activation) throw new IdxFailure(400, MESSAGES.badRequest);
    tx.data.step = purpose === 'password' ? 'recover-identify' : 'unlock-select';
    tx.data.recovery = { purpose };
    delete tx.data.userId;
    return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
  });
}

/** Picks the user (or nobody, silently) and e-mails a code when there is someone to send it to. */
async function challengeByEmail(ctx: OrgContext, seen: IdxTx, login: string | undefined): Promise<ReturnType<typeof ionReply>> {
  const purpose = seen.data.recovery?.purpose ?? 'password';
  if (login !== undefined) ctx.limiter.hit(recoveryKey(login), RECOVERY_PER_MINUTE);
  const found = login === undefined ? recoveryUser(ctx, seen) : findUserByLogin(ctx.db, login);
  const user = eligible(found, purpose) ? found : undefined;
  const { code, record } = newEmailCode(ctx, seen.hash);
  let link = '';
  const tx = commit(ctx, seen, (fresh) => {
    fresh.data.step = 'email-challenge';
    // Nobody to recover: the transaction goes on without a user and without a code, so every answer is wrong.
    if (user) fresh.data.userId = user.id;
    else delete fresh.data.userId;
    const typed = login ?? fresh.data.recovery?.login;
    fresh.data.recovery = { purpose, ...(typed === undefined ? {} : { login: typed.slice(0, 320) }), ...(user ? { code: record } : {}) };
    if (user) link = issueEmailLink(ctx, fresh.hash, user.id, record);
    return saveIdxTx(ctx.db, fresh, ctx.clock.nowMs());
  });
  if (user) await mailEmailCode(ctx, user, code, link, purpose === 'unlock' ? 'unlock' : 'recovery');
  return respond(ctx, tx);
}

function requireEmailChoice(ctx: OrgContext, raw: Record<string, unknown>): void {
  const { authenticator } = parse(AuthenticatorBody, raw);
  if (keyOfAuthenticatorId(ctx, authenticator.id) !== 'okta_email') throw new IdxFailure(400, MESSAGES.badRequest);
}

/** The unlock (caller holds the write lock): as Classic's, the password and factor failure counts are cleared. */
export function unlockAccount(ctx: OrgContext, user: UserRow): void {
  const now = ctx.clock.nowMs();
  if (user.status === 'LOCKED_OUT') setUserStatus(ctx.db, user.id, 'ACTIVE', now);
  updateUser(ctx.db, user.id, { failed_passwords: 0, updated_ms: now });
  clearUserFactorFailures(ctx.db, user.id);
}

async function answerCode(ctx: OrgContext, seen: IdxTx, raw: Record<string, unknown>): Promise<ReturnType<typeof ionReply>> {
  const { credentials } = parse(PasscodeBody, raw);
  if (!emailCodeMatches(seen.data.recovery?.code, seen.hash, credentials.passcode, ctx.clock.nowMs()) || !recoveryUser(ctx, seen)) {
    return passcodeFailure(ctx, seen, RECOVERY_MESSAGES.emailCodeInvalid);
  }
  return emailProven(ctx, seen);
}

/** The mailbox is proven (typed code or confirmed link): unlock, or on to the new password. */
async function emailProven(ctx: OrgContext, seen: IdxTx): Promise<ReturnType<typeof ionReply>> {
  const outcome = commit(ctx, seen, (tx, user) => {
    if (!user || !tx.data.recovery?.code) throw new IdxFailure(400, MESSAGES.badRequest);
    // Single use: the code is gone whatever comes next.
    const { code: _spent, ...rest } = tx.data.recovery;
    const purpose = rest.purpose;
    tx.data.recovery = rest;
    tx.data.amr = [...new Set([...tx.data.amr, 'email'])];
    if (purpose === 'unlock') {
      unlockAccount(ctx, user);
      endIdxTx(ctx.db, tx.hash);
      return { unlocked: user } as const;
    }
    tx.data.step = 'reset';
    tx.data.passcodeFailures = 0;
    return { tx: saveIdxTx(ctx.db, tx, ctx.clock.nowMs()) } as const;
  });
  if ('tx' in outcome) return respond(ctx, outcome.tx);
  const user = outcome.unlocked;
  return ionReply({
    version: '1.0.0',
    expiresAt: iso(seen.expiresMs),
    intent: 'LOGIN',
    messages: { type: 'array', value: [RECOVERY_MESSAGES.unlocked] },
    user: { type: 'object', value: { id: user.id, identifier: user.login } },
  });
}

async function resetPassword(ctx: OrgContext, seen: IdxTx, raw: Record<string, unknown>): Promise<ReturnType<typeof ionReply>> {
  const user = recoveryUser(ctx, seen);
  if (!user) throw new IdxFailure(401, MESSAGES.sessionExpired);
  const { credentials } = parse(ResetBody, raw);
  if (passwordProblems(credentials.passcode, user.login).length > 0) {
    throw new RenderedFailure(await respond(ctx, seen, 400, { credentialsMessage: MESSAGES.passwordRequirements }));
  }
  const passwordHash = await hashSecret(credentials.passcode, ctx.policy.scrypt);
  return respond(
    ctx,
    commit(ctx, seen, (tx, fresh) => {
      if (!fresh) throw new IdxFailure(401, MESSAGES.sessionExpired);
      const now = ctx.clock.nowMs();
      const patch: UserPatch = {
        password_hash: passwordHash, password_changed_ms: now, failed_passwords: 0, status: 'ACTIVE',
        status_changed_ms: fresh.status === 'ACTIVE' ? fresh.status_changed_ms : now, updated_ms: now,
      };
      updateUser(ctx.db, fresh.id, patch);
      // A reset that unlocks the account releases a second-factor lock too (as Classic's reset_password).
      clearUserFactorFailures(ctx.db, fresh.id);
      if (credentials.revokeSessions) ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(fresh.id);
      delete tx.data.recovery;
      tx.data.amr = [...new Set([...tx.data.amr, 'pwd'])];
      tx.data.authTimeMs = now;
      tx.data.passcodeFailures = 0;
      // The sign-in goes on under the org's policy: the second factor is still asked for (or enrolled).
      return nextAfterProof(ctx, tx, { ...fresh, ...patch }, false);
    }),
  );
}

/**
 * Handles a shared IDX route (`identify`, `challenge`, `challenge/answer`, `challenge/resend`, `challenge/poll`) when the
 * transaction is recovering; `undefined` lets the sign-in handler run.
 */
export async function recoveryStep(ctx: OrgContext, route: 'identify' | 'challenge' | 'challenge/answer' | 'challenge/resend' | 'challenge/poll', raw: Record<string, unknown>): Promise<ReturnType<typeof ionReply> | undefined> {
  const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
  if (!isRecoveryStep(seen.data.step)) return undefined;
  const step = seen.data.step;
  if (route === 'identify' && step === 'recover-identify') {
    return challengeByEmailAfterChoice(ctx, seen, parse(IdentifierBody, raw).identifier);
  }
  if (route === 'challenge' && step === 'recover-select') {
    requireEmailChoice(ctx, raw);
    return challengeByEmail(ctx, seen, undefined);
  }
  if (route === 'challenge' && step === 'unlock-select') {
    const { identifier } = parse(IdentifierBody, raw);
    requireEmailChoice(ctx, raw);
    return challengeByEmail(ctx, seen, identifier);
  }
  if (route === 'challenge/resend' && step === 'email-challenge') {
    const user = recoveryUser(ctx, seen);
    if (user) ctx.limiter.hit(recoveryKey(user.login), RECOVERY_PER_MINUTE);
    return challengeByEmail(ctx, seen, undefined);
  }
  if (route === 'challenge/answer' && step === 'email-challenge') return answerCode(ctx, seen, raw);
  if (route === 'challenge/poll' && step === 'email-challenge') {
    // The e-mail challenge's poll (M/ `currentAuthenticatorEnrollment.poll`): the same step until the
    // e-mail's link is confirmed (idx/email-link.ts), then on as with the typed code.
    const code = seen.data.recovery?.code;
    if (code?.linkConfirmed && code.expiresMs > ctx.clock.nowMs() && recoveryUser(ctx, seen)) return emailProven(ctx, seen);
    return respond(ctx, seen);
  }
  if (route === 'challenge/answer' && step === 'reset') return resetPassword(ctx, seen, raw);
  throw new IdxFailure(400, MESSAGES.badRequest);
}

/** identify-recovery: the login is remembered (as the user, or as nobody) and the e-mail is offered. */
async function challengeByEmailAfterChoice(ctx: OrgContext, seen: IdxTx, identifier: string): Promise<ReturnType<typeof ionReply>> {
  ctx.limiter.hit(recoveryKey(identifier), RECOVERY_PER_MINUTE);
  const found = findUserByLogin(ctx.db, identifier);
  const user = eligible(found, 'password') ? found : undefined;
  const tx = commit(ctx, seen, (fresh) => {
    fresh.data.step = 'recover-select';
    fresh.data.recovery = { purpose: 'password', login: identifier.slice(0, 320) };
    if (user) fresh.data.userId = user.id;
    else delete fresh.data.userId;
    return saveIdxTx(ctx.db, fresh, ctx.clock.nowMs());
  });
  return respond(ctx, tx);
}

export function recoveryRoutes(ctx: OrgContext, idxStep: IdxStepFactory): Route[] {
  return [
    idxStep(ctx, 'recover', async (raw) => respond(ctx, begin(ctx, parse(StateBody, raw).stateHandle, 'password'))),
    idxStep(ctx, 'unlock-account', async (raw) => respond(ctx, begin(ctx, parse(StateBody, raw).stateHandle, 'unlock'))),
    ...emailLinkRoutes(ctx),
  ];
}

// ── Rendering ────────────────────────────────────────────────────────────────────────────────────

/** `recover` on the password authenticator of the sign-in form (M/identify-with-password.json). */
export function recoverAction(ctx: OrgContext, tx: IdxTx): Json {
  return idxForm(ctx, tx, 'recover', 'recover', []);
}

/** The `unlock-account` remediation beside `identify` (M/identify-with-unlock-account-link.json). */
export function unlockAccountForm(ctx: OrgContext, tx: IdxTx): Json {
  return idxForm(ctx, tx, 'unlock-account', 'unlock-account', []);
}

/** The password authenticator's `settings` as Okta publishes them (complexity and age; M/authenticator-enroll-password.json). */
export function passwordSettings(): Json {
  const { complexity, age } = passwordPolicyEmbed() as { complexity: Json; age: Json };
  return { complexity, age };
}

function passwordAuthenticator(ctx: OrgContext, withSettings = true): Json {
  const a = spec('okta_password');
  return { type: a.type, key: a.key, id: authenticatorIds(ctx).okta_password, displayName: a.displayName, methods: [{ type: 'password' }], ...(withSettings ? { settings: passwordSettings() } : {}) };
}

function withCredentialsMessage(form: Json, message: IdxMessage | undefined): Json {
  if (!message) return form;
  return {
    ...form,
    value: (form.value as Json[]).map((field) => {
      if (field.name !== 'credentials') return field;
      const [first, ...rest] = (field.form as { value: Json[] }).value;
      return { ...field, form: { value: [{ ...first, messages: { type: 'array', value: [message] } }, ...rest] } };
    }),
  };
}

export function renderRecovery(ctx: OrgContext, tx: IdxTx, options: ViewOptions = {}): Json {
  const data = tx.data;
  const user = recoveryUser(ctx, tx);
  const body: Json = { version: '1.0.0', stateHandle: tx.stateHandle, expiresAt: iso(tx.expiresMs), intent: 'LOGIN' };
  const remediations: Json[] = [];
  // Nobody behind the login: the reply still lists the e-mail enrollment, so it looks like anyone's.
  const enrollment = emailAuthenticatorJson(ctx, user ?? { id: `00u${tx.hash.replace(/[-_]/g, '').slice(0, 17)}` });
  const emailOption = { label: 'Email', value: { form: { value: [{ name: 'id', required: true, value: authenticatorIds(ctx).okta_email, mutable: false }, { name: 'methodType', required: false, value: 'email', mutable: false }] } }, relatesTo: '$.authenticatorEnrollments.value[0]' };
  const selectEmail = () => idxForm(ctx, tx, 'select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', type: 'object', options: [emailOption] }]);

  switch (data.step) {
    case 'recover-identify':
      remediations.push(idxForm(ctx, tx, 'identify-recovery', 'identify', [{ name: 'identifier', label: 'Username', required: true }]));
      break;
    case 'recover-select':
      remediations.push(selectEmail());
      body.authenticatorEnrollments = { type: 'array', value: [enrollment] };
      body.recoveryAuthenticator = { type: 'object', value: passwordAuthenticator(ctx) };
      break;
    case 'unlock-select':
      remediations.push(
        idxForm(ctx, tx, 'select-authenticator-unlock-account', 'challenge', [
          { name: 'identifier', label: 'Username', required: true },
          { name: 'authenticator', type: 'object', options: [{ ...emailOption, relatesTo: '$.authenticators.value[0]' }] },
        ]),
      );
      body.authenticators = { type: 'array', value: [emailAuthenticatorJson(ctx)] };
      break;
    case 'email-challenge': {
      const current: Json = {
        ...enrollment,
        resend: idxForm(ctx, tx, 'resend', 'challenge/resend', []),
        poll: idxForm(ctx, tx, 'poll', 'challenge/poll', [], { refresh: EMAIL_POLL_REFRESH_MS }),
        ...(user ? { profile: { email: maskEmail(user.email) } } : {}),
      };
      body.currentAuthenticatorEnrollment = { type: 'object', value: current };
      remediations.push(
        withCredentialsMessage(
          idxForm(ctx, tx, 'challenge-authenticator', 'challenge/answer', [{ name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Enter code' }] }, required: true }], { relatesTo: ['$.currentAuthenticatorEnrollment'] }),
          options.credentialsMessage,
        ),
        selectEmail(),
      );
      body.authenticatorEnrollments = { type: 'array', value: [enrollment] };
      if (data.recovery?.purpose === 'password') body.recoveryAuthenticator = { type: 'object', value: passwordAuthenticator(ctx) };
      break;
    }
    case 'reset': {
      const password = passwordAuthenticator(ctx);
      body.currentAuthenticator = { type: 'object', value: password };
      body.recoveryAuthenticator = { type: 'object', value: password };
      // As M/authenticator-reset-password.json: the authenticator being reset, and the user's enrollments.
      body.authenticators = { type: 'array', value: [passwordAuthenticator(ctx, false)] };
      body.authenticatorEnrollments = { type: 'array', value: [enrollment] };
      remediations.push(
        withCredentialsMessage(
          idxForm(
            ctx,
            tx,
            'reset-authenticator',
            'challenge/answer',
            [
              {
                name: 'credentials',
                type: 'object',
                required: true,
                form: { value: [{ name: 'passcode', label: 'New password', secret: true }, { name: 'revokeSessions', type: 'boolean', label: 'Sign me out of all other devices' }] },
              },
            ],
            { relatesTo: ['$.currentAuthenticator'] },
          ),
          options.credentialsMessage,
        ),
      );
      break;
    }
  }
  body.remediation = { type: 'array', value: remediations };
  const login = user?.login ?? data.recovery?.login;
  if (login !== undefined && data.step !== 'unlock-select' && data.step !== 'recover-identify') {
    body.user = { type: 'object', value: { id: user?.id ?? `00u${tx.hash.replace(/[-_]/g, '').slice(0, 17)}`, identifier: login } };
  }
  body.cancel = idxForm(ctx, tx, 'cancel', 'cancel', []);
  const app = findApp(ctx.db, data.interaction.clientId);
  if (app) body.app = { type: 'object', value: { name: app.name, label: app.label, id: app.id } };
  if (options.messages && options.messages.length > 0) body.messages = { type: 'array', value: options.messages };
  return body;
}
