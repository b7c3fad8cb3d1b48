import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { signIn, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';
import type { Json } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock });
});
afterAll(() => t.close());

async function enroll(login: string, provider: 'GOOGLE' | 'OKTA' = 'GOOGLE') {
  await t.activeUser(login);
  const start = await signIn(t, login);
  return t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider });
}

async function challenge(login: string) {
  const { secret } = await t.activeUser(login, { totp: true });
  const { body } = await signIn(t, login);
  return { secret: secret ?? '', stateToken: String(body.stateToken), verify: String(body._embedded.factors[0]._links.verify.href).replace(t.url, '') };
}

describe('Google Authenticator and Okta Verify passcode enrollment', () => {
  it.each([['GOOGLE'], ['OKTA']] as const)('returns MFA_ENROLL_ACTIVATE with the %s activation object', async (provider) => {
    const { status, body } = await enroll(`enroll-${provider}@garage.test`, provider);
    expect(status).toBe(200);
    expect(body.status).toBe('MFA_ENROLL_ACTIVATE');
    const factor = body._embedded.factor;
    expect(factor).toMatchObject({ factorType: 'token:software:totp', provider, profile: { credentialId: `enroll-${provider}@garage.test` } });
    expect(factor.id).toMatch(provider === 'GOOGLE' ? /^uft/ : /^ost/);
    expect(factor._embedded.activation).toMatchObject({ timeStep: 30, encoding: 'base32', keyLength: 6 });
    expect(factor._embedded.activation.sharedSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(factor._embedded.activation._links.qrcode.type).toBe('image/png');
    expect(body._links.next).toMatchObject({ name: 'activate', href: `${t.url}/api/v1/authn/factors/${factor.id}/lifecycle/activate` });
    expect(body._links.prev.href).toBe(`${t.url}/api/v1/authn/previous`);
  });

  it('serves the QR code as a PNG while the factor awaits activation', async () => {
    const { body } = await enroll('qr@garage.test');
    const response = await fetch(body._embedded.factor._embedded.activation._links.qrcode.href);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect((await t.get(`/api/v1/users/x/factors/${body._embedded.factor.id}/qr/forged`)).status).toBe(404);
  });

  it('activates with the current code and ends in SUCCESS with a sessionToken', async () => {
    const { body } = await enroll('activate@garage.test');
    const secret = body._embedded.factor._embedded.activation.sharedSecret;
    const done = await t.post(body._links.next.href.replace(t.url, ''), { stateToken: body.stateToken, passCode: totpAt(secret, clock) });
    expect(done.body.status).toBe('SUCCESS');
    expect(done.body.sessionToken).toMatch(/^20111/);
    expect(done.body.stateToken).toBeUndefined();
    expect((await signIn(t, 'activate@garage.test')).body.status).toBe('MFA_REQUIRED');
  });

  it('refuses a wrong activation code with 403 E0000068 and stays in MFA_ENROLL_ACTIVATE', async () => {
    const { body } = await enroll('wrong-activation@garage.test');
    const bad = await t.post(body._links.next.href.replace(t.url, ''), { stateToken: body.stateToken, passCode: '000000' });
    expect(bad.status).toBe(403);
    expect(bad.body).toMatchObject({ errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' });
    expect((await t.post('/api/v1/authn', { stateToken: body.stateToken })).body.status).toBe('MFA_ENROLL_ACTIVATE');
  });

  it('goes back to MFA_ENROLL on previous and drops the half-enrolled factor', async () => {
    const { body } = await enroll('previous@garage.test');
    const back = await t.post('/api/v1/authn/previous', { stateToken: body.stateToken });
    expect(back.body.status).toBe('MFA_ENROLL');
    const user = await t.admin('GET', '/api/v1/users/previous@garage.test');
    expect((await t.admin('GET', `/api/v1/users/${user.body.id}/factors`)).body).toEqual([]);
  });

  it('offers skip after the first factor when multiOptionalFactorEnroll is asked', async () => {
    await t.activeUser('multi@garage.test');
    const start = await t.post('/api/v1/authn', { username: 'multi@garage.test', password: 'Atelier-2024', options: { multiOptionalFactorEnroll: true } });
    const enrolled = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider: 'GOOGLE' });
    const secret = enrolled.body._embedded.factor._embedded.activation.sharedSecret;
    const again = await t.post(enrolled.body._links.next.href.replace(t.url, ''), { stateToken: start.body.stateToken, passCode: totpAt(secret, clock) });
    expect(again.body.status).toBe('MFA_ENROLL');
    expect(again.body._links.skip.href).toBe(`${t.url}/api/v1/authn/skip`);
    expect(again.body._embedded.factors.find((f: Json) => f.provider === 'GOOGLE').status).toBe('ACTIVE');
    expect((await t.post('/api/v1/authn/skip', { stateToken: start.body.stateToken })).body.status).toBe('SUCCESS');
  });

  it('refuses skip while no factor is enrolled with 403 E0000079', async () => {
    await t.activeUser('noskip@garage.test');
    const start = await t.post('/api/v1/authn', { username: 'noskip@garage.test', password: 'Atelier-2024', options: { multiOptionalFactorEnroll: true } });
    expect((await t.post('/api/v1/authn/skip', { stateToken: start.body.stateToken })).body.errorCode).toBe('E0000079');
  });

  it('refuses enrolling an unsupported factor with 400 E0000001', async () => {
    await t.activeUser('unsupported@garage.test');
    const start = await signIn(t, 'unsupported@garage.test');
    const bad = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'sms', provider: 'OKTA' });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
  });
});

