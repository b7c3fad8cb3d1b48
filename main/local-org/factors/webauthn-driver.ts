/**
 * `webauthn` / FIDO. Enrollment answers creation options in Okta's classic shape (challenge and
 * user.id as 20-character strings the widget base64-decodes; okta-authn.md §4.5); activation takes
 * `attestation` + `clientData`; verification first issues a challenge (MFA_CHALLENGE, factorResult
 * CHALLENGE) then takes `clientData`, `authenticatorData`, `signatureData`. Checked with
 * @simplewebauthn/server against the org's RP ID (its host: `localhost` here) and expected origins;
 * user verification and strictly increasing sign counters are enforced.
 */
import { z } from 'zod';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeAttestationObject, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { FactorDriver, FactorCall, FactorOutcome } from './factor-driver.ts';
import type { OrgContext } from '../org-context.ts';
import { activeFactors, insertFactor, type FactorRow } from '../store/factor-store.ts';
import { inTransaction } from '../store/database.ts';
import { alphanumericToken } from '../security/secret-token.ts';
import { parseWith } from '../http/request-io.ts';
import { wrongPasscode } from './passcode.ts';
import { base64url, bytesFromOkta } from './webauthn-encoding.ts';
import { newFactorRow } from './new-factor.ts';

const AttestationBody = z.looseObject({ attestation: z.string().max(16_000), clientData: z.string().max(4_000) });
const AssertionBody = z.looseObject({ clientData: z.string().max(4_000), authenticatorData: z.string().max(4_000), signatureData: z.string().max(1_000) });

/** The org's RP ID: its host name (`localhost` here; never an IP literal). */
export const rpId = (ctx: OrgContext) => new URL(ctx.url()).hostname;
const uvRequired = (ctx: OrgContext) => ctx.policy.webauthnUserVerification === 'required';
/** The name the org gives a key it knows nothing more about, per language (Okta localizes it; a French user reads French). */
const DEFAULT_KEY_NAMES: Readonly<Record<'fr' | 'en', string>> = { en: 'Security key', fr: 'Clé de sécurité' };

export function authenticatorNameFor(locale: string, stored: string): string {
  if (!Object.values(DEFAULT_KEY_NAMES).includes(stored)) return stored;
  return locale.toLowerCase().startsWith('fr') ? DEFAULT_KEY_NAMES.fr : DEFAULT_KEY_NAMES.en;
}

const profileOf = (factor: FactorRow) => JSON.parse(factor.profile) as { credentialId: string; authenticatorName: string };

/** Okta-style challenge: 20 alphanumerics, which base64-decode to 15 bytes and re-encode to themselves. */
function newChallenge(call: Pick<FactorCall, 'ctx' | 'tx'>): string {
  const challenge = alphanumericToken(call.ctx.random, 20);
  call.tx.data.challenge = { webauthn: challenge };
  return challenge;
}

/** The user's active security keys, as WebAuthn credential descriptors (excludeCredentials). */
export function webauthnCredentialsOf(ctx: OrgContext, userId: string): { type: 'public-key'; id: string }[] {
  return activeFactors(ctx.db, userId)
    .filter((f) => f.factor_type === 'webauthn')
    .map((f) => ({ type: 'public-key' as const, id: profileOf(f).credentialId }));
}

/**
 * Checks an assertion against one enrolled credential (challenge, origin, RP ID, user verification,
 * signature, counter) and records the new counter; throws Okta's E0000068 otherwise. Shared by the
 * Authn factor and the Identity Engine authenticator: one verification for both engines.
 */
export async function checkWebauthnAssertion(
  ctx: OrgContext,
  expectedChallenge: string,
  factor: FactorRow,
  assertion: { clientData: string; authenticatorData: string; signatureData: string },
): Promise<void> {
  const { credentialId } = profileOf(factor);
  try {
    const result = await verifyAuthenticationResponse({
      response: {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: base64url(bytesFromOkta(assertion.clientData)), authenticatorData: base64url(bytesFromOkta(assertion.authenticatorData)), signature: base64url(bytesFromOkta(assertion.signatureData)) },
      },
      expectedChallenge,
      expectedOrigin: [...ctx.expectedOrigins()],
      expectedRPID: rpId(ctx),
      credential: { id: credentialId, publicKey: bytesFromOkta(factor.secret ?? ''), counter: Math.max(0, factor.last_time_step) },
      requireUserVerification: uvRequired(ctx),
    });
    if (!result.verified) throw wrongPasscode();
    const counter = result.authenticationInfo.newCounter;
    inTransaction(ctx.db, () => ctx.db.prepare('UPDATE factors SET last_time_step = ?, updated_ms = ? WHERE id = ?').run(counter, ctx.clock.nowMs(), factor.id));
  } catch {
    throw wrongPasscode();
  }
}

