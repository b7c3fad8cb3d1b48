/**
 * Security key (WebAuthn) on the identity org, driven by okta-auth-js 8's `idx` module in step mode with
 * its own WebAuthn helpers (`OktaAuth.webauthn.buildCredential*Options`, `getAttestation`,
 * `getAssertion`) around a software authenticator, as a browser app on the org's origin would run them.
 * Enrollment through IDX, then sign-in with the key; a key enrolled through IDX also works on the Authn
 * API (one store of factors for both engines).
 */
import { describe, expect, it } from 'vitest';
import { OktaAuth, IdxStatus, type IdxTransaction } from '@okta/okta-auth-js';
import type { WebAuthnEmulator } from 'nid-webauthn-emulator';
import { PASSWORD, signIn, type Json } from '../../support/local-org/test-org.ts';
import { useIdentityOrg } from '../../support/local-org/identity-org.ts';
import { assert as classicAssert, softKey } from '../../support/local-org/okta-webauthn-client.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';

const { clock, org, client } = useIdentityOrg();

/** The current authenticator's contextual data (from the step's `relatesTo`, or the raw reply after a refused answer). */
const contextualOf = (tx: IdxTransaction): Json => ((tx.nextStep?.relatesTo as Json) ?? (tx.rawIdxState as Json).currentAuthenticator).value.contextualData;
const enrollmentsOf = (tx: IdxTransaction): Json[] => (tx.rawIdxState as Json).authenticatorEnrollments?.value ?? [];

/** What a page running okta-auth-js does with `navigator.credentials.create`, on the org's origin. */
function attestWith(key: WebAuthnEmulator, tx: IdxTransaction): Json {
  const options = OktaAuth.webauthn.buildCredentialCreationOptions(contextualOf(tx).activationData, enrollmentsOf(tx));
  return OktaAuth.webauthn.getAttestation(key.create(org().url, options) as unknown as PublicKeyCredential);
}

function assertWith(key: WebAuthnEmulator, tx: IdxTransaction): Json {
  const options = OktaAuth.webauthn.buildCredentialRequestOptions(contextualOf(tx).challengeData, enrollmentsOf(tx));
  return OktaAuth.webauthn.getAssertion(key.get(org().url, options) as unknown as PublicKeyCredential);
}

async function enrollKey(login: string, key: WebAuthnEmulator): Promise<void> {
  await org().activeUser(login);
  const auth = client();
  await auth.idx.start();
  let tx = await auth.idx.proceed({ step: 'identify', username: login, password: PASSWORD });
  expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
  tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'webauthn' });
  expect(tx.nextStep?.name).toBe('enroll-authenticator');
  const { id: _id, ...attestation } = attestWith(key, tx);
  tx = await auth.idx.proceed({ step: 'enroll-authenticator', ...attestation });
  expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
  tx = await auth.idx.proceed({ step: 'skip' });
  expect(tx.status).toBe(IdxStatus.SUCCESS);
}

async function challenged(login: string): Promise<{ auth: OktaAuth; tx: IdxTransaction }> {
  const auth = client();
  await auth.idx.start();
  await auth.idx.proceed({ step: 'identify', username: login, password: PASSWORD });
  const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'webauthn' });
  expect(tx.nextStep?.name).toBe('challenge-authenticator');
  return { auth, tx };
}

