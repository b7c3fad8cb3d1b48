/**
 * An IDX reply (okta-idx.md §2–4), read on `unknown` and reduced to what the client acts on: the state
 * handle and its expiry, the remediation forms (name, href, fields, the authenticator choices they offer),
 * the current authenticator (TOTP seed and QR while enrolling, the number challenge while a push waits),
 * the user, the cancel action, the success form with the interaction code, and every message — top level
 * and on fields, merged as okta-auth-js merges them. Bounded everywhere; a field or option that does not
 * parse is dropped, never trusted; a reply that is not an IDX reply at all is `E_NET_BAD_RESPONSE`.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.ts';
import type { PasswordComplexity } from '../password-policy-view.ts';

export interface IdxMessage {
  readonly key: string | undefined;
  readonly message: string;
  readonly level: 'ERROR' | 'INFO' | 'WARNING';
}

export interface IdxField {
  readonly name: string;
  readonly value?: unknown;
  readonly mutable: boolean;
  readonly fields: readonly IdxField[];
}

/** One authenticator a `select-authenticator-*` form offers, with the values to post back. */
export interface IdxChoice {
  readonly authenticatorId: string;
  /** The id the renderer sees: the authenticator id, plus the method where one authenticator offers several (Okta Verify). */
  readonly viewId: string;
  readonly methodType?: string;
  readonly enrollmentId?: string;
  /** Okta's authenticator key (google_otp, okta_verify, …), from the entry the option relates to. */
  readonly key?: string;
  readonly label?: string;
}

export interface IdxRemediation {
  readonly name: string;
  readonly href: string;
  readonly fields: readonly IdxField[];
  readonly choices: readonly IdxChoice[];
  /** Poll interval in ms (challenge-poll, enroll-poll). */
  readonly refresh?: number;
}

export interface IdxAuthenticator {
  readonly id: string;
  readonly key: string;
  readonly displayName?: string;
  /** Enrollment's own authenticator id (authenticatorEnrollments entries). */
  readonly authenticatorId?: string;
  readonly sharedSecret?: string;
  readonly correctAnswer?: number;
  readonly resendHref?: string;
  /** The methods Okta names on the entry (`okta_verify`: push, totp). */
  readonly methods?: readonly string[];
  /** A security key enrollment's credential id (base64url), from `authenticatorEnrollments`. */
  readonly credentialId?: string;
  /** Security key creation options (`contextualData.activationData`), read by webauthn-options.ts. */
  readonly activationData?: unknown;
  /** Security key challenge (`contextualData.challengeData`), read by webauthn-options.ts. */
  readonly challengeData?: unknown;
  /** Okta Verify enrollment QR (`contextualData.qrcode.href`), a data:image/png URL. */
  readonly qrcodeHref?: string;
  /** The password authenticator's rules (`settings.complexity`, M/authenticator-enroll-password.json). */
  readonly passwordComplexity?: PasswordComplexity;
}

export interface IdxReply {
  readonly stateHandle?: string;
  readonly expiresAt?: string;
  readonly remediations: readonly IdxRemediation[];
  readonly messages: readonly IdxMessage[];
  readonly currentAuthenticator?: IdxAuthenticator;
  readonly authenticators: readonly IdxAuthenticator[];
  readonly enrollments: readonly IdxAuthenticator[];
  readonly user?: { readonly id?: string; readonly identifier?: string };
  readonly cancelHref?: string;
  readonly success?: { readonly href: string; readonly interactionCode: string };
}

const Str = (max: number) => z.string().max(max);
const Href = Str(2048);
const MAX_DEPTH = 4;

