/**
 * YubiKey OTP (`yubikey_token`) on the identity org: driven by okta-auth-js 8's `idx` module in step mode,
 * whose generic verification-code authenticator answers it with `credentials.passcode`, and by raw IDX
 * calls for what a client should never send. The replies have the shape of Okta's recorded ones (Sign-In
 * Widget `authenticator-enroll-yubikey.json`, `authenticator-verification-yubikey.json`). One store of keys
 * serves both engines: a key enrolled on one signs in on the other, and an OTP spent on one is a replay on
 * the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction, type OktaAuth } from '@okta/okta-auth-js';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type Json, type TestOrg } from '../../support/local-org/test-org.ts';
import { oktaAuthFor } from '../../support/local-org/okta-auth-js.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';
import { yubicoOtp, type KeySeed } from '../../support/local-org/yubikey-otp-generator.ts';

// Near real time: auth-js checks the ID token's `iat`/`exp` against its own clock.
const clock = manualClock(Date.now());
let t: TestOrg;
const seed = (n: number): KeySeed => ({ publicId: `vvcccc${'bdefgh'[n] ?? 'c'}ijkln`, privateId: `0123456789a${n}`, aesKey: `00112233445566778899aabbccddee${n}0` });
const [KEY_A, KEY_B, KEY_C, KEY_D, KEY_E] = [seed(0), seed(1), seed(2), seed(3), seed(4)] as [KeySeed, KeySeed, KeySeed, KeySeed, KeySeed];

beforeAll(async () => {
  t = await startTestOrg({ clock, engine: 'identity' });
  for (const [i, key] of [KEY_A, KEY_B, KEY_C, KEY_D, KEY_E].entries()) {
    const added = await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: `70${i}`, ...key });
    expect(added.body).toMatchObject({ id: key.publicId, status: 'UNASSIGNED' });
  }
});
afterAll(() => t.close());

const client = (): OktaAuth => oktaAuthFor(t);
const raw = (tx: IdxTransaction): Json => tx.rawIdxState as Json;
/** auth-js merges the field's messages (a refused code) into the transaction's. */
const messageKeys = (tx: IdxTransaction): string[] => (tx.messages ?? []).map((m) => m.i18n?.key ?? '');

async function identified(login: string): Promise<{ auth: OktaAuth; tx: IdxTransaction }> {
  const auth = client();
  await auth.idx.start();
  const tx = await auth.idx.proceed({ step: 'identify', username: login, password: PASSWORD });
  return { auth, tx };
}

/** Enrolls `key` through IDX with the OTP of `counter`, skips the optional ones: the user now signs in with the key. */
async function enrollOnIdx(login: string, key: KeySeed, counter: number): Promise<IdxTransaction> {
  await t.activeUser(login);
  const { auth } = await identified(login);
  await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'yubikey_token' });
  const tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: yubicoOtp(key, counter, 0) });
  expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
  return auth.idx.proceed({ step: 'skip' });
}

async function challengedOnIdx(login: string): Promise<{ auth: OktaAuth; tx: IdxTransaction }> {
  const { auth } = await identified(login);
  const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'yubikey_token' });
  expect(tx.nextStep?.name).toBe('challenge-authenticator');
  return { auth, tx };
}

