/**
 * The main-process WebAuthn path end to end without hardware: ceremony → CTAP2 → CTAPHID packets → a
 * software authenticator behind a node-hid-shaped device. Every registration and assertion must verify with
 * @simplewebauthn/server, then be accepted by the local org's webauthn factor over HTTP.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creationOptions, requestOptions, toStandardBase64 } from '../../../main/auth/webauthn-options.ts';
import { OktaTransaction } from '../../../main/auth/okta-schemas.ts';
import { cryptoRandom } from '../../../main/core/random.ts';
import { startLocalOrg, type LocalOrg } from '../../../main/local-org/server.ts';
import { openChannel } from '../../../main/yubikey/hid/ctaphid-channel.ts';
import { registerWithKey, signWithKey } from '../../../main/yubikey/webauthn-ceremony.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../support/fakes/soft-ctap2-authenticator.ts';
import { createSoftU2fAuthenticator } from '../../support/fakes/soft-u2f-authenticator.ts';
import { createActiveUser, uniqueLogin } from '../../support/org-admin.ts';

const ORIGIN = 'http://localhost:5180';

/**
 * The fields a browser's RegistrationResponseJSON carries beyond what the org needs (authenticatorData,
 * publicKey as SPKI, publicKeyAlgorithm) are there and true: the SPKI key verifies the later assertion.
 */
function expectBrowserShapedPair(
  registration: { response: { authenticatorData?: string; publicKey?: string; publicKeyAlgorithm?: number } },
  assertion: { response: { authenticatorData: string; clientDataJSON: string; signature: string } },
) {
  expect(registration.response.publicKeyAlgorithm).toBe(-7);
  expect(registration.response.authenticatorData).toMatch(/^[A-Za-z0-9_-]+$/);
  const key = createPublicKey({ key: Buffer.from(registration.response.publicKey ?? '', 'base64url'), format: 'der', type: 'spki' });
  const signed = Buffer.concat([Buffer.from(assertion.response.authenticatorData, 'base64url'), createHash('sha256').update(Buffer.from(assertion.response.clientDataJSON, 'base64url')).digest()]);
  expect(verify('sha256', signed, key, Buffer.from(assertion.response.signature, 'base64url'))).toBe(true);
}

describe('WebAuthn over CTAPHID with a software authenticator', () => {
  it('registers and signs in; @simplewebauthn/server verifies both', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator());
    const touches: string[] = [];
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const registration = await generateRegistrationOptions({ rpName: 'wiTECH 2.0', rpID: 'localhost', userName: 'ana@garage.test', attestationType: 'none' });
    const made = await registerWithKey(channel.value, registration, ORIGIN, { onKeepalive: (status) => touches.push(status) });
    if (!made.ok) throw new Error(made.error.code);
    expect(touches).toContain('touch');
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: registration.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false });
    expect(verified.verified).toBe(true);
    const credential = verified.registrationInfo?.credential;
    if (!credential) throw new Error('no credential');

    const request = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: credential.id }], userVerification: 'discouraged' });
    const signed = await signWithKey(channel.value, request, ORIGIN);
    if (!signed.ok) throw new Error(signed.error.code);
    const checked = await verifyAuthenticationResponse({ response: signed.value, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', credential, requireUserVerification: false });
    expect(checked).toMatchObject({ verified: true, authenticationInfo: { newCounter: 1 } });
    expectBrowserShapedPair(made.value, signed.value);
  });

  it('with several keys enrolled, sends the allow list in pieces the key accepts and finds its own credential', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator({ maxCredentialCountInList: 2, maxCredentialIdLength: 64 }));
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const registration = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana', attestationType: 'none' });
    const made = await registerWithKey(channel.value, registration, ORIGIN);
    if (!made.ok) throw new Error(made.error.code);
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: registration.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false });
    const credential = verified.registrationInfo?.credential;
    if (!credential) throw new Error('no credential');
    // Two other keys' ids, one id too long for this key, then this key's own: more than it takes at once.
    const others = [Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(100, 3)].map((id) => ({ id: id.toString('base64url') }));
    const request = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [...others, { id: credential.id }], userVerification: 'discouraged' });
    const signed = await signWithKey(channel.value, request, ORIGIN);
    if (!signed.ok) throw new Error(signed.error.code);
    expect(signed.value.id).toBe(credential.id);
    expect((await verifyAuthenticationResponse({ response: signed.value, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', credential, requireUserVerification: false })).verified).toBe(true);
    const strangersOnly = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: others, userVerification: 'discouraged' });
    expect(await signWithKey(channel.value, strangersOnly, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_NO_CREDENTIALS' } });
  });

  it('refuses an RP ID that is not the pinned origin’s host (a phishing page’s options)', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator());
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const options = await generateRegistrationOptions({ rpName: 'x', rpID: 'evil.example', userName: 'ana' });
    expect(await registerWithKey(channel.value, options, 'https://fcawitech.okta.com')).toMatchObject({ ok: false, error: { code: 'E_WEBAUTHN_ORIGIN' } });
  });

  it('says the key is already registered when it holds a credential in the exclude list', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator());
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const first = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana' });
    const made = await registerWithKey(channel.value, first, ORIGIN);
    if (!made.ok) throw new Error(made.error.code);
    const again = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana', excludeCredentials: [{ id: made.value.id }] });
    expect(await registerWithKey(channel.value, again, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_CREDENTIAL_EXCLUDED' } });
  });

  it('a key pulled out during the touch gives E_HID_DISCONNECTED, and the retry after replugging works', async () => {
    const key = createFakeHidDevice(createSoftAuthenticator(), { touchKeepalives: 3, unplugAfterKeepalives: 2 });
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const options = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana' });
    expect(await registerWithKey(channel.value, options, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_HID_DISCONNECTED' } });
    key.plugBackIn();
    const reopened = await openChannel(key.device, cryptoRandom);
    if (!reopened.ok) throw new Error(reopened.error.code);
    expect(await registerWithKey(reopened.value, options, ORIGIN)).toMatchObject({ ok: true });
  });
});