describe('TOTP verification', () => {
  it.each([
    ['the current step', 0],
    ['the previous step (clock drift)', -1],
    ['the next step (clock drift)', 1],
  ])('accepts a code from %s', async (_case, steps) => {
    const c = await challenge(`drift${steps}@garage.test`);
    const result = await t.post(c.verify, { stateToken: c.stateToken, passCode: totpAt(c.secret, clock, steps) });
    expect(result.body.status).toBe('SUCCESS');
  });

  it.each([
    ['two steps old', -2],
    ['two steps ahead', 2],
  ])('refuses a code %s with 403 E0000068', async (_case, steps) => {
    const c = await challenge(`far${steps}@garage.test`);
    const result = await t.post(c.verify, { stateToken: c.stateToken, passCode: totpAt(c.secret, clock, steps) });
    expect(result.status).toBe(403);
    expect(result.body.errorCode).toBe('E0000068');
  });

  it('rejects a code from an already-used time step with 403 E0000082', async () => {
    const c = await challenge('replay@garage.test');
    const code = totpAt(c.secret, clock);
    expect((await t.post(c.verify, { stateToken: c.stateToken, passCode: code })).body.status).toBe('SUCCESS');
    const second = await signIn(t, 'replay@garage.test');
    const replay = await t.post(c.verify, { stateToken: second.body.stateToken, passCode: code });
    expect(replay.status).toBe(403);
    expect(replay.body.errorCode).toBe('E0000082');
    const older = await t.post(c.verify, { stateToken: second.body.stateToken, passCode: totpAt(c.secret, clock, -1) });
    expect(older.body.errorCode).toBe('E0000082');
  });

  it('lets only one of two concurrent verifications of the same code succeed', async () => {
    const c = await challenge('race@garage.test');
    const other = await signIn(t, 'race@garage.test');
    const code = totpAt(c.secret, clock);
    const results = await Promise.all([c.stateToken, other.body.stateToken].map((stateToken) => t.post(c.verify, { stateToken, passCode: code })));
    expect(results.map((r) => r.body.status ?? r.body.errorCode).sort()).toEqual(['E0000082', 'SUCCESS']);
  });

  it('ends the transaction at the fifth bad code with 403 E0000069', async () => {
    const c = await challenge('fivebad@garage.test');
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push((await t.post(c.verify, { stateToken: c.stateToken, passCode: '123456' })).body.errorCode);
    expect(codes).toEqual(['E0000068', 'E0000068', 'E0000068', 'E0000068', 'E0000069']);
    expect((await t.post(c.verify, { stateToken: c.stateToken, passCode: totpAt(c.secret, clock) })).body.errorCode).toBe('E0000011');
  });

  it.each([
    ['a missing passCode', {}, 'E0000001'],
    ['letters', { passCode: 'abcdef' }, 'E0000068'],
    ['seven digits', { passCode: '1234567' }, 'E0000068'],
  ])('refuses %s', async (_case, extra, code) => {
    const c = await challenge(`shape-${_case.length}@garage.test`);
    expect((await t.post(c.verify, { stateToken: c.stateToken, ...extra })).body.errorCode).toBe(code);
  });

  it('refuses verifying a factor that belongs to another user with 404 E0000007', async () => {
    const mine = await challenge('mine@garage.test');
    const theirs = await challenge('theirs@garage.test');
    const result = await t.post(theirs.verify, { stateToken: mine.stateToken, passCode: totpAt(theirs.secret, clock) });
    expect(result.status).toBe(404);
    expect(result.body.errorCode).toBe('E0000007');
  });

  it('revokes the stateToken on cancel', async () => {
    const c = await challenge('cancel@garage.test');
    expect((await t.post('/api/v1/authn/cancel', { stateToken: c.stateToken })).status).toBe(200);
    expect((await t.post(c.verify, { stateToken: c.stateToken, passCode: totpAt(c.secret, clock) })).body.errorCode).toBe('E0000011');
  });

  it('refuses verify from MFA_ENROLL with 403 E0000079', async () => {
    await t.activeUser('early@garage.test');
    const start = await signIn(t, 'early@garage.test');
    const result = await t.post('/api/v1/authn/factors/uftwhatever/verify', { stateToken: start.body.stateToken, passCode: '123456' });
    expect(result.body.errorCode).toBe('E0000079');
  });
});