describe('security key (WebAuthn) through IDX with okta-auth-js', () => {
  it('enrolls a security key, then signs in with it', async () => {
    await org().activeUser('idx.key@garage.test');
    const key = softKey();
    const auth = client();
    await auth.idx.start();
    let tx = await auth.idx.proceed({ step: 'identify', username: 'idx.key@garage.test', password: PASSWORD });
    const offered = (tx.nextStep?.inputs?.[0]?.options ?? []) as unknown as { relatesTo: { key: string } }[];
    expect(offered.map((o) => o.relatesTo.key)).toContain('webauthn');

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'webauthn' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    const activation = contextualOf(tx).activationData;
    expect(activation).toMatchObject({ rp: { id: 'localhost' }, user: { name: 'idx.key@garage.test' }, attestation: 'direct', excludeCredentials: [] });
    expect(activation.challenge).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(activation.pubKeyCredParams).toEqual([{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }]);

    const { id: credentialId, ...attestation } = attestWith(key, tx);
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', ...attestation });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'hwk', 'mfa']);

    clock.advance(30_000);
    const again = await challenged('idx.key@garage.test');
    const challenge = contextualOf(again.tx).challengeData;
    expect(challenge).toMatchObject({ userVerification: 'required' });
    expect(enrollmentsOf(again.tx).filter((e) => e.key === 'webauthn').map((e) => e.credentialId)).toEqual([credentialId]);
    const { id: _id, ...assertion } = assertWith(key, again.tx);
    tx = await again.auth.idx.proceed({ step: 'challenge-authenticator', ...assertion });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'hwk', 'mfa']);
  });

  it('refuses an assertion from a key the user never enrolled, with Okta message, and accepts the right key next', async () => {
    const key = softKey();
    await enrollKey('idx.stranger@garage.test', key);
    const { auth, tx } = await challenged('idx.stranger@garage.test');
    const stranger = softKey();
    // The stranger's key signs for a credential id it does not hold; the emulator refuses, so sign with its own credential.
    stranger.createJSON(org().url, { rp: { id: 'localhost', name: 'x' }, user: { id: 'dXNlcg', name: 'u', displayName: 'u' }, challenge: 'Y2hhbGxlbmdl', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] });
    const options = OktaAuth.webauthn.buildCredentialRequestOptions(contextualOf(tx).challengeData, []);
    const { id: _id, ...forged } = OktaAuth.webauthn.getAssertion(stranger.get(org().url, options) as unknown as PublicKeyCredential) as Json;
    let next = await auth.idx.proceed({ step: 'challenge-authenticator', ...forged });
    expect(next.messages?.[0]?.i18n?.key).toBe('authfactor.webauthn.error.assertion_validation_failure');
    expect(next.nextStep?.name).toBe('challenge-authenticator');
    // A fresh challenge for the next try: the refused one cannot be reused.
    expect(contextualOf(next).challengeData.challenge).not.toBe(contextualOf(tx).challengeData.challenge);
    const { id: _id2, ...assertion } = assertWith(key, next);
    next = await auth.idx.proceed({ step: 'challenge-authenticator', ...assertion });
    expect(next.status).toBe(IdxStatus.SUCCESS);
  });

  it('refuses an attestation made for another origin and keeps the enrollment step', async () => {
    await org().activeUser('idx.origin@garage.test');
    const auth = client();
    await auth.idx.start();
    await auth.idx.proceed({ step: 'identify', username: 'idx.origin@garage.test', password: PASSWORD });
    let tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'webauthn' });
    const options = OktaAuth.webauthn.buildCredentialCreationOptions(contextualOf(tx).activationData, []);
    const { id: _id, ...attestation } = OktaAuth.webauthn.getAttestation(softKey().create('http://localhost:1', options) as unknown as PublicKeyCredential) as Json;
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', ...attestation });
    expect(tx.messages?.[0]?.i18n?.key).toBe('authfactor.webauthn.error.assertion_validation_failure');
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
  });

  it('a key enrolled through IDX signs in on the Authn API too (one store of factors)', async () => {
    const key = softKey();
    await enrollKey('idx.both@garage.test', key);
    const start = await signIn(org(), 'idx.both@garage.test');
    const factor = start.body._embedded.factors.find((f: Json) => f.factorType === 'webauthn');
    const verify = `/api/v1/authn/factors/${factor.id}/verify`;
    const issued = await org().post(verify, { stateToken: start.body.stateToken });
    const signed = classicAssert(key, org().url, 'localhost', issued.body._embedded.factor._embedded.challenge.challenge, factor.profile.credentialId);
    expect((await org().post(verify, { stateToken: start.body.stateToken, ...signed })).body.status).toBe('SUCCESS');
  });
});