const Message = z.looseObject({
  message: Str(2000).optional(),
  i18n: z.looseObject({ key: Str(200) }).optional(),
  class: Str(20).optional(),
});
const Messages = z.looseObject({ value: z.array(z.unknown()).max(50) });
const RawField = z.looseObject({
  name: Str(100),
  value: z.unknown().optional(),
  mutable: z.boolean().optional(),
  form: z.looseObject({ value: z.array(z.unknown()).max(50) }).optional(),
  options: z.array(z.unknown()).max(50).optional(),
  messages: Messages.optional(),
});
const RawOption = z.looseObject({
  label: Str(200).optional(),
  value: z.unknown().optional(),
  relatesTo: z.union([Str(200), z.array(Str(200)).max(1)]).optional(),
});
const RawRemediation = z.looseObject({
  name: Str(100).min(1),
  href: Href,
  value: z.array(z.unknown()).max(50).optional(),
  refresh: z.number().int().min(0).max(600_000).optional(),
});
const Contextual = z.looseObject({
  sharedSecret: Str(256).optional(),
  correctAnswer: z.union([Str(16), z.number()]).optional(),
  activationData: z.unknown().optional(),
  challengeData: z.unknown().optional(),
  qrcode: z.looseObject({ href: Str(20_000) }).optional(),
});
const Methods = z.array(z.looseObject({ type: Str(32) })).max(10);
const Count = z.number().int().min(0).max(256);
const Complexity = z.looseObject({
  minLength: Count.optional(),
  minLowerCase: Count.optional(),
  minUpperCase: Count.optional(),
  minNumber: Count.optional(),
  minSymbol: Count.optional(),
  excludeUsername: z.boolean().optional(),
  // Okta's captures spell it both ways: `excludeAttributes: ["firstName"]` or `excludeFirstName: true`.
  excludeAttributes: z.array(Str(40)).max(10).optional(),
  excludeFirstName: z.boolean().optional(),
  excludeLastName: z.boolean().optional(),
});
const Settings = z.looseObject({ complexity: Complexity });
const RawAuthenticator = z.looseObject({
  id: Str(100),
  key: Str(64),
  displayName: Str(200).optional(),
  authenticatorId: Str(100).optional(),
  contextualData: z.unknown().optional(),
  resend: z.looseObject({ href: Href }).optional(),
  methods: z.unknown().optional(),
  credentialId: Str(1024).optional(),
  settings: z.unknown().optional(),
});

function complexityOf(raw: unknown): PasswordComplexity | undefined {
  const parsed = Settings.safeParse(raw);
  if (!parsed.success) return undefined;
  const c = parsed.data.complexity;
  const attributes = new Set([...(c.excludeAttributes ?? []), ...(c.excludeFirstName ? ['firstName'] : []), ...(c.excludeLastName ? ['lastName'] : [])]);
  return {
    minLength: c.minLength,
    minLowerCase: c.minLowerCase,
    minUpperCase: c.minUpperCase,
    minNumber: c.minNumber,
    minSymbol: c.minSymbol,
    excludeUsername: c.excludeUsername,
    excludeAttributes: [...attributes],
  };
}
const Wrapped = z.looseObject({ value: z.unknown() });
const RawReply = z.looseObject({
  version: Str(20).optional(),
  stateHandle: Str(1024).optional(),
  expiresAt: Str(40).optional(),
  remediation: z.looseObject({ value: z.array(z.unknown()).max(30) }).optional(),
  messages: Messages.optional(),
  currentAuthenticator: Wrapped.optional(),
  currentAuthenticatorEnrollment: Wrapped.optional(),
  authenticators: z.looseObject({ value: z.array(z.unknown()).max(50) }).optional(),
  authenticatorEnrollments: z.looseObject({ value: z.array(z.unknown()).max(50) }).optional(),
  user: z.looseObject({ value: z.looseObject({ id: Str(100).optional(), identifier: Str(320).optional() }) }).optional(),
  cancel: z.looseObject({ href: Href }).optional(),
  successWithInteractionCode: RawRemediation.optional(),
});

function messagesOf(raw: unknown): IdxMessage[] {
  const list = Messages.safeParse(raw);
  if (!list.success) return [];
  return list.data.value.flatMap((entry) => {
    const m = Message.safeParse(entry);
    if (!m.success) return [];
    const level = m.data.class === 'INFO' || m.data.class === 'WARNING' ? m.data.class : 'ERROR';
    return [{ key: m.data.i18n?.key, message: m.data.message ?? '', level }];
  });
}

function fieldsOf(raw: readonly unknown[], depth: number, messages: IdxMessage[]): IdxField[] {
  if (depth > MAX_DEPTH) return [];
  return raw.flatMap((entry) => {
    const f = RawField.safeParse(entry);
    if (!f.success) return [];
    messages.push(...messagesOf(f.data.messages));
    const nested = f.data.form ? fieldsOf(f.data.form.value, depth + 1, messages) : [];
    return [{ name: f.data.name, value: f.data.value, mutable: f.data.mutable !== false, fields: nested }];
  });
}

