/**
 * The IDX pipeline (`/idp/idx/*`) for the org's sign-in policy: identify with the password, then a
 * possession authenticator — challenged if the user has one, enrolled if not — then the optional
 * enrollments, which may be skipped. Lockout, rate limits, the per-transaction passcode limit and TOTP
 * replay protection are the Classic side's, on the same users and factors (one store, both engines).
 * Every step re-reads the transaction under the write lock and must find it in the step it started
 * from, so two submissions of one step cannot both succeed.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { activateFactor, deleteFactor, findFactor, insertFactor, listFactors, type FactorRow } from '../store/factor-store.ts';
import { findUserById, updateUser, type UserRow } from '../store/user-store.ts';
import { passwordProblems } from '../security/password-policy.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { hashSecret } from '../security/password-hash.ts';
import { newTotpSecret } from '../factors/totp-engine.ts';
import { proveTotp } from '../factors/totp-driver.ts';
import { SECURITY_QUESTIONS, answerProblem } from '../factors/security-questions.ts';
import { hashAnswer, questionFactorRow } from '../factors/question-driver.ts';
import { checkPassword } from '../authn/primary-auth.ts';
import { numberChallenge } from '../factors/push-driver.ts';
import { findPush, insertPush } from '../store/push-store.ts';
import { PUSH_LIFETIME_MS } from '../store/token-store.ts';
import { engineOf } from './engine.ts';
import { keyOfAuthenticatorId, passwordEnrollmentId, spec, type AuthenticatorKey } from './authenticators.ts';
import { IdxFailure, MESSAGES, idxRoute, ionReply, readIdxBody, type IdxMessage } from './idx-http.ts';
import { clientOfHandle, endIdxTx, loadIdxTx, renewByInteraction, saveIdxTx, type IdxStep, type IdxTx } from './idx-store.ts';
import { enrollableFor, enrollmentsOf, mfaSatisfiedIdx, renderIdx } from './idx-view.ts';
import { succeedIdx } from './idx-success.ts';
import { checkOvChannel, isOktaVerifyTotp, ovFactorFor, ovPairingLive, ovTotpCode, startOvPairing } from './okta-verify-idx.ts';
import { WEBAUTHN_FAILURE, insertWebauthnFactor, newWebauthnChallenge, proveWebauthnAssertion, proveWebauthnEnrollment, unlessWebauthnRefused } from './webauthn-idx.ts';
import { recoveryRoutes, recoveryStep } from './recovery.ts';
import { enrollYubikeyIdx, verifyYubikeyIdx } from './yubikey-idx.ts';
import { newFactorRow } from '../factors/new-factor.ts';

const IDX = '/idp/idx';
const Handle = z.string().min(1).max(512);
// The branch that matched names the handle: a body may carry other keys of any type beside it.
const IntrospectBody = z.union([
  z.looseObject({ interactionHandle: Handle }).transform((b) => ({ interactionHandle: b.interactionHandle })),
  z.looseObject({ stateToken: Handle }).transform((b) => ({ stateHandle: b.stateToken })),
  z.looseObject({ stateHandle: Handle }).transform((b) => ({ stateHandle: b.stateHandle })),
]);
const StateBody = z.looseObject({ stateHandle: Handle });
const IdentifyBody = z.looseObject({
  identifier: z.string().min(1).max(320),
  credentials: z.looseObject({ passcode: z.string().max(1024) }),
  rememberMe: z.boolean().optional(),
});
const AuthenticatorBody = z.looseObject({
  authenticator: z.looseObject({ id: z.string().min(1).max(64), methodType: z.string().max(32).optional(), enrollmentId: z.string().max(64).optional() }),
});
const PasscodeBody = z.looseObject({ credentials: z.looseObject({ passcode: z.string().max(1024) }) });
const QuestionBody = z.looseObject({ credentials: z.looseObject({ questionKey: z.string().max(64), answer: z.string().max(256) }) });

export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new IdxFailure(400, MESSAGES.badRequest);
  return parsed.data;
}

function requireIdentity(ctx: OrgContext): void {
  // A classic org has no IDX pipeline: Okta answers as for any unknown route.
  if (engineOf(ctx.db) !== 'identity') throw new OktaFailure('E0000007', [], {}, IDX);
}

export function liveTx(ctx: OrgContext, stateHandle: string): IdxTx {
  const tx = loadIdxTx(ctx.db, stateHandle, ctx.clock.nowMs());
  if (!tx) throw new IdxFailure(401, MESSAGES.sessionExpired);
  return tx;
}

function requireStep(tx: IdxTx, ...steps: IdxStep[]): void {
  if (!steps.includes(tx.data.step)) throw new IdxFailure(400, MESSAGES.badRequest);
}

function txUser(ctx: OrgContext, tx: IdxTx): UserRow {
  const user = tx.data.userId ? findUserById(ctx.db, tx.data.userId) : undefined;
  const allowed = tx.data.activation ? ['ACTIVE', 'PROVISIONED', 'STAGED'] : ['ACTIVE'];
  if (!user || !allowed.includes(user.status)) throw new IdxFailure(401, MESSAGES.sessionExpired);
  return user;
}

/** Applies a step under the write lock on a fresh copy that must still be where the step began. */
export function commit<T>(ctx: OrgContext, seen: IdxTx, apply: (tx: IdxTx, user: UserRow | undefined) => T): T {
  return inTransaction(ctx.db, () => {
    const fresh = liveTx(ctx, seen.stateHandle);
    if (fresh.data.step !== seen.data.step || fresh.data.factorId !== seen.data.factorId || fresh.data.userId !== seen.data.userId) {
      throw new IdxFailure(400, MESSAGES.badRequest);
    }
    const user = fresh.data.userId ? findUserById(ctx.db, fresh.data.userId) : undefined;
    return apply(fresh, user);
  });
}