describe('malformed security key answers (bounded fuzz, loopback)', () => {
  const ION = 'application/ion+json; okta-version=1.0.0';
  const idx = (path: string, body: unknown) => org().post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION });

  async function atStep(login: string, enroll: boolean): Promise<string> {
    const { challenge } = pkcePair();
    const interact = await postForm(`${org().url}/oauth2/default/v1/interact`, {
      client_id: org().org.clients.native, scope: 'openid', redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's',
    });
    const introspect = await idx('introspect', { interactionHandle: interact.body.interaction_handle });
    const stateHandle = String(introspect.body.stateHandle);
    const identified = await idx('identify', { identifier: login, credentials: { passcode: PASSWORD }, stateHandle });
    const id = identified.body.authenticators.value.find((a: Json) => a.key === 'webauthn').id;
    const step = await idx(enroll ? 'credential/enroll' : 'challenge', { authenticator: { id }, stateHandle });
    expect(step.status).toBe(200);
    return stateHandle;
  }

  it('answers every malformed credentials body with a 4xx IDX reply, never 5xx, and Okta i18n keys', async () => {
    await org().activeUser('idx.fuzz.key@garage.test');
    await enrollKey('idx.fuzz.enrolled@garage.test', softKey());
    const b64 = (n: number) => Buffer.from('x'.repeat(n)).toString('base64url');
    const shapes = (stateHandle: string): unknown[] => [
      { stateHandle },
      { stateHandle, credentials: null },
      { stateHandle, credentials: 'AAAA' },
      { stateHandle, credentials: {} },
      { stateHandle, credentials: { clientData: 7, attestation: [] } },
      { stateHandle, credentials: { clientData: '%%%', attestation: '***' } },
      { stateHandle, credentials: { clientData: b64(10), attestation: b64(10) } },
      { stateHandle, credentials: { clientData: b64(10), attestation: b64(10), extra: 'x' } },
      { stateHandle, credentials: { clientData: b64(10), authenticatorData: b64(37), signatureData: b64(70) } },
      { stateHandle, credentials: { clientData: b64(5000), attestation: b64(20000) } },
      { stateHandle, credentials: { clientData: Buffer.from('{"type":"webauthn.get","challenge":"AAAA"}').toString('base64'), authenticatorData: 'AAAA', signatureData: 'AAAA' } },
      { stateHandle, credentials: { clientData: Buffer.from('not json').toString('base64'), attestation: Buffer.from([0xa1, 0x01]).toString('base64') } },
      { stateHandle, credentials: { passcode: '123456' } },
      { stateHandle, credentials: { clientData: b64(10), authenticatorData: b64(10), signatureData: b64(10), transports: '["usb"]' } },
    ];
    const keys = new Set<string>();
    let requests = 0;
    for (const [login, enroll] of [['idx.fuzz.key@garage.test', true], ['idx.fuzz.enrolled@garage.test', false]] as const) {
      for (const shape of shapes('')) {
        // A fresh transaction per shape: the org's limit on wrong answers would otherwise end it early.
        const stateHandle = await atStep(login, enroll);
        const reply = await idx('challenge/answer', { ...(shape as object), stateHandle });
        requests += 1;
        expect(reply.status, JSON.stringify(shape).slice(0, 120)).toBeGreaterThanOrEqual(400);
        expect(reply.status, JSON.stringify(shape).slice(0, 120)).toBeLessThan(500);
        for (const m of reply.body.messages?.value ?? []) keys.add(m.i18n.key);
      }
    }
    expect(requests).toBe(28);
    expect([...keys].sort()).toEqual(['E0000020', 'authfactor.webauthn.error.assertion_validation_failure']);
  });
});