describe('WebAuthn with a U2F-only key (CTAP1 fallback over CTAPHID_MSG)', () => {
  async function u2fChannel() {
    const authenticator = await createSoftU2fAuthenticator({ pollsBeforeTouch: 3 });
    const key = createFakeHidDevice(authenticator);
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    return { authenticator, key, channel: channel.value };
  }

  it('registers with fido-u2f attestation and signs in; @simplewebauthn/server verifies both', async () => {
    const { authenticator, channel } = await u2fChannel();
    const touches: string[] = [];
    const registration = await generateRegistrationOptions({ rpName: 'wiTECH 2.0', rpID: 'localhost', userName: 'ana@garage.test', attestationType: 'direct' });
    const made = await registerWithKey(channel, registration, ORIGIN, { onKeepalive: (status) => touches.push(status) });
    if (!made.ok) throw new Error(made.error.code);
    expect(touches).toEqual(['touch']);
    expect(authenticator.apdus.some((apdu) => apdu.ins === 0x01)).toBe(true);
    const verified = await verifyRegistrationResponse({ response: made.value, expectedChallenge: registration.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false });
    expect(verified).toMatchObject({ verified: true, registrationInfo: { fmt: 'fido-u2f', credentialType: 'public-key' } });
    const credential = verified.registrationInfo?.credential;
    if (!credential) throw new Error('no credential');

    // The allow list holds a stranger first: check-only AUTHENTICATE skips it without a touch.
    const request = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: Buffer.alloc(64, 9).toString('base64url') }, { id: credential.id }], userVerification: 'discouraged' });
    const signed = await signWithKey(channel, request, ORIGIN);
    if (!signed.ok) throw new Error(signed.error.code);
    expect(signed.value.id).toBe(credential.id);
    const checked = await verifyAuthenticationResponse({ response: signed.value, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', credential, requireUserVerification: false });
    expect(checked).toMatchObject({ verified: true, authenticationInfo: { newCounter: 1 } });
    expectBrowserShapedPair(made.value, signed.value);
  });

  it('says "already registered" for an excluded handle, "not enrolled" for strangers, and refuses required user verification', async () => {
    const { channel } = await u2fChannel();
    const first = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana' });
    const made = await registerWithKey(channel, first, ORIGIN);
    if (!made.ok) throw new Error(made.error.code);
    const again = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana', excludeCredentials: [{ id: made.value.id }] });
    expect(await registerWithKey(channel, again, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_CREDENTIAL_EXCLUDED' } });
    const stranger = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: Buffer.alloc(64, 1).toString('base64url') }], userVerification: 'discouraged' });
    expect(await signWithKey(channel, stranger, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_NO_CREDENTIALS' } });
    const withUv = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana', authenticatorSelection: { userVerification: 'required' } });
    expect(await registerWithKey(channel, withUv, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_U2F_CANNOT_VERIFY' } });
    const signWithUv = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: made.value.id }], userVerification: 'required' });
    expect(await signWithKey(channel, signWithUv, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_U2F_CANNOT_VERIFY' } });
    const otherSite = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: made.value.id }], userVerification: 'discouraged' });
    // The same handle under another RP ID is a stranger: U2F keys bind handles to the application parameter.
    expect(await signWithKey(channel, { ...otherSite, rpId: 'garage.localhost' }, 'http://garage.localhost:5180')).toMatchObject({ ok: false, error: { code: 'E_CTAP_NO_CREDENTIALS' } });
  });

  it('a U2F key pulled out while waiting for a touch gives E_HID_DISCONNECTED', async () => {
    const authenticator = await createSoftU2fAuthenticator();
    const key = createFakeHidDevice(authenticator, { unplugAfterKeepalives: 1 });
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);
    const options = await generateRegistrationOptions({ rpName: 'x', rpID: 'localhost', userName: 'ana' });
    expect(await registerWithKey(channel.value, options, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_HID_DISCONNECTED' } });
  });
});

