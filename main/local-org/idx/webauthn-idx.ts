/**
 * The `webauthn` authenticator on Identity Engine (okta-idx.md §3 "Security key"; the Sign-In Widget's
 * recorded `authenticator-enroll-webauthn.json` and `authenticator-verification-webauthn.json`).
 * Enrollment publishes `currentAuthenticator.value.contextualData.activationData` (creation options as
 * Okta sends them) and takes `credentials: {clientData, attestation[, transports, clientExtensions]}`;
 * verification publishes `contextualData.challengeData` and takes `credentials: {clientData,
 * authenticatorData, signatureData}`. IDX sends no credential id with the assertion (okta-auth-js's
 * WebauthnVerification), so it is checked against each of the user's keys. The checks themselves are the
 * Authn factor's (factors/webauthn-driver.ts): one store and one verification serve both engines.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { activeFactors, insertFactor, type FactorRow } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { alphanumericToken } from '../security/secret-token.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { checkWebauthnAssertion, checkWebauthnAttestation, rpId, webauthnCredentialsOf, type WebauthnCredential } from '../factors/webauthn-driver.ts';
import { IdxFailure, MESSAGES, idxMessage } from './idx-http.ts';
import type { IdxTx } from './idx-store.ts';
import { newFactorRow } from '../factors/new-factor.ts';

type Json = Record<string, unknown>;

const Encoded = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/_=-]+$/);
/** Closed: an unknown credential field is a client that speaks another protocol, refused as a bad request. */
const AttestationBody = z.strictObject({
  stateHandle: z.string().min(1).max(512),
  credentials: z.strictObject({
    clientData: Encoded(4_000),
    attestation: Encoded(16_000),
    // A JSON string of transports (okta-auth-js) and the client extension results (the widget); kept for nothing yet.
    transports: z.string().max(200).optional(),
    clientExtensions: z.string().max(2_000).optional(),
  }),
});
const AssertionBody = z.strictObject({
  stateHandle: z.string().min(1).max(512),
  credentials: z.strictObject({ clientData: Encoded(4_000), authenticatorData: Encoded(4_000), signatureData: Encoded(1_000) }),
});

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new IdxFailure(400, MESSAGES.badRequest);
  return parsed.data;
}

/** Okta's challenge shape: 20 alphanumerics (base64url of 15 bytes, unchanged by a decode/encode round trip). */
export function newWebauthnChallenge(ctx: OrgContext, tx: IdxTx): void {
  tx.data.webauthnChallenge = alphanumericToken(ctx.random, 20);
}

/** PublicKeyCredentialCreationOptions as Okta's `activationData` carries them. */
export function webauthnActivationData(ctx: OrgContext, tx: IdxTx, user: UserRow): Json {
  return {
    rp: { id: rpId(ctx), name: 'wiTECH 2.0' },
    user: { displayName: `${user.first_name} ${user.last_name}`.trim() || user.login, name: user.login, id: user.id },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
    challenge: tx.data.webauthnChallenge ?? '',
    attestation: 'direct',
    authenticatorSelection: { userVerification: ctx.policy.webauthnUserVerification, requireResidentKey: false },
    excludeCredentials: webauthnCredentialsOf(ctx, user.id),
    u2fParams: { appid: ctx.url() },
  };
}

/** `challengeData` of a verification; the allowed keys are the `credentialId`s of `authenticatorEnrollments`. */
export function webauthnChallengeData(ctx: OrgContext, tx: IdxTx): Json {
  return { challenge: tx.data.webauthnChallenge ?? '', userVerification: ctx.policy.webauthnUserVerification, extensions: { appid: ctx.url() } };
}

const hidden = (name: string, label: string): Json => ({ name, label, required: true, visible: false });

export const WEBAUTHN_ENROLL_FIELDS: readonly Json[] = [
  { name: 'credentials', type: 'object', required: true, form: { value: [hidden('clientData', 'Client Data'), hidden('attestation', 'Attestation')] } },
];
export const WEBAUTHN_CHALLENGE_FIELDS: readonly Json[] = [
  { name: 'credentials', type: 'object', required: true, form: { value: [hidden('clientData', 'Client Data'), hidden('authenticatorData', 'Authenticator Data'), hidden('signatureData', 'Signature Data')] } },
];

/** The enrollment's `credentialId` (Okta lists it on each webauthn entry of `authenticatorEnrollments`). */
export function webauthnEnrollmentExtras(factor: FactorRow): Json {
  const { credentialId } = JSON.parse(factor.profile) as { credentialId?: string };
  return credentialId ? { credentialId } : {};
}

/** Okta's message for a refused attestation or assertion. */
export const WEBAUTHN_FAILURE = idxMessage('authfactor.webauthn.error.assertion_validation_failure', 'None of the WebAuthn authenticators the user has enrolled for was able to validate the assertion');

function refused(error: unknown): never {
  if (error instanceof OktaFailure && error.code === 'E0000068') throw new WebauthnRefused();
  throw error;
}

/** The attestation or assertion did not verify; only `unlessWebauthnRefused` reads it. */
class WebauthnRefused extends Error {
  constructor() {
    super('webauthn-refused');
  }
}

/**
 * Waits for a security key proof (`proveWebauthnEnrollment`, `proveWebauthnAssertion`). A refused answer is
 * the step's to answer (`onRefused`: counted like a wrong code, re-rendered with WEBAUTHN_FAILURE and a fresh
 * challenge); any other error, a malformed body among them, stays the caller's.
 */
export async function unlessWebauthnRefused<T>(proof: Promise<T>, onRefused: () => Promise<never>): Promise<T> {
  try {
    return await proof;
  } catch (error: unknown) {
    if (error instanceof WebauthnRefused) return onRefused();
    throw error;
  }
}

/** Checks the enrollment answer; the credential to store, or WebauthnRefused. */
export async function proveWebauthnEnrollment(ctx: OrgContext, tx: IdxTx, user: UserRow, raw: unknown): Promise<WebauthnCredential> {
  const { credentials } = parse(AttestationBody, raw);
  if (!tx.data.webauthnChallenge) throw new IdxFailure(400, MESSAGES.badRequest);
  return checkWebauthnAttestation(ctx, tx.data.webauthnChallenge, user.id, credentials).catch(refused);
}

/** Runs in the caller's write transaction: the new security key, active. */
export function insertWebauthnFactor(ctx: OrgContext, user: UserRow, credential: WebauthnCredential): FactorRow {
  const factor = newFactorRow(ctx, user.id, {
    kind: 'webauthn',
    type: 'webauthn',
    provider: 'FIDO',
    status: 'ACTIVE',
    secret: credential.publicKey,
    lastTimeStep: credential.counter,
    profile: { credentialId: credential.credentialId, authenticatorName: 'Security key' },
  });
  insertFactor(ctx.db, factor);
  return factor;
}

/** Checks the assertion against each of the user's security keys; WebauthnRefused when none signed it. */
export async function proveWebauthnAssertion(ctx: OrgContext, tx: IdxTx, user: UserRow, raw: unknown): Promise<FactorRow> {
  const { credentials } = parse(AssertionBody, raw);
  if (!tx.data.webauthnChallenge) throw new IdxFailure(400, MESSAGES.badRequest);
  for (const factor of activeFactors(ctx.db, user.id).filter((f) => f.factor_type === 'webauthn')) {
    try {
      await checkWebauthnAssertion(ctx, tx.data.webauthnChallenge, factor, credentials);
      return factor;
    } catch (error: unknown) {
      if (!(error instanceof OktaFailure && error.code === 'E0000068')) throw error;
    }
  }
  throw new WebauthnRefused();
}
