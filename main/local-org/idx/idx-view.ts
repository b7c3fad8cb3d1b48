/**
 * An IDX transaction as Okta's IDX response (okta-idx.md §2–3, the Sign-In Widget's recorded replies):
 * `remediation` forms for the current step (each `rel:["create-form"]` with `href`, `accepts`,
 * `produces`, and the immutable `stateHandle`), the authenticators offered, the user's enrollments,
 * the current authenticator (with `contextualData` while enrolling), `user`, `app` and the `cancel`
 * action. JSONPath `relatesTo` always points at an entry present in the same reply (auth-js resolves it).
 */
import QRCode from 'qrcode';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { activeFactors, findFactor, type FactorRow } from '../store/factor-store.ts';
import { findUserById, type UserRow } from '../store/user-store.ts';
import { otpauthUri } from '../factors/totp-engine.ts';
import { SECURITY_QUESTIONS } from '../factors/security-questions.ts';
import { findApp } from '../oauth/app-store.ts';
import { findPush } from '../store/push-store.ts';
import { AUTHENTICATORS, authenticatorIds, authenticatorOf, passwordEnrollmentId, spec, type AuthenticatorKey } from './authenticators.ts';
import { IDX_ACCEPTS, ION, type IdxMessage } from './idx-http.ts';
import type { IdxTx } from './idx-store.ts';
import { ENROLL_POLL_REFRESH_MS, OV_TOTP_FIELDS, isOktaVerifyTotp, ovEnrollContext, ovSelectOption } from './okta-verify-idx.ts';
import { WEBAUTHN_CHALLENGE_FIELDS, WEBAUTHN_ENROLL_FIELDS, webauthnActivationData, webauthnChallengeData, webauthnEnrollmentExtras } from './webauthn-idx.ts';
import { YUBIKEY_PASSCODE_FIELDS } from './yubikey-idx.ts';
import { yubikeyPublicIdOf } from '../factors/yubikey-driver.ts';
import { isRecoveryStep, passwordSettings, recoverAction, renderRecovery, unlockAccountForm } from './recovery.ts';

type Json = Record<string, unknown>;

export interface ViewOptions {
  /** Top-level messages. */
  readonly messages?: readonly IdxMessage[];
  /** A message on the first remediation's `credentials` fields (wrong code, short answer). */
  readonly credentialsMessage?: IdxMessage;
}

function stateHandleField(tx: IdxTx): Json {
  return { name: 'stateHandle', required: true, value: tx.stateHandle, visible: false, mutable: false };
}

export function idxForm(ctx: OrgContext, tx: IdxTx, name: string, path: string, fields: readonly Json[], extra: Json = {}): Json {
  return {
    rel: ['create-form'],
    name,
    ...extra,
    href: `${ctx.url()}/idp/idx/${path}`,
    method: 'POST',
    produces: ION,
    value: [...fields, stateHandleField(tx)],
    accepts: IDX_ACCEPTS,
  };
}

function authenticatorJson(ctx: OrgContext, key: AuthenticatorKey): Json {
  const a = spec(key);
  return { type: a.type, key: a.key, id: authenticatorIds(ctx)[key], displayName: a.displayName, methods: a.methods.map((type) => ({ type })) };
}

interface Enrollment {
  readonly key: AuthenticatorKey;
  readonly json: Json;
  readonly factor?: FactorRow;
}

/** The user's enrollments as IDX lists them: the password first, then each shown factor. */
export function enrollmentsOf(ctx: OrgContext, user: UserRow): Enrollment[] {
  const out: Enrollment[] = [];
  if (user.password_hash) out.push({ key: 'okta_password', json: { ...authenticatorJson(ctx, 'okta_password'), id: passwordEnrollmentId(user), authenticatorId: authenticatorIds(ctx).okta_password } });
  for (const factor of activeFactors(ctx.db, user.id)) {
    const key = authenticatorOf(factor);
    if (!key) continue;
    // Okta Verify's push and code are one enrollment of one authenticator, as Okta lists it.
    if (key === 'okta_verify' && out.some((e) => e.key === 'okta_verify')) continue;
    const json: Json = { ...authenticatorJson(ctx, key), id: factor.id, authenticatorId: authenticatorIds(ctx)[key] };
    if (key === 'security_question') {
      const question = (JSON.parse(factor.profile) as { question?: string }).question ?? '';
      json.profile = { questionKey: question, question: SECURITY_QUESTIONS[question] ?? question };
    }
    if (key === 'webauthn') Object.assign(json, webauthnEnrollmentExtras(factor));
    // Okta lists the key's token id here (`ykk…`); this org's token rows are keyed by the key's public ID.
    if (key === 'yubikey_token') json.credentialId = yubikeyPublicIdOf(factor);
    out.push({ key, json, factor });
  }
  return out;
}