/** After the password or an enrollment: challenge, enroll, offer the optional ones, or finish. */
export function nextAfterProof(ctx: OrgContext, tx: IdxTx, user: UserRow, justEnrolled: boolean): IdxTx | Record<string, unknown> {
  delete tx.data.factorId;
  delete tx.data.enrollingKey;
  if (!mfaSatisfiedIdx(ctx, user)) {
    tx.data.step = 'select-enroll';
  } else if (!justEnrolled && !tx.data.amr.includes('mfa')) {
    tx.data.step = 'select-authenticate';
  } else if (tx.data.enrolled.length > 0 && enrollableFor(ctx, user).length > 0) {
    // Optional enrollments are offered (with skip) in the transaction that set up the required one.
    tx.data.step = 'select-enroll';
  } else {
    return succeedIdx(ctx, tx, user);
  }
  return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
}

export async function respond(ctx: OrgContext, result: IdxTx | Record<string, unknown>, status = 200, messages?: { messages?: IdxMessage[]; credentialsMessage?: IdxMessage }) {
  if ('data' in result && 'stateHandle' in result && typeof result.hash === 'string') {
    return ionReply(await renderIdx(ctx, result as IdxTx, messages), status);
  }
  return ionReply(result, status);
}

/** A wrong code counts toward the transaction's limit; the limit ends the transaction, as on Classic. */
export async function passcodeFailure(ctx: OrgContext, seen: IdxTx, message: IdxMessage, where: 'field' | 'top' = 'field'): Promise<never> {
  const ended = inTransaction(ctx.db, () => {
    const fresh = loadIdxTx(ctx.db, seen.stateHandle, ctx.clock.nowMs());
    if (!fresh) return true;
    fresh.data.passcodeFailures += 1;
    if (fresh.data.passcodeFailures >= ctx.policy.maxPasscodeFailures) {
      endIdxTx(ctx.db, fresh.hash);
      return true;
    }
    saveIdxTx(ctx.db, fresh, ctx.clock.nowMs());
    return false;
  });
  if (ended) throw new IdxFailure(403, MESSAGES.suspended);
  const fresh = liveTx(ctx, seen.stateHandle);
  throw new RenderedFailure(await respond(ctx, fresh, 400, where === 'field' ? { credentialsMessage: message } : { messages: [message] }));
}

/** A failure answered with the current step re-rendered (the user may try again). */
export class RenderedFailure extends Error {
  readonly reply: ReturnType<typeof ionReply>;
  constructor(reply: ReturnType<typeof ionReply>) {
    super('idx-rendered-failure');
    this.reply = reply;
  }
}