describe('YubiKey OTP through IDX with okta-auth-js', () => {
  it('enrolls a key with the OTP it types, then signs in with the next one; Okta’s reply shapes', async () => {
    const login = 'idx.otp@garage.test';
    await t.activeUser(login);
    const { auth, tx: first } = await identified(login);
    expect(first.nextStep?.name).toBe('select-authenticator-enroll');
    const offered = raw(first).authenticators.value.find((a: Json) => a.key === 'yubikey_token');
    expect(offered).toMatchObject({ type: 'security_key', key: 'yubikey_token', methods: [{ type: 'otp' }] });
    const option = raw(first).remediation.value[0].value[0].options.find((o: Json) => o.value.form.value[0].value === offered.id);
    expect(option.value.form.value[1]).toMatchObject({ name: 'methodType', value: 'otp', mutable: false });

    let tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'yubikey_token' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    expect(raw(tx).currentAuthenticator.value).toMatchObject({ type: 'security_key', key: 'yubikey_token', id: offered.id });
    expect(raw(tx).currentAuthenticator.value.contextualData).toBeUndefined();
    const enroll = raw(tx).remediation.value.find((r: Json) => r.name === 'enroll-authenticator');
    // auth-js has resolved `relatesTo` ($.currentAuthenticator) in its copy of the reply.
    expect(enroll.relatesTo.value).toMatchObject({ key: 'yubikey_token', id: offered.id });
    expect(enroll.value[0]).toMatchObject({ name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label: 'Insert then tap your YubiKey', required: true, secret: true }] } });

    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: yubicoOtp(KEY_A, 3, 0) });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBe(true);
    const enrolled = raw(tx).authenticatorEnrollments.value.find((e: Json) => e.key === 'yubikey_token');
    expect(enrolled).toMatchObject({ type: 'security_key', id: expect.stringMatching(/^ykf/), credentialId: KEY_A.publicId, methods: [{ type: 'otp' }] });
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'otp', 'hwk', 'mfa']);

    clock.advance(30_000);
    const again = await challengedOnIdx(login);
    const challenge = raw(again.tx).remediation.value.find((r: Json) => r.name === 'challenge-authenticator');
    expect(challenge.relatesTo.value).toMatchObject({ key: 'yubikey_token', id: expect.stringMatching(/^ykf/) });
    expect(challenge.value[0].form.value[0]).toMatchObject({ name: 'passcode', secret: true });
    expect(raw(again.tx).currentAuthenticatorEnrollment.value).toMatchObject({ key: 'yubikey_token', id: enrolled.id });
    tx = await again.auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_A, 4, 0) });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'otp', 'hwk', 'mfa']);
  });

  it('refuses a replayed OTP, one from another key and a garbled one with Okta’s keys, and takes the next good one', async () => {
    const login = 'idx.otp.replay@garage.test';
    await enrollOnIdx(login, KEY_B, 1);
    const { auth } = await challengedOnIdx(login);
    let tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_B, 1, 0) });
    expect(messageKeys(tx)).toEqual(['authfactor.challenge.soft_token.used_passcode']);
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    // A key support registered for someone else, never assigned: still not this user's key.
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_E, 1, 0) });
    expect(messageKeys(tx)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: 'cccccccccccc-not-a-key-code' });
    expect(messageKeys(tx)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_B, 2, 0) });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    // The refused other key was not spent: its first OTP still enrolls it.
    expect((await enrollOnIdx('idx.otp.other@garage.test', KEY_E, 1)).status).toBe(IdxStatus.SUCCESS);
  });

  it('keeps the enrollment step after a refused OTP and enrolls with a good one', async () => {
    const login = 'idx.otp.retry@garage.test';
    await t.activeUser(login);
    const { auth } = await identified(login);
    await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'yubikey_token' });
    let tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: yubicoOtp({ ...KEY_C, aesKey: KEY_A.aesKey }, 1, 0) });
    expect(messageKeys(tx)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: yubicoOtp(KEY_C, 1, 0) });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
  });
});

describe('an optional YubiKey enrollment', () => {
  it('offers skip beside its own step (Okta’s replies do for an optional enrollment), and skip ends the sign-in', async () => {
    const login = 'idx.otp.optional@garage.test';
    await t.activeUser(login);
    const { auth } = await identified(login);
    let tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    // The required one has no skip.
    expect(tx.nextStep?.canSkip).toBeFalsy();
    expect(raw(tx).remediation.value.map((r: Json) => r.name)).toEqual(['enroll-authenticator', 'select-authenticator-enroll']);
    const secret = String(raw(tx).currentAuthenticator.value.contextualData.sharedSecret);
    expect((await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(secret, clock) })).nextStep?.name).toBe('select-authenticator-enroll');
    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'yubikey_token' });
    expect(raw(tx).remediation.value.map((r: Json) => r.name)).toEqual(['enroll-authenticator', 'select-authenticator-enroll', 'skip']);
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: 'not-a-key-code' });
    expect(messageKeys(tx)).toEqual(['api.authn.error.PASSCODE_INVALID']);
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
  });
});

describe('one store of keys for both engines', () => {
  it('a key enrolled through IDX signs in on the Authn API, and the OTP spent there is a replay on IDX', async () => {
    const login = 'idx.otp.both@garage.test';
    await enrollOnIdx(login, KEY_D, 1);
    const start = await signIn(t, login);
    const factor = start.body._embedded.factors.find((f: Json) => f.factorType === 'token:hardware');
    expect(factor).toMatchObject({ provider: 'YUBICO', profile: { credentialId: KEY_D.publicId } });
    const verified = await t.post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: start.body.stateToken, passCode: yubicoOtp(KEY_D, 2, 0) });
    expect(verified.body.status).toBe('SUCCESS');

    const { auth } = await challengedOnIdx(login);
    const replay = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_D, 2, 0) });
    expect(messageKeys(replay)).toEqual(['authfactor.challenge.soft_token.used_passcode']);
    expect((await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(KEY_D, 2, 1) })).status).toBe(IdxStatus.SUCCESS);
  });

  it('a key enrolled on the Authn API is the user’s YubiKey enrollment on IDX', async () => {
    const login = 'authn.otp@garage.test';
    const key: KeySeed = { publicId: 'vvccccrtuvnl', privateId: 'abcdef012345', aesKey: 'ffeeddccbbaa99887766554433221100' };
    await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: '7099', ...key });
    await t.activeUser(login);
    const start = await signIn(t, login);
    const enrolled = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:hardware', provider: 'YUBICO', passCode: yubicoOtp(key, 1, 0) });
    expect(enrolled.body.status).toBe('SUCCESS');
    const { auth, tx } = await identified(login);
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    expect(raw(tx).authenticatorEnrollments.value.map((e: Json) => e.key)).toContain('yubikey_token');
    await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'yubikey_token' });
    expect((await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: yubicoOtp(key, 2, 0) })).status).toBe(IdxStatus.SUCCESS);
  });
});