/** Authenticators the user may still enroll, in catalogue order. */
export function enrollableFor(ctx: OrgContext, user: UserRow): AuthenticatorKey[] {
  // A user from an activation link sets the password before anything else.
  if (!user.password_hash) return ['okta_password'];
  const have = new Set(enrollmentsOf(ctx, user).map((e) => e.key));
  return AUTHENTICATORS.filter((a) => a.enrollable && !have.has(a.key)).map((a) => a.key);
}

export function mfaSatisfiedIdx(ctx: OrgContext, user: UserRow): boolean {
  return enrollmentsOf(ctx, user).some((e) => spec(e.key).possession);
}

/** Okta's poll interval for Okta Verify pushes. */
export const PUSH_POLL_REFRESH_MS = 4000;

function optionFor(ctx: OrgContext, key: AuthenticatorKey, relatesTo: string, enrollmentId?: string): Json {
  const a = spec(key);
  const form: Json[] = [{ name: 'id', required: true, value: authenticatorIds(ctx)[key], mutable: false }];
  form.push({ name: 'methodType', required: false, value: a.methods[0], mutable: false });
  if (enrollmentId) form.push({ name: 'enrollmentId', required: true, value: enrollmentId, mutable: false });
  return { label: a.displayName, value: { form: { value: form } }, relatesTo };
}

function withCredentialsMessage(remediation: Json, message: IdxMessage | undefined): Json {
  if (!message) return remediation;
  const fields = (remediation.value as Json[]).map((field) => {
    if (field.name !== 'credentials') return field;
    const form = field.form as { value: Json[] } | undefined;
    if (!form) return { ...field, messages: { type: 'array', value: [message] } };
    const [first, ...rest] = form.value;
    return { ...field, form: { value: [{ ...first, messages: { type: 'array', value: [message] } }, ...rest] } };
  });
  return { ...remediation, value: fields };
}

async function enrollContext(ctx: OrgContext, tx: IdxTx, user: UserRow, key: AuthenticatorKey, factor: FactorRow | undefined): Promise<Json | undefined> {
  if (key === 'webauthn') return { activationData: webauthnActivationData(ctx, tx, user) };
  if (key === 'google_otp' && factor?.secret) {
    const host = new URL(ctx.url()).host;
    const href = await QRCode.toDataURL(otpauthUri(factor.secret, user.login, host), { margin: 2, width: 240 });
    return { qrcode: { method: 'embedded', href, type: 'image/png' }, sharedSecret: factor.secret };
  }
  if (key === 'security_question') {
    return {
      questionKeys: Object.keys(SECURITY_QUESTIONS),
      questions: Object.entries(SECURITY_QUESTIONS).map(([questionKey, question]) => ({ questionKey, question })),
    };
  }
  return undefined;
}