/** A refused security key answer counts like a wrong code; the next try signs a fresh challenge. */
async function webauthnFailure(ctx: OrgContext, seen: IdxTx): Promise<never> {
  commit(ctx, seen, (tx) => {
    newWebauthnChallenge(ctx, tx);
    return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
  });
  return passcodeFailure(ctx, seen, WEBAUTHN_FAILURE, 'top');
}

export function idxStep(ctx: OrgContext, path: string, handler: (body: Record<string, unknown>, ip: string) => Promise<ReturnType<typeof ionReply>>): Route {
  return idxRoute({
    method: 'POST',
    path: `${IDX}/${path}`,
    handler: async ({ req, ip }) => {
      requireIdentity(ctx);
      const headers = ctx.limiter.hit(`ip:${ip}`, ctx.policy.ipPerMinute);
      const body = await readIdxBody(req);
      const handle = [body.stateHandle, body.interactionHandle, body.stateToken].find((h): h is string => typeof h === 'string' && h.length > 0 && h.length <= 1024);
      ctx.calls.idx(handle === undefined ? undefined : clientOfHandle(ctx.db, handle));
      try {
        const reply = await handler(body, ip);
        return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
      } catch (error: unknown) {
        if (error instanceof RenderedFailure) return error.reply;
        throw error;
      }
    },
  });
}

/** A push with the org's number challenge, for the training device page to answer. Runs in the caller's write transaction. */
function sendPush(ctx: OrgContext, factor: FactorRow): string {
  const now = ctx.clock.nowMs();
  const { correct, choices } = ctx.policy.pushNumberChallenge ? numberChallenge(ctx.random) : { correct: null, choices: [] };
  const id = opaqueToken(ctx.random, 'pch', 12);
  insertPush(ctx.db, { id, factor_id: factor.id, kind: 'verify', status: 'WAITING', correct_answer: correct, choices: JSON.stringify(choices), created_ms: now, expires_ms: now + PUSH_LIFETIME_MS });
  return id;
}

function signInFactor(ctx: OrgContext, user: UserRow, key: AuthenticatorKey): FactorRow | undefined {
  return enrollmentsOf(ctx, user).find((e) => e.key === key && e.factor && spec(e.key).possession)?.factor;
}