describe('malformed YubiKey answers (loopback)', () => {
  const ION = 'application/ion+json; okta-version=1.0.0';
  const idx = (path: string, body: unknown) => t.post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION });

  /** A raw transaction at the YubiKey enrollment (or challenge) step. */
  async function atStep(login: string, enroll: boolean): Promise<string> {
    const { challenge } = pkcePair();
    const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, {
      client_id: t.org.clients.native, scope: 'openid', redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's',
    });
    const introspect = await idx('introspect', { interactionHandle: interact.body.interaction_handle });
    const stateHandle = String(introspect.body.stateHandle);
    const identifiedReply = await idx('identify', { identifier: login, credentials: { passcode: PASSWORD }, stateHandle });
    const id = identifiedReply.body.authenticators.value.find((a: Json) => a.key === 'yubikey_token').id;
    const step = await idx(enroll ? 'credential/enroll' : 'challenge', { authenticator: { id, methodType: 'otp' }, stateHandle });
    expect(step.status).toBe(200);
    return stateHandle;
  }

  it('answers every malformed credentials body with a 4xx IDX reply and Okta’s keys, never a 5xx', async () => {
    await t.activeUser('idx.otp.fuzz@garage.test');
    const shapes: Array<[unknown, string]> = [
      [{}, 'E0000020'],
      [{ credentials: null }, 'E0000020'],
      [{ credentials: 'vvcccc' }, 'E0000020'],
      [{ credentials: {} }, 'E0000020'],
      [{ credentials: { passcode: 7 } }, 'E0000020'],
      [{ credentials: { passcode: ['a'] } }, 'E0000020'],
      [{ credentials: { passcode: 'c'.repeat(257) } }, 'E0000020'],
      [{ credentials: { passcode: '' } }, 'api.authn.error.PASSCODE_INVALID'],
      [{ credentials: { passcode: 'c'.repeat(256) } }, 'api.authn.error.PASSCODE_INVALID'],
      [{ credentials: { passcode: 'vvccccbijklnxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' } }, 'api.authn.error.PASSCODE_INVALID'],
      [{ credentials: { passcode: `${KEY_A.publicId}${'c'.repeat(32)}` } }, 'api.authn.error.PASSCODE_INVALID'],
      [{ credentials: { totp: yubicoOtp(KEY_A, 9, 0) } }, 'E0000020'],
    ];
    for (const [shape, key] of shapes) {
      // A fresh transaction per shape: the org's limit on wrong answers would otherwise end it early.
      const stateHandle = await atStep('idx.otp.fuzz@garage.test', true);
      const reply = await idx('challenge/answer', { ...(shape as object), stateHandle });
      const label = JSON.stringify(shape).slice(0, 80);
      expect(reply.status, label).toBeGreaterThanOrEqual(400);
      expect(reply.status, label).toBeLessThan(500);
      const keys = [...(reply.body.messages?.value ?? []), ...(reply.body.remediation?.value?.[0]?.value?.[0]?.form?.value?.[0]?.messages?.value ?? [])].map((m: Json) => m.i18n.key);
      expect(keys, label).toEqual([key]);
    }
  });

  it('ends the transaction at the org’s limit of wrong codes, as on Classic', async () => {
    const login = 'idx.otp.limit@garage.test';
    await t.activeUser(login);
    const stateHandle = await atStep(login, true);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await idx('challenge/answer', { stateHandle, credentials: { passcode: 'not-a-key-code' } })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 403]);
    const after = await idx('challenge/answer', { stateHandle, credentials: { passcode: yubicoOtp(KEY_A, 50, 0) } });
    expect(after.status).toBe(401);
    expect(after.body.messages.value[0].i18n.key).toBe('idx.session.expired');
  });
});