function enrollFields(key: AuthenticatorKey): Json[] {
  if (key === 'webauthn') return [...WEBAUTHN_ENROLL_FIELDS];
  if (key === 'yubikey_token') return [...YUBIKEY_PASSCODE_FIELDS];
  if (key === 'okta_password') {
    return [{ name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Enter password', secret: true }] }, required: true }];
  }
  if (key === 'security_question') {
    return [
      {
        name: 'credentials',
        type: 'object',
        required: true,
        options: [
          {
            label: 'Choose a security question',
            value: {
              form: {
                value: [
                  { name: 'questionKey', type: 'string', required: true, label: 'Choose a security question', options: Object.entries(SECURITY_QUESTIONS).map(([value, label]) => ({ label, value })) },
                  { name: 'answer', label: 'Answer', required: true, secret: true },
                ],
              },
            },
          },
        ],
      },
    ];
  }
  return [{ name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Enter code', required: true, visible: true }] }, required: true }];
}

export async function renderIdx(ctx: OrgContext, tx: IdxTx, options: ViewOptions = {}): Promise<Json> {
  const data = tx.data;
  if (isRecoveryStep(data.step)) return renderRecovery(ctx, tx, options);
  const user = data.userId ? findUserById(ctx.db, data.userId) : undefined;
  const app = findApp(ctx.db, data.interaction.clientId);
  const body: Json = { version: '1.0.0', stateHandle: tx.stateHandle, expiresAt: iso(tx.expiresMs), intent: 'LOGIN' };
  const remediations: Json[] = [];
  const enrollments = user ? enrollmentsOf(ctx, user) : [];

  const selectAuthenticate = (): Json => {
    // One option per authenticator, as Okta offers it, however many keys or methods the user has.
    const options = enrollments.flatMap((e, index) =>
      spec(e.key).possession && enrollments.findIndex((other) => other.key === e.key) === index
        ? [e.key === 'okta_verify' && user ? ovSelectOption(ctx, user, authenticatorIds(ctx).okta_verify, `$.authenticatorEnrollments.value[${index}]`) : optionFor(ctx, e.key, `$.authenticatorEnrollments.value[${index}]`)]
        : [],
    );
    return idxForm(ctx, tx, 'select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', type: 'object', options }]);
  };
  const selectEnroll = (keys: readonly AuthenticatorKey[]): Json => {
    body.authenticators = { type: 'array', value: keys.map((key) => authenticatorJson(ctx, key)) };
    const options = keys.map((key, index) => optionFor(ctx, key, `$.authenticators.value[${index}]`));
    return idxForm(ctx, tx, 'select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', type: 'object', options }]);
  };
  const skip = () => idxForm(ctx, tx, 'skip', 'skip', []);

  switch (data.step) {
    case 'identify':
      remediations.push(
        idxForm(ctx, tx, 'identify', 'identify', [
          { name: 'identifier', label: 'Username', required: true },
          { name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'Password', secret: true }] }, required: true },
          { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
        ]),
        unlockAccountForm(ctx, tx),
      );
      body.currentAuthenticator = { type: 'object', value: { ...authenticatorJson(ctx, 'okta_password'), recover: recoverAction(ctx, tx) } };
      break;
    case 'select-authenticate':
      remediations.push(selectAuthenticate());
      break;
    case 'challenge': {
      const factor = user && data.factorId ? findFactor(ctx.db, user.id, data.factorId) : undefined;
      const enrollment = enrollments.find((e) => e.factor?.id === factor?.id);
      if (factor?.factor_type === 'push') {
        const push = data.pushId ? findPush(ctx.db, data.pushId) : undefined;
        const current: Json = { ...authenticatorJson(ctx, 'okta_verify') };
        // The number to pick on the phone is already in this reply, as a string (okta-idx.md §3).
        if (push?.status === 'WAITING' && push.correct_answer !== null) current.contextualData = { correctAnswer: String(push.correct_answer) };
        current.resend = idxForm(ctx, tx, 'resend', 'challenge/resend', []);
        body.currentAuthenticator = { type: 'object', value: current };
        remediations.push(
          idxForm(ctx, tx, 'challenge-poll', 'authenticators/poll', [], { relatesTo: ['$.currentAuthenticator'], refresh: PUSH_POLL_REFRESH_MS }),
          selectAuthenticate(),
        );
        break;
      }
      if (factor && isOktaVerifyTotp(factor)) {
        body.currentAuthenticator = { type: 'object', value: { ...authenticatorJson(ctx, 'okta_verify'), methods: [{ type: 'totp' }] } };
        remediations.push(
          withCredentialsMessage(idxForm(ctx, tx, 'challenge-authenticator', 'challenge/answer', OV_TOTP_FIELDS, { relatesTo: ['$.currentAuthenticator'] }), options.credentialsMessage),
          selectAuthenticate(),
        );
        break;
      }
      if (enrollment?.key === 'webauthn') {
        body.currentAuthenticator = { type: 'object', value: { ...authenticatorJson(ctx, 'webauthn'), contextualData: { challengeData: webauthnChallengeData(ctx, tx) } } };
        remediations.push(idxForm(ctx, tx, 'challenge-authenticator', 'challenge/answer', WEBAUTHN_CHALLENGE_FIELDS, { relatesTo: ['$.currentAuthenticator'] }), selectAuthenticate());
        break;
      }
      if (enrollment) body.currentAuthenticatorEnrollment = { type: 'object', value: enrollment.json };
      remediations.push(
        withCredentialsMessage(idxForm(ctx, tx, 'challenge-authenticator', 'challenge/answer', enrollFields(enrollment?.key === 'yubikey_token' ? 'yubikey_token' : 'google_otp'), { relatesTo: ['$.currentAuthenticatorEnrollment'] }), options.credentialsMessage),
        selectAuthenticate(),
      );
      break;
    }
    case 'select-enroll': {
      const keys = user ? enrollableFor(ctx, user) : [];
      remediations.push(selectEnroll(keys));
      if (user && mfaSatisfiedIdx(ctx, user)) remediations.push(skip());
      break;
    }
    case 'enroll': {
      const factor = user && data.factorId ? findFactor(ctx.db, user.id, data.factorId) : undefined;
      const key = data.enrollingKey ?? 'google_otp';
      const current: Json = { ...authenticatorJson(ctx, key) };
      const contextual = user ? await enrollContext(ctx, tx, user, key, factor) : undefined;
      if (contextual) current.contextualData = contextual;
      if (key === 'okta_password') current.settings = passwordSettings();
      body.currentAuthenticator = { type: 'object', value: current };
      body.enrollmentAuthenticator = { type: 'object', value: authenticatorJson(ctx, key) };
      if (key === 'okta_verify') {
        current.contextualData = await ovEnrollContext(ctx, tx);
        remediations.push(
          idxForm(ctx, tx, 'enroll-poll', 'challenge/poll', [], { refresh: ENROLL_POLL_REFRESH_MS }),
          idxForm(ctx, tx, 'select-enrollment-channel', 'credential/enroll', [
            { name: 'authenticator', type: 'object', label: 'Okta Verify', value: { form: { value: [{ name: 'id', required: true, value: authenticatorIds(ctx).okta_verify, mutable: false, visible: false }, { name: 'channel', required: true, visible: true, options: [{ value: 'qrcode', label: 'QRCODE' }] }] } } },
          ]),
        );
      } else remediations.push(withCredentialsMessage(idxForm(ctx, tx, 'enroll-authenticator', 'challenge/answer', enrollFields(key), { relatesTo: ['$.currentAuthenticator'] }), options.credentialsMessage));
      // Switching to another authenticator mid-enrollment (or starting this one again), as Okta's replies
      // offer: the whole choice, the one in progress included (authenticator-enroll-webauthn.json).
      const choice = user && key !== 'okta_password' ? enrollableFor(ctx, user) : [];
      if (choice.length > 0) remediations.push(selectEnroll(choice));
      // An optional enrollment can be left for later from its own step too, as Okta's replies offer it
      // (enroll-security-question-with-character-limit-error.json: enroll-authenticator, the choice, skip).
      if (user && key !== 'okta_password' && mfaSatisfiedIdx(ctx, user)) remediations.push(skip());
      break;
    }
  }
  body.remediation = { type: 'array', value: remediations };
  if (enrollments.length > 0) body.authenticatorEnrollments = { type: 'array', value: enrollments.map((e) => e.json) };
  if (data.step === 'select-authenticate' || data.step === 'challenge') {
    const keys = [...new Set(enrollments.filter((e) => spec(e.key).possession).map((e) => e.key))];
    body.authenticators = { type: 'array', value: keys.map((key) => authenticatorJson(ctx, key)) };
  }
  if (user) body.user = { type: 'object', value: { id: user.id, identifier: user.login } };
  body.cancel = idxForm(ctx, tx, 'cancel', 'cancel', []);
  if (app) body.app = { type: 'object', value: { name: app.name, label: app.label, id: app.id } };
  if (options.messages && options.messages.length > 0) body.messages = { type: 'array', value: options.messages };
  return body;
}
