/**
 * Okta classic WebAuthn ↔ the JSON shapes of @simplewebauthn (registration/authentication options and
 * responses). Okta sends the challenge and user id as strings its widget base64-decodes (okta-authn.md
 * §4.5); they are re-encoded here as base64url bytes. Responses go back to Okta as STANDARD base64 (the
 * widget's `binToStr` = btoa), credential ids as base64url.
 */
import { z } from 'zod';
import type { OktaTransaction } from './okta-schemas.ts';

const Activation = z.looseObject({
  challenge: z.string().max(512),
  rp: z.looseObject({ id: z.string().max(253).optional(), name: z.string().max(200) }),
  user: z.looseObject({ id: z.string().max(128), name: z.string().max(254), displayName: z.string().max(254) }),
  pubKeyCredParams: z.array(z.looseObject({ type: z.literal('public-key'), alg: z.number() })).max(10),
  excludeCredentials: z.array(z.looseObject({ type: z.literal('public-key'), id: z.string().max(1024) })).max(50).optional(),
  authenticatorSelection: z.looseObject({ userVerification: z.enum(['required', 'preferred', 'discouraged']).optional(), requireResidentKey: z.boolean().optional() }).optional(),
  attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
});

const Challenge = z.looseObject({ challenge: z.string().max(512), userVerification: z.enum(['required', 'preferred', 'discouraged']).optional() });

/** Either alphabet, padded or not → bytes (Okta's `strToBin` accepts both). */
export function bytesFromBase64(value: string): Buffer {
  return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export const toBase64Url = (value: string) => bytesFromBase64(value).toString('base64url');
export const toStandardBase64 = (value: string) => bytesFromBase64(value).toString('base64');

/**
 * PublicKeyCredentialCreationOptionsJSON from Okta's creation options: Classic's
 * `_embedded.activation` and Identity Engine's `contextualData.activationData` carry the same fields.
 */
export function creationOptionsFrom(activation: unknown, orgUrl: string): Record<string, unknown> | undefined {
  const parsed = Activation.safeParse(activation);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  return {
    challenge: toBase64Url(a.challenge),
    rp: { id: a.rp.id ?? new URL(orgUrl).hostname, name: a.rp.name },
    user: { id: toBase64Url(a.user.id), name: a.user.name, displayName: a.user.displayName },
    pubKeyCredParams: a.pubKeyCredParams.map((p) => ({ type: p.type, alg: p.alg })),
    excludeCredentials: (a.excludeCredentials ?? []).map((c) => ({ type: c.type, id: toBase64Url(c.id) })),
    authenticatorSelection: { userVerification: a.authenticatorSelection?.userVerification ?? 'preferred', residentKey: a.authenticatorSelection?.requireResidentKey ? 'required' : 'discouraged' },
    attestation: a.attestation ?? 'none',
    timeout: 120_000,
  };
}

/**
 * PublicKeyCredentialRequestOptionsJSON from Okta's challenge (Classic's `_embedded.challenge`, Identity
 * Engine's `contextualData.challengeData`) and the credential ids the user may sign with (Classic: the
 * challenged factor's; Identity Engine: every `webauthn` enrollment's `credentialId`).
 */
export function requestOptionsFrom(challenge: unknown, credentialIds: readonly string[], orgUrl: string): Record<string, unknown> | undefined {
  const parsed = Challenge.safeParse(challenge);
  const ids = credentialIds.filter((id) => id.length > 0 && id.length <= 1024).slice(0, 20);
  if (!parsed.success || ids.length === 0) return undefined;
  return {
    challenge: toBase64Url(parsed.data.challenge),
    rpId: new URL(orgUrl).hostname,
    allowCredentials: ids.map((id) => ({ type: 'public-key', id: toBase64Url(id) })),
    userVerification: parsed.data.userVerification ?? 'preferred',
    timeout: 120_000,
  };
}

/** PublicKeyCredentialCreationOptionsJSON for the enrollment in progress, or undefined if Okta sent none. */
export function creationOptions(tx: OktaTransaction, orgUrl: string): Record<string, unknown> | undefined {
  return creationOptionsFrom(tx._embedded?.factor?._embedded?.activation, orgUrl);
}

/** PublicKeyCredentialRequestOptionsJSON for the challenged factor (MFA_CHALLENGE, factorResult CHALLENGE). */
export function requestOptions(tx: OktaTransaction, orgUrl: string): Record<string, unknown> | undefined {
  const factor = tx._embedded?.factor;
  const credentialId = factor?.profile?.credentialId;
  return typeof credentialId === 'string' ? requestOptionsFrom(factor?._embedded?.challenge, [credentialId], orgUrl) : undefined;
}