function authenticatorOf(raw: unknown): IdxAuthenticator | undefined {
  const a = RawAuthenticator.safeParse(raw);
  if (!a.success) return undefined;
  const contextual = Contextual.safeParse(a.data.contextualData ?? {});
  const answer = contextual.success ? Number(contextual.data.correctAnswer) : Number.NaN;
  const methods = Methods.safeParse(a.data.methods);
  const complexity = a.data.key === 'okta_password' ? complexityOf(a.data.settings) : undefined;
  return {
    id: a.data.id,
    key: a.data.key,
    ...(a.data.displayName === undefined ? {} : { displayName: a.data.displayName }),
    ...(a.data.authenticatorId === undefined ? {} : { authenticatorId: a.data.authenticatorId }),
    ...(contextual.success && contextual.data.sharedSecret ? { sharedSecret: contextual.data.sharedSecret } : {}),
    ...(Number.isSafeInteger(answer) && answer >= 0 ? { correctAnswer: answer } : {}),
    ...(a.data.resend ? { resendHref: a.data.resend.href } : {}),
    ...(methods.success ? { methods: methods.data.map((m) => m.type) } : {}),
    ...(a.data.credentialId === undefined ? {} : { credentialId: a.data.credentialId }),
    ...(contextual.success && contextual.data.activationData !== undefined ? { activationData: contextual.data.activationData } : {}),
    ...(contextual.success && contextual.data.challengeData !== undefined ? { challengeData: contextual.data.challengeData } : {}),
    ...(contextual.success && contextual.data.qrcode?.href.startsWith('data:image/png;base64,') ? { qrcodeHref: contextual.data.qrcode.href } : {}),
    ...(complexity ? { passwordComplexity: complexity } : {}),
  };
}

function listOf(raw: { value: readonly unknown[] } | undefined): IdxAuthenticator[] {
  return (raw?.value ?? []).map(authenticatorOf).filter((a): a is IdxAuthenticator => a !== undefined);
}

/** The JSONPath forms Okta's `relatesTo` uses: `$.authenticators.value[3]`, `$.currentAuthenticator`. */
function resolve(path: string, lists: { authenticators: readonly IdxAuthenticator[]; enrollments: readonly IdxAuthenticator[]; current: IdxAuthenticator | undefined }): IdxAuthenticator | undefined {
  const indexed = /^\$\.(authenticators|authenticatorEnrollments)\.value\[(\d{1,3})\]$/.exec(path);
  if (indexed) return (indexed[1] === 'authenticators' ? lists.authenticators : lists.enrollments)[Number(indexed[2])];
  if (path === '$.currentAuthenticator' || path === '$.currentAuthenticatorEnrollment') return lists.current;
  return undefined;
}

/** `aut…-totp` for Okta Verify's methods (ids stay within the contract's `[A-Za-z0-9_-]{1,64}`), the bare id otherwise. */
export function methodViewId(authenticatorId: string, key: string | undefined, methodType: string | undefined): string {
  return key === 'okta_verify' && methodType && /^[a-z_]{1,16}$/.test(methodType) ? `${authenticatorId}-${methodType}` : authenticatorId;
}

function methodOptionsOf(raw: readonly unknown[]): string[] {
  const field = raw.map((f) => RawField.safeParse(f)).find((f) => f.success && f.data.name === 'methodType');
  if (!field?.success) return [];
  return (field.data.options ?? []).flatMap((o) => {
    const parsed = z.looseObject({ value: Str(32) }).safeParse(o);
    return parsed.success && parsed.data.value.length > 0 ? [parsed.data.value] : [];
  }).slice(0, 5);
}