describe('the key’s output accepted by the org’s webauthn factor (Okta classic payloads over HTTP)', () => {
  let strictOrg: LocalOrg;
  let defaultOrg: LocalOrg;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'garage-hid-org-'));
    // The org expects its own origin: main pins it for the ceremony, as it would pin Okta's.
    strictOrg = await startLocalOrg({ dataDir: join(dir, 'strict'), port: 0 });
    // Okta's default WebAuthn user verification is "discouraged", the only setting a U2F-only key can meet.
    defaultOrg = await startLocalOrg({ dataDir: join(dir, 'default'), port: 0, policy: { webauthnUserVerification: 'discouraged' } });
  });
  afterAll(async () => {
    await strictOrg.close();
    await defaultOrg.close();
    await rm(dir, { recursive: true, force: true });
  });

  let org: LocalOrg;
  async function post(path: string, body: unknown) {
    const response = await fetch(new URL(path, org.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return OktaTransaction.parse(await response.json());
  }

  it.each([
    ['a CTAP2 key with its PIN, user verification required', 'strict', async () => createSoftAuthenticator({ pin: '2468' })],
    ['a CTAP2 key without a PIN (one is created), user verification required', 'strict', async () => createSoftAuthenticator()],
    ['a U2F-only key, user verification discouraged', 'default', async () => createSoftU2fAuthenticator()],
  ] as const)('enrolls %s and signs in with it', async (_kind, policy, makeAuthenticator) => {
    org = policy === 'strict' ? strictOrg : defaultOrg;
    const login = uniqueLogin('hidkey');
    await createActiveUser(org, login, 'Garage-Shop-2026');
    const key = createFakeHidDevice(await makeAuthenticator());
    const channel = await openChannel(key.device, cryptoRandom);
    if (!channel.ok) throw new Error(channel.error.code);

    let tx = await post('/api/v1/authn', { username: login, password: 'Garage-Shop-2026', options: { multiOptionalFactorEnroll: true } });
    const enrollLink = tx._embedded?.factors?.find((f) => f.factorType === 'webauthn')?._links?.enroll?.href ?? '';
    tx = await post(enrollLink, { stateToken: tx.stateToken, factorType: 'webauthn', provider: 'FIDO' });
    const creation = creationOptions(tx, org.url);
    if (!creation) throw new Error('no creation options');
    // The technician's PIN dialog: the key's PIN, or the first one chosen for it.
    const askPin = async () => '2468';
    const made = await registerWithKey(channel.value, creation as never, org.url, {}, askPin);
    if (!made.ok) throw new Error(made.error.code);
    tx = await post(tx._links?.next?.href ?? '', { stateToken: tx.stateToken, attestation: toStandardBase64(made.value.response.attestationObject), clientData: toStandardBase64(made.value.response.clientDataJSON) });
    expect(tx.status).toMatch(/MFA_ENROLL|SUCCESS/);

    tx = await post('/api/v1/authn', { username: login, password: 'Garage-Shop-2026' });
    const verifyLink = tx._embedded?.factors?.[0]?._links?.verify?.href ?? '';
    tx = await post(verifyLink, { stateToken: tx.stateToken });
    const request = requestOptions(tx, org.url);
    if (!request) throw new Error('no request options');
    const signed = await signWithKey(channel.value, request as never, org.url, {}, askPin);
    if (!signed.ok) throw new Error(signed.error.code);
    tx = await post(tx._links?.next?.href ?? verifyLink, {
      stateToken: tx.stateToken,
      clientData: toStandardBase64(signed.value.response.clientDataJSON),
      authenticatorData: toStandardBase64(signed.value.response.authenticatorData),
      signatureData: toStandardBase64(signed.value.response.signature),
    });
    expect(tx.status).toBe('SUCCESS');
  });
});
