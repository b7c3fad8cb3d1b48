/**
 * THE channel table (ARCHITECTURE rule 1): every IPC channel is declared here once, with its request
 * and response schema. main/core/dispatch.ts validates against it, preload/index.ts derives
 * window.garage from it, renderer/api.ts takes its types from it, and the test bridge serves it.
 * Requests and responses are closed objects: a stray field (a stateToken in a view, say) is an error.
 */
import { z } from 'zod';
import { APP_ERROR_CODES } from '../main/core/errors.ts';

export const ErrorView = z.strictObject({
  code: z.enum(APP_ERROR_CODES),
  oktaCode: z.string().max(16).optional(),
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

export const FACTOR_KINDS = ['totp-google', 'totp-okta', 'push-okta', 'yubikey-otp', 'webauthn', 'question'] as const;
export const FactorKind = z.enum(FACTOR_KINDS);
export type FactorKind = z.infer<typeof FactorKind>;

export const FactorView = z.strictObject({
  /** Okta's factor id: an identifier, not a secret. Absent for factors not yet enrolled. */
  id: Text(64).optional(),
  kind: FactorKind,
  enrollment: z.enum(['REQUIRED', 'OPTIONAL']).optional(),
  /** Device or key name ("Ana's iPhone"), or the question text for the question factor. */
  label: Text(200).optional(),
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

/** What an enrollment screen may show once: the QR image and, for "Can't scan?", the manual key. */
export const ActivationView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('totp'), qrDataUrl: Text(20_000), manualKey: Text(128), digits: z.number().int(), period: z.number().int() }),
  z.strictObject({ kind: z.literal('push'), qrDataUrl: Text(20_000) }),
  z.strictObject({ kind: z.literal('webauthn') }),
]);
export type ActivationView = z.infer<typeof ActivationView>;

export const TRANSACTION_STATUSES = [
  'NONE',
  'PASSWORD_RESET',
  'PASSWORD_EXPIRED',
  'PASSWORD_WARN',
  'RECOVERY',
  'RECOVERY_CHALLENGE',
  'LOCKED_OUT',
  'MFA_ENROLL',
  'MFA_ENROLL_ACTIVATE',
  'MFA_REQUIRED',
  'MFA_CHALLENGE',
  'SUCCESS',
] as const;
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
  canGoBack: z.boolean(),
  canSkip: z.boolean(),
  expiresAt: Text(40).optional(),
});
export type TransactionView = z.infer<typeof TransactionView>;

export const Language = z.enum(['fr', 'en']);
export type Language = z.infer<typeof Language>;

export const AppInfoView = z.strictObject({
  version: Text(40),
  language: Language,
  orgHost: Text(253),
  /** True when the app runs on its embedded local org (no org configured): the UI shows a banner. */
  trainingOrg: z.boolean(),
});
export type AppInfoView = z.infer<typeof AppInfoView>;

const Username = z.string().trim().min(1).max(254);
const Password = z.string().min(1).max(256);

export const channels = {
  'app.info': { request: Empty, response: result(AppInfoView) },
  'settings.setLanguage': { request: z.strictObject({ language: Language }), response: result(AppInfoView) },
  'auth.state': { request: Empty, response: result(TransactionView) },
  'auth.signIn': { request: z.strictObject({ username: Username, password: Password }), response: result(TransactionView) },
  'auth.cancel': { request: Empty, response: result(TransactionView) },
} as const;

export const events = {
  'auth.changed': TransactionView,
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

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
/** Prefix of the Electron IPC channel names: 'garage:auth.signIn'. */
export const IPC_PREFIX = 'garage:';
