/**
 * An IDX reply → the renderer's view model, the same one the Classic client produces (ARCHITECTURE rule 4),
 * so screens stay free of engine knowledge: a `select-authenticator-enroll` form is MFA_ENROLL, an
 * `enroll-authenticator` form MFA_ENROLL_ACTIVATE (PASSWORD_RESET for the password of an activation),
 * `select-authenticator-authenticate` MFA_REQUIRED, `challenge-authenticator` and `challenge-poll`
 * MFA_CHALLENGE. No state handle, interaction code or token leaves main; the TOTP seed leaves once, as
 * the QR image and the "Can't scan?" key.
 */
import type { FactorKind, FactorView, TotpSetupView, TransactionStatus, TransactionView } from '../../../preload/contract.ts';
import { passwordPolicyView } from '../password-policy-view.ts';
import type { ViewDeps } from '../views.ts';
import { creationOptionsFrom, requestOptionsFrom } from '../webauthn-options.ts';
import { methodViewId, type IdxAuthenticator, type IdxChoice, type IdxRemediation, type IdxReply } from './idx-reply.ts';

/** The remediations this client knows, most specific first: the first one present decides the screen. */
export const KNOWN_STEPS = ['enroll-authenticator', 'enroll-poll', 'challenge-authenticator', 'challenge-poll', 'select-authenticator-enroll', 'select-authenticator-authenticate', 'identify'] as const;
export type KnownStep = (typeof KNOWN_STEPS)[number];

export function primaryStep(reply: IdxReply): { step: KnownStep; remediation: IdxRemediation } | undefined {
  for (const step of KNOWN_STEPS) {
    const remediation = reply.remediations.find((r) => r.name === step);
    if (remediation) return { step, remediation };
  }
  return undefined;
}

/** Okta authenticator key (and method) → what the technician holds (okta-idx.md §6, factor mapping). */
export function kindOfAuthenticator(key: string | undefined, methodType?: string): FactorKind | undefined {
  switch (key) {
    case 'google_otp':
      return 'totp-google';
    case 'okta_verify':
      return methodType === 'totp' ? 'totp-okta' : 'push-okta';
    case 'webauthn':
      return 'webauthn';
    case 'yubikey_token':
      return 'yubikey-otp';
    case 'security_question':
      return 'question';
    default:
      return undefined;
  }
}

function choiceView(choice: IdxChoice, enrollment?: FactorView['enrollment']): FactorView | undefined {
  const kind = kindOfAuthenticator(choice.key, choice.methodType);
  if (!kind || choice.viewId.length > 64) return undefined;
  // The option's label is the org's name for the method, in the org's language: the screens name methods from the
  // catalog (FactorView.label is for a phone's name or a question's text only).
  return { id: choice.viewId, kind, ...(enrollment ? { enrollment } : {}) };
}

/**
 * What is already set up, from `authenticatorEnrollments`, as Classic lists ACTIVE factors beside the ones to set
 * up: the list after a setup says "set up" for it (and E-14 names it) instead of forgetting it. The password and
 * the e-mail are the account itself, not methods the technician chooses, so they are not listed.
 */
function enrolledViews(reply: IdxReply, offered: readonly FactorView[]): FactorView[] {
  const views: FactorView[] = [];
  for (const enrollment of reply.enrollments) {
    const methods = enrollment.key === 'okta_verify' ? (enrollment.methods?.length ? enrollment.methods : ['push']) : [undefined];
    for (const method of methods) {
      const kind = kindOfAuthenticator(enrollment.key, method);
      if (!kind || kind === 'question' || offered.some((f) => f.kind === kind) || views.some((f) => f.kind === kind)) continue;
      views.push({ kind, enrolled: true });
    }
  }
  return views;
}

/** The renderer's id of the current authenticator: the one its choice carried (see methodViewId). */
export function currentViewId(current: IdxAuthenticator | undefined, kind: FactorKind): string | undefined {
  const id = current?.authenticatorId ?? current?.id;
  if (!id) return undefined;
  return methodViewId(id, current?.key, kind === 'totp-okta' ? 'totp' : kind === 'push-okta' ? 'push' : undefined);
}

function currentView(current: IdxAuthenticator | undefined, kind: FactorKind): FactorView {
  const id = currentViewId(current, kind);
  return { kind, ...(id && id.length <= 64 ? { id } : {}) };
}

const TOTP_DIGITS = 6;
const TOTP_PERIOD = 30;

