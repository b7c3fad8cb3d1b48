/**
 * THE channel table (ARCHITECTURE rule 1): every IPC channel is declared here once, with its request
 * and response schema. main/core/dispatch.ts validates against it, preload/index.ts derives
 * window.garage from it, renderer/api.ts takes its types from it, and the test bridge serves it.
 * Requests and responses are closed objects: a stray field (a stateToken in a view, say) is an error.
 */
import { z } from 'zod';
import { APP_ERROR_CODES } from '../main/core/errors.ts';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_PREFIX } from './channel-names.ts';
import { FACTOR_KINDS, HELP_REASONS, TRANSACTION_STATUSES } from './enums.ts';

export { FACTOR_KINDS, HELP_REASONS, TRANSACTION_STATUSES };

export const ErrorView = z.strictObject({
  code: z.enum(APP_ERROR_CODES),
  /** Okta's code for support: Classic's `E0000004`, or an Identity Engine message key (`authfactor.challenge.soft_token.invalid_passcode`). */
  oktaCode: z.string().max(100).regex(/^[A-Za-z0-9_.-]+$/).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  fields: z.array(z.string().max(120)).max(20).optional(),
  remaining: z.number().int().nonnegative().optional(),
});
export type ErrorView = z.infer<typeof ErrorView>;

function result<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), value }), z.strictObject({ ok: z.literal(false), error: ErrorView })]);
}

const Empty = z.strictObject({});
const Text = (max: number) => z.string().max(max);

export const FactorKind = z.enum(FACTOR_KINDS);
export type FactorKind = z.infer<typeof FactorKind>;

export const FactorView = z.strictObject({
  /** Okta's factor id: an identifier, not a secret. Absent for factors not yet enrolled. */
  id: Text(64).optional(),
  kind: FactorKind,
  enrollment: z.enum(['REQUIRED', 'OPTIONAL']).optional(),
  /** In the enrollment list: this method is already set up (Okta's factor status ACTIVE), so it is not offered again. */
  enrolled: z.literal(true).optional(),
  /** The phone's name for Okta Verify ("Ana's iPhone"), or the question text for the question factor; never an org's label for a method. */
  label: Text(200).optional(),
  /** Okta's question id ("disliked_food"), so the screen can show the question in the technician's language. */
  questionId: Text(64).optional(),
});
export type FactorView = z.infer<typeof FactorView>;

export const PasswordPolicyView = z.strictObject({
  minLength: z.number().int().nonnegative(),
  minLowerCase: z.number().int().nonnegative(),
  minUpperCase: z.number().int().nonnegative(),
  minNumber: z.number().int().nonnegative(),
  minSymbol: z.number().int().nonnegative(),
  excludeUsername: z.boolean(),
  excludeAttributes: z.array(Text(40)).max(10),
});
export type PasswordPolicyView = z.infer<typeof PasswordPolicyView>;

/**
 * What an enrollment step needs. A TOTP activation names the step only: its seed (QR image and manual key)
 * is asked for by the enrollment screen alone (`auth.totpSetup`), so it is not in every state reply.
 */
export const ActivationView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('totp'), digits: z.number().int(), period: z.number().int() }),
  z.strictObject({ kind: z.literal('push'), qrDataUrl: Text(20_000) }),
  /**
   * A security key enrollment. `optionsJson` is the PublicKeyCredentialCreationOptionsJSON for a ceremony in
   * the page (browser preview); in the packaged app main runs the ceremony itself over USB (issue #6).
   */
  z.strictObject({ kind: z.literal('webauthn'), optionsJson: Text(16_000) }),
]);
export type ActivationView = z.infer<typeof ActivationView>;

/** The TOTP seed of the activation in progress, for the enrollment screen: the QR image and, for "Can't scan?", the key. */
export const TotpSetupView = z.strictObject({ qrDataUrl: Text(20_000), manualKey: Text(128), digits: z.number().int(), period: z.number().int() });
export type TotpSetupView = z.infer<typeof TotpSetupView>;

export const TransactionStatus = z.enum(TRANSACTION_STATUSES);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