function choicesOf(fields: readonly unknown[], lists: Parameters<typeof resolve>[1]): IdxChoice[] {
  const field = fields.map((f) => RawField.safeParse(f)).find((f) => f.success && f.data.name === 'authenticator');
  if (!field?.success) return [];
  return (field.data.options ?? []).flatMap((raw) => {
    const option = RawOption.safeParse(raw);
    if (!option.success) return [];
    const form = z.looseObject({ form: z.looseObject({ value: z.array(z.unknown()).max(10) }) }).safeParse(option.data.value);
    if (!form.success) return [];
    const values = new Map(fieldsOf(form.data.form.value, MAX_DEPTH, []).map((f) => [f.name, f.value]));
    const id = values.get('id');
    if (typeof id !== 'string' || id.length === 0 || id.length > 100) return [];
    const path = Array.isArray(option.data.relatesTo) ? option.data.relatesTo[0] : option.data.relatesTo;
    const related = path === undefined ? undefined : resolve(path, lists);
    const enrollmentId = values.get('enrollmentId');
    const choice = (methodType: unknown): IdxChoice => ({
      authenticatorId: id,
      viewId: methodViewId(id, related?.key, typeof methodType === 'string' ? methodType : undefined),
      ...(typeof methodType === 'string' && methodType.length > 0 && methodType.length <= 32 ? { methodType } : {}),
      ...(typeof enrollmentId === 'string' && enrollmentId.length <= 100 ? { enrollmentId } : {}),
      ...(related ? { key: related.key } : {}),
      ...(option.data.label === undefined ? {} : { label: option.data.label }),
    });
    // An authenticator with several methods (Okta Verify: push, totp) offers them as the options of its
    // `methodType` field: one choice per method, as the technician sees them on Classic.
    const methodOptions = methodOptionsOf(form.data.form.value);
    return methodOptions.length > 0 ? methodOptions.map(choice) : [choice(values.get('methodType'))];
  });
}

/** Reads a reply body; `E_NET_BAD_RESPONSE` (with the failing paths, never values) when it is no IDX reply. */
export function parseIdxReply(raw: unknown): Result<IdxReply> {
  const parsed = RawReply.safeParse(raw);
  if (!parsed.success) return fail('E_NET_BAD_RESPONSE', { cause: parsed.error.issues.map((i) => i.path.join('.')) });
  const r = parsed.data;
  // okta-auth-js refuses any other version (okta-idx.md §2, rule 1).
  if (r.version !== '1.0.0') return fail('E_NET_BAD_RESPONSE', { cause: ['version'] });
  const messages = messagesOf(r.messages);
  const current = authenticatorOf((r.currentAuthenticator ?? r.currentAuthenticatorEnrollment)?.value);
  const lists = { authenticators: listOf(r.authenticators), enrollments: listOf(r.authenticatorEnrollments), current };
  const remediations = (r.remediation?.value ?? []).flatMap((entry): IdxRemediation[] => {
    const rem = RawRemediation.safeParse(entry);
    if (!rem.success) return [];
    const raw = rem.data.value ?? [];
    return [
      {
        name: rem.data.name,
        href: rem.data.href,
        fields: fieldsOf(raw, 0, messages),
        choices: choicesOf(raw, lists),
        ...(rem.data.refresh === undefined ? {} : { refresh: rem.data.refresh }),
      },
    ];
  });
  let success: IdxReply['success'];
  if (r.successWithInteractionCode) {
    const code = fieldsOf(r.successWithInteractionCode.value ?? [], 0, []).find((f) => f.name === 'interaction_code')?.value;
    if (typeof code !== 'string' || code.length === 0 || code.length > 1024) return fail('E_NET_BAD_RESPONSE', { cause: ['successWithInteractionCode'] });
    success = { href: r.successWithInteractionCode.href, interactionCode: code };
  }
  const user = r.user?.value;
  return ok({
    ...(r.stateHandle === undefined ? {} : { stateHandle: r.stateHandle }),
    ...(r.expiresAt === undefined ? {} : { expiresAt: r.expiresAt }),
    remediations,
    messages,
    ...(current ? { currentAuthenticator: current } : {}),
    authenticators: lists.authenticators,
    enrollments: lists.enrollments,
    ...(user ? { user: { ...(user.id === undefined ? {} : { id: user.id }), ...(user.identifier === undefined ? {} : { identifier: user.identifier }) } } : {}),
    ...(r.cancel ? { cancelHref: r.cancel.href } : {}),
    ...(success ? { success } : {}),
  });
}
