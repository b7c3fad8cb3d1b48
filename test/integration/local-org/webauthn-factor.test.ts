import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { assert, attest, softKey } from '../../support/local-org/okta-webauthn-client.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg();
});
afterAll(() => t.close());

async function startEnroll(login: string) {
  await t.activeUser(login);
  const start = await signIn(t, login);
  const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'webauthn', provider: 'FIDO' });
  return { stateToken: String(start.body.stateToken), enroll };
}

async function enrolled(login: string, key = softKey()) {
  const { stateToken, enroll } = await startEnroll(login);
  const done = await t.post(enroll.body._links.next.href.replace(t.url, ''), { stateToken, ...attest(key, t.url, enroll.body._embedded.factor._embedded.activation) });
  expect(done.body.status).toBe('SUCCESS');
  return key;
}

async function challenge(login: string) {
  const start = await signIn(t, login);
  const factor = start.body._embedded.factors.find((f: { factorType: string }) => f.factorType === 'webauthn');
  const verify = `/api/v1/authn/factors/${factor.id}/verify`;
  const issued = await t.post(verify, { stateToken: start.body.stateToken });
  return { stateToken: String(start.body.stateToken), verify, issued, credentialId: String(factor.profile.credentialId) };
}

describe('WebAuthn factor', () => {
  it('publishes creation options in Okta classic shape with RP ID localhost', async () => {
    const { enroll } = await startEnroll('options@garage.test');
    expect(enroll.body.status).toBe('MFA_ENROLL_ACTIVATE');
    const activation = enroll.body._embedded.factor._embedded.activation;
    expect(activation).toMatchObject({ rp: { id: 'localhost' }, user: { name: 'options@garage.test' }, authenticatorSelection: { userVerification: 'required' }, excludeCredentials: [] });
    expect(activation.challenge).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(activation.pubKeyCredParams).toContainEqual({ type: 'public-key', alg: -7 });
    expect(enroll.body._embedded.factor.id).toMatch(/^fwf/);
  });

  it('enrolls a software authenticator end to end and then verifies an assertion', async () => {
    const key = await enrolled('webauthn@garage.test');
    const { stateToken, verify, issued, credentialId } = await challenge('webauthn@garage.test');
    expect(issued.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE', _links: { next: { name: 'verify' } } });
    const embedded = issued.body._embedded.factor._embedded.challenge;
    expect(embedded).toMatchObject({ userVerification: 'required', extensions: {} });
    expect(issued.body._embedded.factor.profile.credentialId).toBe(credentialId);
    const done = await t.post(verify, { stateToken, ...assert(key, t.url, 'localhost', embedded.challenge, credentialId) });
    expect(done.body.status).toBe('SUCCESS');
  });

  it('refuses an assertion replayed into a new challenge (challenge and counter checked)', async () => {
    const key = await enrolled('replay-wa@garage.test');
    const first = await challenge('replay-wa@garage.test');
    const signed = assert(key, t.url, 'localhost', first.issued.body._embedded.factor._embedded.challenge.challenge, first.credentialId);
    expect((await t.post(first.verify, { stateToken: first.stateToken, ...signed })).body.status).toBe('SUCCESS');
    const second = await challenge('replay-wa@garage.test');
    const replay = await t.post(second.verify, { stateToken: second.stateToken, ...signed });
    expect(replay.status).toBe(403);
    expect(replay.body.errorCode).toBe('E0000068');
  });

  it('accepts an authenticator that keeps no sign counter (both zero, WebAuthn §6.1.1)', async () => {
    const key = await enrolled('clone@garage.test', softKey({ signCounterIncrement: 0 }));
    const c = await challenge('clone@garage.test');
    const signed = assert(key, t.url, 'localhost', c.issued.body._embedded.factor._embedded.challenge.challenge, c.credentialId);
    expect((await t.post(c.verify, { stateToken: c.stateToken, ...signed })).body.status).toBe('SUCCESS');
  });

  it.each([
    ['another origin on the same host', (a: ReturnType<typeof attest>) => a, 'http://localhost:1'],
    ['a tampered clientData', (a: ReturnType<typeof attest>) => ({ ...a, clientData: Buffer.from('{"type":"webauthn.create"}').toString('base64') }), undefined],
    ['garbage attestation', (a: ReturnType<typeof attest>) => ({ ...a, attestation: 'AAAA' }), undefined],
  ])('refuses activation from %s with 403 E0000068', async (_case, mutate, origin) => {
    const { stateToken, enroll } = await startEnroll(`bad-wa-${_case.length}@garage.test`);
    const attestation = mutate(attest(softKey(), origin ?? t.url, enroll.body._embedded.factor._embedded.activation));
    const result = await t.post(enroll.body._links.next.href.replace(t.url, ''), { stateToken, ...attestation });
    expect(result.status).toBe(403);
    expect(result.body.errorCode).toBe('E0000068');
  });

  it('refuses an authenticator without user verification when the org requires it', async () => {
    const { stateToken, enroll } = await startEnroll('nouv@garage.test');
    const attestation = attest(softKey({ userVerified: false }), t.url, enroll.body._embedded.factor._embedded.activation);
    expect((await t.post(enroll.body._links.next.href.replace(t.url, ''), { stateToken, ...attestation })).body.errorCode).toBe('E0000068');
  });

  it('lists enrolled credentials in excludeCredentials when a second key is added', async () => {
    await enrolled('twokeys@garage.test');
    const start = await t.post('/api/v1/authn', { username: 'twokeys@garage.test', password: 'Atelier-2024' });
    const factorId = start.body._embedded.factors[0].id;
    expect(start.body._embedded.factors[0].profile.credentialId).toMatch(/^[A-Za-z0-9_-]+$/);
    const user = await t.admin('GET', '/api/v1/users/twokeys@garage.test');
    const factors = await t.admin('GET', `/api/v1/users/${user.body.id}/factors`);
    expect(factors.body.map((f: { id: string }) => f.id)).toEqual([factorId]);
  });
});