/** The renderer's whole view of an Okta transaction: never a stateToken or sessionToken (rule 4). */
export const TransactionView = z.strictObject({
  status: TransactionStatus,
  user: z.strictObject({ login: Text(254), firstName: Text(100).optional(), lastName: Text(100).optional() }).optional(),
  recoveryType: z.enum(['ACCOUNT_ACTIVATION', 'PASSWORD', 'UNLOCK']).optional(),
  policy: PasswordPolicyView.optional(),
  factors: z.array(FactorView).max(20).optional(),
  factor: FactorView.optional(),
  activation: ActivationView.optional(),
  factorResult: z.enum(['WAITING', 'CANCELLED', 'ERROR', 'PASSCODE_REPLAYED', 'TIMEOUT', 'TIME_WINDOW_EXCEEDED', 'REJECTED', 'CHALLENGE']).optional(),
  /** Okta Verify number challenge: the number to pick on the phone. */
  correctAnswer: z.number().int().optional(),
  /** Security key sign-in: PublicKeyCredentialRequestOptionsJSON of the challenge in progress. */
  webauthnRequestJson: Text(16_000).optional(),
  canGoBack: z.boolean(),
  canSkip: z.boolean(),
  expiresAt: Text(40).optional(),
});
export type TransactionView = z.infer<typeof TransactionView>;

export const Language = z.enum(['fr', 'en']);
export type Language = z.infer<typeof Language>;

/** Where security-key ceremonies run (main/yubikey/path-choice.ts). */
const KeyPath = z.enum(['renderer', 'native-hid', 'os-webauthn']);
/** An Okta authenticator key (`okta_password`, `google_otp`, `okta_verify`, …). */
const AuthenticatorKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const AppInfoView = z.strictObject({
  version: Text(40),
  /** Build identity for support: version, commit, build date, signed or not. */
  build: Text(200),
  /** Where security-key ceremonies run (main/yubikey/path-choice.ts): in the page, or by main over USB. */
  keyPath: KeyPath,
  /** Who updates the app: itself, or (managed installs) the installer's tools. */
  updates: z.enum(['auto', 'offline', 'managed-by-policy', 'msi-install', 'no-feed', 'development']),
  language: Language,
  orgHost: Text(253),
  /** True when the app runs on its embedded local org (no org configured): the UI shows a banner. */
  trainingOrg: z.boolean(),
  /** The Okta engine the org runs, once detected: Classic (Authn API) or Identity Engine (IDX). */
  engine: z.enum(['classic', 'identity']).optional(),
  /** Identity Engine: the authenticator keys the org named in the last sign-in (`okta_password`, `google_otp`). */
  authenticators: z.array(AuthenticatorKey).max(20).optional(),
  /** Local clock minus the org's clock, in seconds, once the org has answered (Date header). */
  clockDriftSeconds: z.number().int().optional(),
  /** Environment overrides in force on a run from source (never in the packaged app): the help page names them. */
  developmentOverrides: z.array(z.enum(['policy', 'orgUrl', 'diagnosticsUrl', 'supportUrl'])).max(4).optional(),
  /** The username the technician asked this computer to remember, if any. */
  rememberedUsername: Text(254).optional(),
  /** What the machine policy says that screens need to show. */
  policy: z
    .strictObject({
      supportPhone: Text(40).optional(),
      idleSignOutMinutes: z.number().int().optional(),
      languageLocked: z.boolean(),
      desktopAuthenticator: z.boolean(),
    })
    .optional(),
  /** The machine policy file is unsafe or broken: the app stops here and says which file and field. */
  policyError: z.strictObject({ code: z.enum(APP_ERROR_CODES), file: Text(500), fields: z.array(Text(200)).max(20) }).optional(),
});
export type AppInfoView = z.infer<typeof AppInfoView>;

const Username = z.string().trim().min(1).max(254);
const Password = z.string().min(1).max(256);
/** A one-time code as typed or pasted: spaces and dashes are tolerated ("123 456"), then 6–8 digits. */
const PassCode = z.string().max(20).transform((code) => code.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\d{6,8}$/));
const FactorId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const B64Url = (max: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).max(max);
/** What the page's WebAuthn ceremony produced, reduced to the fields Okta needs (base64url). */
export const WebAuthnAttestation = z.strictObject({ clientDataJSON: B64Url(8_000), attestationObject: B64Url(16_000) });
export const WebAuthnAssertion = z.strictObject({ clientDataJSON: B64Url(8_000), authenticatorData: B64Url(4_000), signature: B64Url(2_000) });

/** A YubiKey OTP as the key types it (modhex, any case); main checks the exact shape and public id. */
const KeyOtp = z.string().trim().regex(/^[cbdefghijklnrtuvCBDEFGHIJKLNRTUV]{32,64}$/);

export const SecurityImageView = z.strictObject({ id: Text(64), dataUrl: Text(300_000), description: Text(200) });
export type SecurityImageView = z.infer<typeof SecurityImageView>;
export const ActivationOptionsView = z.strictObject({
  questions: z.array(z.strictObject({ id: Text(64), text: Text(300) })).max(50),
  images: z.array(SecurityImageView).max(40),
});
export type ActivationOptionsView = z.infer<typeof ActivationOptionsView>;

