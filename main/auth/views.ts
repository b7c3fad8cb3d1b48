/**
 * Okta transaction → the renderer's view model (ARCHITECTURE rule 4). Only what a screen needs leaves
 * main: no stateToken, no sessionToken, no links. The TOTP shared secret leaves only on the enrollment
 * screen's own request (`totpSetupView`), as the QR image and the "Can't scan?" key, never in a state reply.
 */
import type { ActivationView, FactorView, TotpSetupView, TransactionStatus, TransactionView } from '../../preload/contract.ts';
import { TRANSACTION_STATUSES } from '../../preload/contract.ts';
import { factorKindOf } from './factor-kind.ts';
import type { OktaFactor, OktaTransaction } from './okta-schemas.ts';
import { type PasswordComplexity, passwordPolicyView } from './password-policy-view.ts';
import { creationOptions, requestOptions } from './webauthn-options.ts';

export interface ViewDeps {
  readonly orgUrl: string;
  /** Renders a QR code for a TOTP enrollment, from the otpauth:// URI built in main. */
  readonly totpQr: (input: { secret: string; account: string; digits: number; period: number }) => Promise<string>;
  /** Fetches an org-served image (push activation QR) as a data: URL. */
  readonly imageFromOrg: (href: string) => Promise<string | undefined>;
}

export const NO_TRANSACTION: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };

function statusOf(raw: string): TransactionStatus {
  return (TRANSACTION_STATUSES as readonly string[]).includes(raw) ? (raw as TransactionStatus) : 'NONE';
}

/**
 * What the technician named, never what the org named: the question text and the phone's name. An org's
 * label for a method (a security key's `authenticatorName`, "Security key") is in the org's language,
 * not the technician's; the screen names the method from its own catalog (issue #16 item 7).
 */
function label(factor: OktaFactor, kind: FactorView['kind']): string | undefined {
  const profile = factor.profile ?? {};
  const text = kind === 'question' ? profile.questionText : kind === 'push-okta' ? profile.name : undefined;
  return typeof text === 'string' ? text.slice(0, 200) : undefined;
}

export function factorView(factor: OktaFactor): FactorView | undefined {
  const kind = factorKindOf(factor.factorType, factor.provider);
  if (!kind) return undefined;
  const view: { -readonly [K in keyof FactorView]: FactorView[K] } = { kind };
  if (factor.id) view.id = factor.id;
  if (factor.enrollment === 'REQUIRED' || factor.enrollment === 'OPTIONAL') view.enrollment = factor.enrollment;
  const text = label(factor, kind);
  if (text) view.label = text;
  if (factor.status === 'ACTIVE') view.enrolled = true;
  const question = factor.profile?.question;
  if (kind === 'question' && typeof question === 'string') view.questionId = question.slice(0, 64);
  return view;
}

/** Classic's spelling of the rules: the Authn doc's example writes `excludeUsername` as the string "true". */
function complexityOf(tx: OktaTransaction): PasswordComplexity | undefined {
  const c = tx._embedded?.policy?.complexity;
  if (!c) return undefined;
  return {
    minLength: c.minLength,
    minLowerCase: c.minLowerCase,
    minUpperCase: c.minUpperCase,
    minNumber: c.minNumber,
    minSymbol: c.minSymbol,
    excludeUsername: c.excludeUsername === true || c.excludeUsername === 'true',
    excludeAttributes: c.excludeAttributes,
  };
}

async function activationView(tx: OktaTransaction, deps: ViewDeps): Promise<ActivationView | undefined> {
  const factor = tx._embedded?.factor;
  const activation = factor?._embedded?.activation;
  if (!factor || !activation) return undefined;
  if (factor.factorType === 'token:software:totp' && activation.sharedSecret) {
    return { kind: 'totp', digits: activation.keyLength ?? 6, period: activation.timeStep ?? 30 };
  }
  if (factor.factorType === 'push' && activation._links?.qrcode) {
    const qrDataUrl = await deps.imageFromOrg(activation._links.qrcode.href);
    return qrDataUrl ? { kind: 'push', qrDataUrl } : undefined;
  }
  if (factor.factorType === 'webauthn') {
    const options = creationOptions(tx, deps.orgUrl);
    return options ? { kind: 'webauthn', optionsJson: JSON.stringify(options) } : undefined;
  }
  return undefined;
}

/**
 * The seed of a TOTP activation, for the enrollment screen's own request: QR image from the otpauth:// URI
 * built in main, and the manual key. Undefined outside a TOTP activation.
 */
export async function totpSetupView(tx: OktaTransaction, deps: ViewDeps): Promise<TotpSetupView | undefined> {
  const factor = tx._embedded?.factor;
  const activation = factor?._embedded?.activation;
  if (tx.status !== 'MFA_ENROLL_ACTIVATE' || factor?.factorType !== 'token:software:totp' || !activation?.sharedSecret) return undefined;
  const digits = activation.keyLength ?? 6;
  const period = activation.timeStep ?? 30;
  const account = tx._embedded?.user?.profile?.login ?? '';
  const qrDataUrl = await deps.totpQr({ secret: activation.sharedSecret, account, digits, period });
  return { qrDataUrl, manualKey: activation.sharedSecret, digits, period };
}

export async function transactionView(tx: OktaTransaction, deps: ViewDeps): Promise<TransactionView> {
  const status = statusOf(tx.status);
  const embedded = tx._embedded;
  const profile = embedded?.user?.profile;
  const view: { -readonly [K in keyof TransactionView]: TransactionView[K] } = {
    status,
    canGoBack: Boolean(tx._links?.prev),
    canSkip: Boolean(tx._links?.skip),
  };
  if (profile) {
    view.user = { login: profile.login };
    if (profile.firstName) view.user.firstName = profile.firstName;
    if (profile.lastName) view.user.lastName = profile.lastName;
  }
  if (tx.recoveryType === 'ACCOUNT_ACTIVATION' || tx.recoveryType === 'PASSWORD' || tx.recoveryType === 'UNLOCK') view.recoveryType = tx.recoveryType;
  const complexity = complexityOf(tx);
  if (complexity) view.policy = passwordPolicyView(complexity);
  if (embedded?.factors) view.factors = embedded.factors.map(factorView).filter((f): f is FactorView => f !== undefined);
  if (embedded?.factor) {
    const single = factorView(embedded.factor);
    if (single) view.factor = single;
    const correct = embedded.factor._embedded?.challenge?.correctAnswer;
    if (typeof correct === 'number') view.correctAnswer = correct;
    if (status === 'MFA_CHALLENGE' && embedded.factor.factorType === 'webauthn') {
      const options = requestOptions(tx, deps.orgUrl);
      if (options) view.webauthnRequestJson = JSON.stringify(options);
    }
  }
  if (status === 'MFA_ENROLL_ACTIVATE') {
    const activation = await activationView(tx, deps);
    if (activation) view.activation = activation;
  }
  const result = tx.factorResult ?? embedded?.factor?._embedded?.activation?.factorResult;
  if (result && ['WAITING', 'CANCELLED', 'ERROR', 'PASSCODE_REPLAYED', 'TIMEOUT', 'TIME_WINDOW_EXCEEDED', 'REJECTED', 'CHALLENGE'].includes(result)) {
    view.factorResult = result as NonNullable<TransactionView['factorResult']>;
  }
  if (tx.expiresAt) view.expiresAt = tx.expiresAt;
  return view;
}