/** A verified registration: the credential to keep (base64url id, public key, counter). */
export interface WebauthnCredential {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
}

/**
 * Checks an attestation (challenge, origin, RP ID, user verification, format) for a user and refuses a
 * credential the user already has; throws Okta's E0000068 otherwise. Shared by both engines.
 */
export async function checkWebauthnAttestation(ctx: OrgContext, expectedChallenge: string, userId: string, answer: { attestation: string; clientData: string }): Promise<WebauthnCredential> {
  try {
    const attestation = bytesFromOkta(answer.attestation);
    const credentialID = parseAuthenticatorData(decodeAttestationObject(attestation).get('authData')).credentialID;
    const id = base64url(credentialID ?? new Uint8Array());
    const result = await verifyRegistrationResponse({
      response: { id, rawId: id, type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: base64url(bytesFromOkta(answer.clientData)), attestationObject: base64url(attestation) } },
      expectedChallenge,
      expectedOrigin: [...ctx.expectedOrigins()],
      expectedRPID: rpId(ctx),
      requireUserVerification: uvRequired(ctx),
    });
    const credential = result.registrationInfo?.credential;
    if (!result.verified || !credential || webauthnCredentialsOf(ctx, userId).some((c) => c.id === credential.id)) throw wrongPasscode();
    return { credentialId: credential.id, publicKey: base64url(credential.publicKey), counter: credential.counter };
  } catch {
    throw wrongPasscode();
  }
}

async function verifyAssertion(call: FactorCall, factor: FactorRow): Promise<FactorOutcome> {
  const body = parseWith(AssertionBody, call.body);
  await checkWebauthnAssertion(call.ctx, String(call.tx.data.challenge?.webauthn ?? ''), factor, body);
  return { kind: 'passed' };
}

export const webauthnDriver: FactorDriver = {
  factorType: 'webauthn',
  provider: 'FIDO',
  vendorName: 'FIDO',
  idKind: 'webauthn',
  satisfiesMfa: true,
  multiple: true,
  activateLinkName: 'activate',
  async enroll(call) {
    const factor = newFactorRow(call.ctx, call.user.id, { kind: 'webauthn', type: 'webauthn', provider: 'FIDO', status: 'PENDING_ACTIVATION', profile: { credentialId: '', authenticatorName: 'Security key' } });
    inTransaction(call.ctx.db, () => insertFactor(call.ctx.db, factor));
    newChallenge(call);
    return factor;
  },
  activation({ ctx, tx, user }) {
    return {
      attestation: 'direct',
      authenticatorSelection: { userVerification: ctx.policy.webauthnUserVerification, requireResidentKey: false },
      challenge: String(tx.data.challenge?.webauthn ?? ''),
      excludeCredentials: webauthnCredentialsOf(ctx, user.id),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
      rp: { id: rpId(ctx), name: 'wiTECH 2.0' },
      u2fParams: { appid: ctx.url() },
      user: { displayName: `${user.first_name} ${user.last_name}`, name: user.login, id: user.id },
    };
  },
  async activate(call, factor) {
    const body = parseWith(AttestationBody, call.body);
    const credential = await checkWebauthnAttestation(call.ctx, String(call.tx.data.challenge?.webauthn ?? ''), call.user.id, body);
    inTransaction(call.ctx.db, () =>
      call.ctx.db
        .prepare("UPDATE factors SET status = 'ACTIVE', secret = ?, last_time_step = ?, profile = ?, updated_ms = ? WHERE id = ?")
        .run(credential.publicKey, credential.counter, JSON.stringify({ credentialId: credential.credentialId, authenticatorName: 'Security key' }), call.ctx.clock.nowMs(), factor.id),
    );
    return { kind: 'passed' };
  },
  async verify(call, factor) {
    const hasAssertion = typeof (call.body as { clientData?: unknown }).clientData === 'string';
    if (call.tx.status !== 'MFA_CHALLENGE' || !hasAssertion) {
      newChallenge(call);
      return { kind: 'pending', factorResult: 'CHALLENGE' };
    }
    return verifyAssertion(call, factor);
  },
  profile(user, factor) {
    const profile = profileOf(factor);
    return { ...profile, authenticatorName: authenticatorNameFor(user.locale, profile.authenticatorName) };
  },
  challengeEmbed({ ctx, tx }) {
    const challenge = tx.data.challenge?.webauthn;
    return challenge ? { challenge: { challenge, userVerification: ctx.policy.webauthnUserVerification, extensions: {} } } : undefined;
  },
};