export const HelpReason = z.enum(HELP_REASONS);
export type HelpReason = z.infer<typeof HelpReason>;
export const HelpDraft = z.strictObject({
  email: z.string().trim().max(254),
  reason: HelpReason,
  message: z.string().max(2000),
  includeDiagnostics: z.boolean(),
});
export type HelpDraft = z.infer<typeof HelpDraft>;
export const HelpRequest = HelpDraft.extend({ email: z.email().max(254), message: z.string().trim().min(1).max(2000), screenId: Text(12) });

export const DiagnosticsView = z.strictObject({
  appVersion: Text(200),
  os: Text(80),
  orgHost: Text(253),
  orgReachable: z.boolean(),
  clockDriftSeconds: z.number().int().optional(),
  lastErrorCode: Text(64).optional(),
  screenId: Text(12),
  securityKeyPath: KeyPath,
  securityKeyPathReason: z.enum(['browser-preview', 'windows-hid-needs-admin', 'hid-available', 'windows-admin']),
  /** Help requests waiting on this PC, files in the queue that are not requests, requests the desk refused. */
  helpOutbox: z.strictObject({ queued: z.number().int(), unreadable: z.number().int(), setAside: z.number().int() }).optional(),
  /** The Okta engine the org runs, as last detected (main/auth/engine-detection.ts); support sees why a screen differs. */
  engine: z.enum(['classic', 'identity']).optional(),
  /** Identity Engine: the authenticator keys the org named in the last sign-in, so support sees which methods it offers. */
  authenticators: z.array(AuthenticatorKey).max(20).optional(),
});
export type DiagnosticsView = z.infer<typeof DiagnosticsView>;
export const HelpReceiptView = z.strictObject({ reference: Text(32).optional(), queued: z.boolean() });
export type HelpReceiptView = z.infer<typeof HelpReceiptView>;

export const channels = {
  'app.info': { request: Empty, response: result(AppInfoView) },
  'settings.setLanguage': { request: z.strictObject({ language: Language }), response: result(AppInfoView) },
  'auth.state': { request: Empty, response: result(TransactionView) },
  'auth.signIn': { request: z.strictObject({ username: Username, password: Password, remember: z.boolean().optional() }), response: result(TransactionView) },
  'auth.cancel': { request: Empty, response: result(TransactionView) },
  'auth.securityImage': { request: z.strictObject({ username: Username, language: Language.optional() }), response: result(z.strictObject({ dataUrl: Text(300_000), description: Text(200).optional() })) },
  'auth.redeemActivation': { request: z.strictObject({ link: z.string().trim().min(1).max(4096) }), response: result(TransactionView) },
  'auth.activationOptions': { request: Empty, response: result(ActivationOptionsView) },
  'auth.createAccount': {
    // No securityImage when the org offers none (activationOptions lists no image: Identity Engine has none).
    request: z.strictObject({ newPassword: Password, question: Text(64).min(1), answer: z.string().trim().min(4).max(100), securityImage: Text(64).min(1).optional() }),
    response: result(TransactionView),
  },
  'auth.setPassword': { request: z.strictObject({ newPassword: Password }), response: result(TransactionView) },
  'auth.enroll': { request: z.strictObject({ kind: FactorKind, otp: KeyOtp.optional() }), response: result(TransactionView) },
  'auth.activate': { request: z.strictObject({ passCode: PassCode }), response: result(TransactionView) },
  /** The seed of the TOTP activation in progress (E_AUTH_NOT_ALLOWED outside that step); asked by its screen only. */
  'auth.totpSetup': { request: Empty, response: result(TotpSetupView) },
  'auth.poll': { request: Empty, response: result(TransactionView) },
  'auth.verify': {
    request: z.strictObject({ factorId: FactorId, passCode: PassCode.optional(), otp: KeyOtp.optional(), answer: z.string().trim().min(1).max(100).optional() }),
    response: result(TransactionView),
  },
  'auth.webauthnActivate': { request: WebAuthnAttestation, response: result(TransactionView) },
  'auth.webauthnVerify': { request: WebAuthnAssertion.extend({ factorId: FactorId }), response: result(TransactionView) },
  /** Security key through main over USB: enrolls the key being activated, or signs the challenge of `factorId`. */
  'auth.webauthnNative': { request: z.strictObject({ factorId: FactorId.optional() }), response: result(TransactionView) },
  /** The PIN dialog's answer (null: cancelled). A FIDO2 PIN is 4 to 63 characters (CTAP 2.1 §6.5.1). */
  /** The YubiKey models plugged in now (the device watcher's view), to name the key on screen. */
  'yubikey.plugged': { request: Empty, response: result(z.strictObject({ models: z.array(Text(80)).max(8) })) },
  'yubikey.submitPin': { request: z.strictObject({ pin: z.string().min(4).max(63).nullable() }), response: result(z.strictObject({ accepted: z.boolean() })) },
  'auth.resend': { request: Empty, response: result(TransactionView) },
  'auth.previous': { request: Empty, response: result(TransactionView) },
  'auth.skip': { request: Empty, response: result(TransactionView) },
  'authenticator.status': {
    request: Empty,
    response: result(z.strictObject({ allowed: z.boolean(), reason: z.enum(APP_ERROR_CODES).optional(), holdsForUser: z.boolean() })),
  },
  'authenticator.enrollHere': { request: Empty, response: result(TransactionView) },
  'authenticator.current': { request: Empty, response: result(z.strictObject({ code: z.string().regex(/^\d{6}$/), secondsLeft: z.number().int() })) },
  'authenticator.verifyHere': { request: z.strictObject({ factorId: FactorId }), response: result(TransactionView) },
  'launch.describe': { request: Empty, response: result(z.strictObject({ destinationHost: Text(253), allowed: z.boolean() })) },
  'launch.open': { request: Empty, response: result(z.strictObject({ destinationHost: Text(253) })) },
  'session.switchTechnician': { request: Empty, response: result(z.strictObject({ cleared: z.boolean() })) },
  'support.loadDraft': { request: Empty, response: result(HelpDraft.nullable()) },
  'support.saveDraft': { request: HelpDraft, response: result(z.strictObject({ saved: z.boolean() })) },
  'support.diagnostics': { request: z.strictObject({ screenId: Text(12) }), response: result(DiagnosticsView) },
  'support.requestHelp': { request: HelpRequest, response: result(HelpReceiptView) },
  'support.selfTest': {
    request: Empty,
    response: result(
      z.strictObject({
        ok: z.boolean(),
        checks: z
          .array(z.strictObject({ id: z.enum(['policy', 'org', 'clock', 'engine', 'keychain', 'yubikey']), ok: z.boolean(), code: Text(64).optional(), detail: Text(500), driftSeconds: z.number().int().optional() }))
          .max(10),
      }),
    ),
  },
} as const;