export async function idxTransactionView(reply: IdxReply, deps: ViewDeps): Promise<TransactionView> {
  const primary = primaryStep(reply);
  const has = (name: string) => reply.remediations.some((r) => r.name === name);
  let status: TransactionStatus = 'NONE';
  const view: { -readonly [K in keyof TransactionView]: TransactionView[K] } = { status, canGoBack: false, canSkip: has('skip') };
  const login = reply.user?.identifier;
  if (login) view.user = { login: login.slice(0, 254) };
  const current = reply.currentAuthenticator;
  switch (primary?.step) {
    case 'enroll-authenticator': {
      if (current?.key === 'okta_password') {
        status = 'PASSWORD_RESET';
        view.recoveryType = 'ACCOUNT_ACTIVATION';
        // The rules the checklist ticks live, from the password authenticator's settings (as Classic's _embedded.policy).
        if (current.passwordComplexity) view.policy = passwordPolicyView(current.passwordComplexity);
        break;
      }
      status = 'MFA_ENROLL_ACTIVATE';
      const kind = kindOfAuthenticator(current?.key);
      if (kind) view.factor = currentView(current, kind);
      // The seed itself goes only to the enrollment screen's own request (idxTotpSetup), never in a state reply.
      if (current?.key === 'google_otp' && current.sharedSecret) view.activation = { kind: 'totp', digits: TOTP_DIGITS, period: TOTP_PERIOD };
      const creation = current?.key === 'webauthn' ? webauthnCreation(reply, deps.orgUrl) : undefined;
      if (creation) view.activation = { kind: 'webauthn', optionsJson: JSON.stringify(creation.options) };
      break;
    }
    case 'enroll-poll':
      // Okta Verify pairing: the QR the phone scans, then the app polls until the phone has paired.
      status = 'MFA_ENROLL_ACTIVATE';
      view.factor = currentView(current, 'push-okta');
      view.factorResult = 'WAITING';
      if (current?.qrcodeHref) view.activation = { kind: 'push', qrDataUrl: current.qrcodeHref };
      break;
    case 'challenge-authenticator': {
      status = 'MFA_CHALLENGE';
      const kind = kindOfAuthenticator(current?.key, current?.methods?.[0]);
      if (kind) view.factor = currentView(current, kind);
      const request = kind === 'webauthn' ? webauthnRequest(reply, deps.orgUrl) : undefined;
      if (request) {
        view.webauthnRequestJson = JSON.stringify(request.options);
        view.factorResult = 'CHALLENGE';
      }
      break;
    }
    case 'challenge-poll':
      status = 'MFA_CHALLENGE';
      view.factor = currentView(current, 'push-okta');
      view.factorResult = 'WAITING';
      if (current?.correctAnswer !== undefined) view.correctAnswer = current.correctAnswer;
      break;
    case 'select-authenticator-enroll': {
      status = 'MFA_ENROLL';
      const enrollment = has('skip') ? 'OPTIONAL' : 'REQUIRED';
      const offered = primary.remediation.choices.map((c) => choiceView(c, enrollment)).filter((f): f is FactorView => f !== undefined);
      view.factors = [...offered, ...enrolledViews(reply, offered)].slice(0, 20);
      break;
    }
    case 'select-authenticator-authenticate':
      status = 'MFA_REQUIRED';
      view.factors = primary.remediation.choices.map((c) => choiceView(c)).filter((f): f is FactorView => f !== undefined).slice(0, 20);
      break;
    case 'identify':
    case undefined:
      break;
  }
  view.status = status;
  if (reply.expiresAt && reply.expiresAt.length <= 40) view.expiresAt = reply.expiresAt;
  return view;
}

/**
 * The security key ceremony the held reply asks for, in the shapes the Classic client hands the renderer
 * and the YubiKey service (webauthn-options.ts), so neither knows which engine asked: creation options
 * from `activationData`, request options from `challengeData` with every enrolled key's credential id.
 */
export function webauthnCreation(reply: IdxReply, orgUrl: string): { kind: 'create'; options: Record<string, unknown> } | undefined {
  const current = reply.currentAuthenticator;
  if (primaryStep(reply)?.step !== 'enroll-authenticator' || current?.key !== 'webauthn') return undefined;
  const options = creationOptionsFrom(current.activationData, orgUrl);
  return options ? { kind: 'create', options } : undefined;
}

export function webauthnRequest(reply: IdxReply, orgUrl: string): { kind: 'get'; options: Record<string, unknown> } | undefined {
  const current = reply.currentAuthenticator;
  if (primaryStep(reply)?.step !== 'challenge-authenticator' || current?.key !== 'webauthn') return undefined;
  const ids = reply.enrollments.filter((e) => e.key === 'webauthn' && e.credentialId).map((e) => e.credentialId ?? '');
  const options = requestOptionsFrom(current.challengeData, ids, orgUrl);
  return options ? { kind: 'get', options } : undefined;
}

/** The QR and "Can't scan?" key of a Google Authenticator enrollment in progress, drawn in main from the otpauth URI as on Classic. */
export async function idxTotpSetup(reply: IdxReply, deps: ViewDeps): Promise<TotpSetupView | undefined> {
  const current = reply.currentAuthenticator;
  if (primaryStep(reply)?.step !== 'enroll-authenticator' || current?.key !== 'google_otp' || !current.sharedSecret) return undefined;
  const qrDataUrl = await deps.totpQr({ secret: current.sharedSecret, account: reply.user?.identifier ?? '', digits: TOTP_DIGITS, period: TOTP_PERIOD });
  return { qrDataUrl, manualKey: current.sharedSecret, digits: TOTP_DIGITS, period: TOTP_PERIOD };
}