export function idxRoutes(ctx: OrgContext): Route[] {
  return [
    ...recoveryRoutes(ctx, idxStep),
    idxStep(ctx, 'introspect', async (raw) => {
      const body = parse(IntrospectBody, raw);
      const now = ctx.clock.nowMs();
      let tx: IdxTx | undefined;
      if ('interactionHandle' in body) {
        const handle = body.interactionHandle;
        tx = inTransaction(ctx.db, () => renewByInteraction(ctx.db, handle, opaqueToken(ctx.random, '02', 30), now));
      } else {
        const handle = body.stateHandle;
        tx = inTransaction(ctx.db, () => {
          const found = loadIdxTx(ctx.db, handle, now);
          return found ? saveIdxTx(ctx.db, found, now) : undefined;
        });
      }
      if (!tx) throw new IdxFailure(401, MESSAGES.sessionExpired);
      return respond(ctx, tx);
    }),

    idxStep(ctx, 'identify', async (raw) => {
      const recovering = await recoveryStep(ctx, 'identify', raw);
      if (recovering) return recovering;
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'identify');
      const body = parse(IdentifyBody, raw);
      const outcome = await checkPassword(ctx, body.identifier, body.credentials.passcode, (user) => {
        const fresh = liveTx(ctx, seen.stateHandle);
        if (fresh.data.step !== 'identify') throw new IdxFailure(400, MESSAGES.badRequest);
        fresh.data.userId = user.id;
        fresh.data.amr = ['pwd'];
        fresh.data.authTimeMs = ctx.clock.nowMs();
        return nextAfterProof(ctx, fresh, user, false);
      });
      if (outcome.kind === 'ok') return respond(ctx, outcome.result);
      const again = liveTx(ctx, seen.stateHandle);
      return respond(ctx, again, outcome.kind === 'locked' ? 403 : 401, { messages: [outcome.kind === 'locked' ? MESSAGES.locked : MESSAGES.authFailed] });
    }),

    idxStep(ctx, 'challenge', async (raw) => {
      const recovering = await recoveryStep(ctx, 'challenge', raw);
      if (recovering) return recovering;
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'select-authenticate', 'challenge');
      const { authenticator } = parse(AuthenticatorBody, raw);
      const user = txUser(ctx, seen);
      const key = keyOfAuthenticatorId(ctx, authenticator.id);
      const factor = key === 'okta_verify' ? ovFactorFor(ctx, user, authenticator.methodType) : key ? signInFactor(ctx, user, key) : undefined;
      if (!factor) throw new IdxFailure(400, MESSAGES.badRequest);
      const result = commit(ctx, seen, (tx) => {
        tx.data.step = 'challenge';
        tx.data.factorId = factor.id;
        delete tx.data.pushId;
        if (factor.factor_type === 'push') tx.data.pushId = sendPush(ctx, factor);
        if (key === 'webauthn') newWebauthnChallenge(ctx, tx);
        return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
      });
      return respond(ctx, result);
    }),

    idxStep(ctx, 'authenticators/poll', async (raw) => {
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'challenge');
      const user = txUser(ctx, seen);
      const push = seen.data.pushId ? findPush(ctx.db, seen.data.pushId) : undefined;
      if (!push) throw new IdxFailure(400, MESSAGES.badRequest);
      if (push.status === 'APPROVED') {
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            delete tx.data.pushId;
            tx.data.amr = [...new Set([...tx.data.amr, 'mfa'])];
            return nextAfterProof(ctx, tx, u ?? user, false);
          }),
        );
      }
      const expired = push.status === 'WAITING' && push.expires_ms <= ctx.clock.nowMs();
      if (push.status === 'WAITING' && !expired) return respond(ctx, seen);
      // Denied or timed out: back to the choice of authenticator, with Okta's message.
      const back = commit(ctx, seen, (tx) => {
        tx.data.step = 'select-authenticate';
        delete tx.data.pushId;
        delete tx.data.factorId;
        return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
      });
      return respond(ctx, back, 400, { messages: [push.status === 'REJECTED' ? MESSAGES.pushRejected : MESSAGES.pushTimedOut] });
    }),

    idxStep(ctx, 'challenge/resend', async (raw) => {
      const recovering = await recoveryStep(ctx, 'challenge/resend', raw);
      if (recovering) return recovering;
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'challenge');
      const user = txUser(ctx, seen);
      const factor = seen.data.factorId ? findFactor(ctx.db, user.id, seen.data.factorId) : undefined;
      if (!factor || factor.factor_type !== 'push') throw new IdxFailure(400, MESSAGES.badRequest);
      return respond(
        ctx,
        commit(ctx, seen, (tx) => {
          tx.data.pushId = sendPush(ctx, factor);
          return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
        }),
      );
    }),

    idxStep(ctx, 'challenge/answer', async (raw) => {
      const recovering = await recoveryStep(ctx, 'challenge/answer', raw);
      if (recovering) return recovering;
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'challenge', 'enroll');
      const user = txUser(ctx, seen);
      if (seen.data.step === 'challenge') {
        const factor = seen.data.factorId ? findFactor(ctx.db, user.id, seen.data.factorId) : undefined;
        if (factor?.factor_type === 'webauthn') {
          await unlessWebauthnRefused(proveWebauthnAssertion(ctx, seen, user, raw), () => webauthnFailure(ctx, seen));
          return respond(
            ctx,
            commit(ctx, seen, (tx, u) => {
              delete tx.data.webauthnChallenge;
              tx.data.amr = [...new Set([...tx.data.amr, 'hwk', 'mfa'])];
              return nextAfterProof(ctx, tx, u ?? user, false);
            }),
          );
        }
        if (factor?.factor_type === 'token:hardware') return verifyYubikeyIdx(ctx, seen, user, factor, raw);
        if (!factor || factor.status !== 'ACTIVE' || factor.factor_type !== 'token:software:totp') throw new IdxFailure(400, MESSAGES.badRequest);
        // Okta Verify's code is `credentials.totp`; Google Authenticator's `credentials.passcode`.
        const passCode = isOktaVerifyTotp(factor) ? ovTotpCode(raw) : parse(PasscodeBody, raw).credentials.passcode;
        try {
          proveTotp({ ctx, body: { passCode } }, factor);
        } catch (error: unknown) {
          if (error instanceof OktaFailure && error.code === 'E0000082') return passcodeFailure(ctx, seen, MESSAGES.softTokenUsed);
          if (error instanceof OktaFailure && error.code === 'E0000068') return passcodeFailure(ctx, seen, MESSAGES.softTokenInvalid);
          throw error;
        }
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            tx.data.amr = [...new Set([...tx.data.amr, 'otp', 'mfa'])];
            return nextAfterProof(ctx, tx, u ?? user, false);
          }),
        );
      }
      // Enrollment.
      if (seen.data.enrollingKey === 'okta_password') {
        const { credentials } = parse(PasscodeBody, raw);
        if (passwordProblems(credentials.passcode, user.login).length > 0) {
          throw new RenderedFailure(await respond(ctx, seen, 400, { credentialsMessage: MESSAGES.passwordRequirements }));
        }
        const passwordHash = await hashSecret(credentials.passcode, ctx.policy.scrypt);
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            const now = ctx.clock.nowMs();
            const patch = { password_hash: passwordHash, password_changed_ms: now, failed_passwords: 0, status: 'ACTIVE' as const, status_changed_ms: now, activated_ms: now, updated_ms: now };
            updateUser(ctx.db, user.id, patch);
            tx.data.amr = ['pwd'];
            tx.data.authTimeMs = now;
            tx.data.enrolled.push(passwordEnrollmentId(user));
            return nextAfterProof(ctx, tx, { ...(u ?? user), ...patch }, true);
          }),
        );
      }
      if (seen.data.enrollingKey === 'webauthn') {
        const credential = await unlessWebauthnRefused(proveWebauthnEnrollment(ctx, seen, user, raw), () => webauthnFailure(ctx, seen));
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            const factor = insertWebauthnFactor(ctx, user, credential);
            delete tx.data.webauthnChallenge;
            tx.data.enrolled.push(factor.id);
            tx.data.amr = [...new Set([...tx.data.amr, 'hwk', 'mfa'])];
            return nextAfterProof(ctx, tx, u ?? user, true);
          }),
        );
      }
      if (seen.data.enrollingKey === 'yubikey_token') return enrollYubikeyIdx(ctx, seen, user, raw);
      if (seen.data.enrollingKey === 'security_question') {
        const { credentials } = parse(QuestionBody, raw);
        if (!Object.hasOwn(SECURITY_QUESTIONS, credentials.questionKey)) throw new IdxFailure(400, MESSAGES.badRequest);
        if (answerProblem(credentials.questionKey, credentials.answer)) {
          throw new RenderedFailure(await respond(ctx, seen, 400, { credentialsMessage: MESSAGES.answerTooShort }));
        }
        const answerHash = await hashAnswer(ctx, credentials.answer);
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            for (const old of listFactors(ctx.db, user.id).filter((f) => f.factor_type === 'question')) deleteFactor(ctx.db, old.id);
            const factor = questionFactorRow(ctx, user.id, credentials.questionKey, answerHash);
            insertFactor(ctx.db, factor);
            tx.data.enrolled.push(factor.id);
            return nextAfterProof(ctx, tx, u ?? user, true);
          }),
        );
      }
      const factor = seen.data.factorId ? findFactor(ctx.db, user.id, seen.data.factorId) : undefined;
      if (!factor || factor.status !== 'PENDING_ACTIVATION') throw new IdxFailure(400, MESSAGES.badRequest);
      const { credentials } = parse(PasscodeBody, raw);
      try {
        proveTotp({ ctx, body: { passCode: credentials.passcode } }, factor);
      } catch (error: unknown) {
        if (error instanceof OktaFailure && (error.code === 'E0000068' || error.code === 'E0000082')) return passcodeFailure(ctx, seen, MESSAGES.passcodeInvalid);
        throw error;
      }
      return respond(
        ctx,
        commit(ctx, seen, (tx, u) => {
          activateFactor(ctx.db, factor.id, ctx.clock.nowMs());
          tx.data.enrolled.push(factor.id);
          tx.data.amr = [...new Set([...tx.data.amr, 'otp', 'mfa'])];
          return nextAfterProof(ctx, tx, u ?? user, true);
        }),
      );
    }),

    idxStep(ctx, 'credential/enroll', async (raw) => {
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'select-enroll', 'enroll');
      const { authenticator } = parse(AuthenticatorBody, raw);
      const user = txUser(ctx, seen);
      const key = keyOfAuthenticatorId(ctx, authenticator.id);
      if (!key || !enrollableFor(ctx, user).includes(key)) throw new IdxFailure(400, MESSAGES.badRequest);
      if (key === 'okta_verify') checkOvChannel(raw);
      const result = commit(ctx, seen, (tx) => {
        const now = ctx.clock.nowMs();
        // A new enrollment replaces an unfinished one of the same kind (its seed was never proven).
        for (const pending of listFactors(ctx.db, user.id).filter((f) => f.status === 'PENDING_ACTIVATION' && f.factor_type === 'token:software:totp' && f.provider === 'GOOGLE')) {
          deleteFactor(ctx.db, pending.id);
        }
        delete tx.data.factorId;
        if (key === 'google_otp') {
          const factor = newFactorRow(ctx, user.id, { kind: 'totpGoogle', type: 'token:software:totp', provider: 'GOOGLE', status: 'PENDING_ACTIVATION', secret: newTotpSecret(), profile: { credentialId: user.login } });
          insertFactor(ctx.db, factor);
          tx.data.factorId = factor.id;
        }
        if (key === 'webauthn') newWebauthnChallenge(ctx, tx);
        if (key === 'okta_verify') startOvPairing(ctx, tx, user);
        tx.data.step = 'enroll';
        tx.data.enrollingKey = key;
        return saveIdxTx(ctx.db, tx, now);
      });
      return respond(ctx, result);
    }),

    idxStep(ctx, 'skip', async (raw) => {
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'select-enroll', 'enroll');
      const user = txUser(ctx, seen);
      if (!mfaSatisfiedIdx(ctx, user)) throw new IdxFailure(400, MESSAGES.badRequest);
      return respond(ctx, commit(ctx, seen, (tx, u) => succeedIdx(ctx, tx, u ?? user)));
    }),

    idxStep(ctx, 'cancel', async (raw) => {
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      const result = inTransaction(ctx.db, () => {
        const tx = liveTx(ctx, seen.stateHandle);
        // Okta answers a cancel with a fresh identify form for the same interaction.
        tx.data = { interaction: tx.data.interaction, step: 'identify', amr: [], passcodeFailures: 0, enrolled: [] };
        return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
      });
      return respond(ctx, result);
    }),

    // enroll-poll of an Okta Verify enrollment (okta-verify-idx.ts): paired → next step; QR expired → a new one.
    idxStep(ctx, 'challenge/poll', async (raw) => {
      const recovering = await recoveryStep(ctx, 'challenge/poll', raw);
      if (recovering) return recovering;
      const seen = liveTx(ctx, parse(StateBody, raw).stateHandle);
      requireStep(seen, 'enroll');
      if (seen.data.enrollingKey !== 'okta_verify') throw new IdxFailure(400, MESSAGES.badRequest);
      const user = txUser(ctx, seen);
      const factor = seen.data.factorId ? findFactor(ctx.db, user.id, seen.data.factorId) : undefined;
      if (!factor) throw new IdxFailure(400, MESSAGES.badRequest);
      if (factor.status === 'ACTIVE') {
        return respond(
          ctx,
          commit(ctx, seen, (tx, u) => {
            delete tx.data.pairingCode;
            tx.data.enrolled.push(factor.id);
            tx.data.amr = [...new Set([...tx.data.amr, 'mfa'])];
            return nextAfterProof(ctx, tx, u ?? user, true);
          }),
        );
      }
      if (ovPairingLive(ctx, seen)) return respond(ctx, seen);
      return respond(
        ctx,
        commit(ctx, seen, (tx) => {
          startOvPairing(ctx, tx, user);
          return saveIdxTx(ctx.db, tx, ctx.clock.nowMs());
        }),
      );
    }),
  ];
}