export const events = {
  /** A new transaction main started by itself (an activation link opened the app). */
  'auth.changed': TransactionView,
  /** An app link that was refused before reaching the org (malformed, unknown action, oversized token). */
  'link.refused': ErrorView,
  /** A YubiKey was plugged in or pulled out ("YubiKey 5 connected"). */
  'yubikey.device': z.strictObject({ connected: z.boolean(), model: Text(80) }),
  /** The YubiKey wants its PIN (retries left, whether the last one was wrong), or a first PIN to be created. */
  'yubikey.pinNeeded': z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('enter'), retries: z.number().int().nonnegative(), wrong: z.boolean() }),
    z.strictObject({ mode: z.literal('create'), minLength: z.number().int().min(4).max(63), rejected: z.boolean() }),
  ]),
  /** The YubiKey waits for a touch (KEEPALIVE up-needed); the model names it on screen. */
  // `choosing`: several keys are plugged in, the technician touches the one to use.
  'yubikey.touch': z.strictObject({ model: Text(80), choosing: z.number().int().min(2).max(16).optional() }),
} as const;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelRequest<K extends ChannelName> = z.input<(typeof channels)[K]['request']>;
export type ChannelResponse<K extends ChannelName> = z.output<(typeof channels)[K]['response']>;
export type ChannelValue<K extends ChannelName> = Extract<ChannelResponse<K>, { ok: true }>['value'];
/** What a handler receives: the request after its schema parsed it (defaults applied, strings trimmed). */
export type ChannelParsedRequest<K extends ChannelName> = z.output<(typeof channels)[K]['request']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** The object the preload exposes as window.garage, and the bridge shim imitates. */
export type GarageApi = { readonly [K in ChannelName]: (request: ChannelRequest<K>) => Promise<ChannelResponse<K>> } & {
  readonly on: <K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) => () => void;
};

export { CHANNEL_NAMES, EVENT_NAMES, IPC_PREFIX };

// The names list and the table must match exactly, both ways (a compile-time check, no runtime cost).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: Same<(typeof CHANNEL_NAMES)[number], ChannelName> = true;
const eventNamesMatch: Same<(typeof EVENT_NAMES)[number], EventName> = true;
void channelNamesMatch;
void eventNamesMatch;
