import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { simulatedDevice, type SimulatedDevice } from '../../support/local-org/device-simulator.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock, policy: { ipPerMinute: 100_000 } });
});
afterAll(() => t.close());

const path = (href: string) => href.replace(t.url, '');

/** Enrolls Okta Verify push for a new user and pairs a simulated device; returns the device. */
async function enrolled(login: string): Promise<SimulatedDevice> {
  await t.activeUser(login);
  const start = await signIn(t, login);
  const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
  const device = simulatedDevice(t.url);
  await device.pair(String(enroll.body._embedded.factor._embedded.activation._links.qrcode.href).split('/').pop() ?? '');
  const done = await t.post(path(enroll.body._links.next.href), { stateToken: start.body.stateToken });
  expect(done.body.status).toBe('SUCCESS');
  return device;
}

async function pushChallenge(login: string) {
  const start = await signIn(t, login);
  const factor = start.body._embedded.factors.find((f: { factorType: string }) => f.factorType === 'push');
  const sent = await t.post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: start.body.stateToken });
  return { stateToken: String(start.body.stateToken), verify: `/api/v1/authn/factors/${factor.id}/verify`, sent };
}

describe('Okta Verify push enrollment', () => {
  it('answers MFA_ENROLL_ACTIVATE WAITING with a QR and a poll link, then SUCCESS once the device pairs', async () => {
    await t.activeUser('pair@garage.test');
    const start = await signIn(t, 'pair@garage.test');
    const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
    expect(enroll.body).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING', _links: { next: { name: 'poll' } } });
    const activation = enroll.body._embedded.factor._embedded.activation;
    expect(activation).toMatchObject({ factorResult: 'WAITING', _links: { qrcode: { type: 'image/png' } } });
    expect(enroll.body._links.next.href).toBe(`${t.url}/api/v1/authn/factors/${enroll.body._embedded.factor.id}/lifecycle/activate/poll`);
    const waiting = await t.post(path(enroll.body._links.next.href), { stateToken: start.body.stateToken });
    expect(waiting.body).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING' });
    const device = simulatedDevice(t.url);
    expect(await device.pair(String(activation._links.qrcode.href).split('/').pop() ?? '')).toBe(303);
    expect(await device.page()).toContain('pair@garage.test');
    expect((await t.post(path(enroll.body._links.next.href), { stateToken: start.body.stateToken })).body.status).toBe('SUCCESS');
  });

  it('times out when nobody pairs, then restarts with a new QR on the activate link', async () => {
    await t.activeUser('slowpair@garage.test');
    const start = await signIn(t, 'slowpair@garage.test');
    const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
    const oldCode = String(enroll.body._embedded.factor._embedded.activation._links.qrcode.href).split('/').pop() ?? '';
    clock.advance(4 * 60 * 1000);
    expect((await t.post(path(enroll.body._links.next.href), { stateToken: start.body.stateToken })).body.factorResult).toBe('WAITING');
    clock.advance(60 * 1000);
    const late = await t.post(path(enroll.body._links.next.href), { stateToken: start.body.stateToken });
    expect(late.body).toMatchObject({ status: 'MFA_ENROLL_ACTIVATE', factorResult: 'TIMEOUT', _links: { next: { name: 'activate' } } });
    expect(late.body._embedded.factor._embedded.activation.factorResult).toBe('TIMEOUT');
    expect(await simulatedDevice(t.url).pair(oldCode)).toBe(401);
    const again = await t.post(path(late.body._links.next.href), { stateToken: start.body.stateToken });
    expect(again.body).toMatchObject({ factorResult: 'WAITING', _links: { next: { name: 'poll' } } });
  });

  it.each([['a forged code', 'forged-code'], ['an empty code', '']])('refuses pairing with %s', async (_case, code) => {
    expect(await simulatedDevice(t.url).pair(code)).toBe(401);
  });
});

describe('Okta Verify push verification', () => {
  it('waits with a number challenge, then succeeds when the device picks the right number', async () => {
    const device = await enrolled('approve@garage.test');
    const { stateToken, verify, sent } = await pushChallenge('approve@garage.test');
    expect(sent.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'WAITING', _links: { next: { name: 'poll' }, resend: [{ name: 'push' }] } });
    const correct = String(sent.body._embedded.factor._embedded.challenge.correctAnswer);
    const [push] = await device.pushes();
    expect(push?.choices).toContain(correct);
    expect((await t.post(verify, { stateToken })).body.factorResult).toBe('WAITING');
    expect(await device.answer(push?.id ?? '', correct)).toBe(303);
    const done = await t.post(verify, { stateToken });
    expect(done.body.status).toBe('SUCCESS');
    expect(done.body.sessionToken).toMatch(/^20111/);
  });

  it.each([
    ['denies', 'deny'],
    ['picks a wrong number', 'wrong'],
  ])('reports REJECTED when the device %s, and the verify link sends a new push', async (_case, how) => {
    const device = await enrolled(`reject-${how}@garage.test`);
    const { stateToken, verify, sent } = await pushChallenge(`reject-${how}@garage.test`);
    const [push] = await device.pushes();
    const correct = String(sent.body._embedded.factor._embedded.challenge.correctAnswer);
    const choice = how === 'deny' ? 'deny' : (push?.choices.find((c) => c !== correct) ?? '');
    await device.answer(push?.id ?? '', choice);
    const rejected = await t.post(verify, { stateToken });
    expect(rejected.body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'REJECTED', _links: { next: { name: 'verify' } } });
    const retry = await t.post(verify, { stateToken });
    expect(retry.body.factorResult).toBe('WAITING');
    expect(await device.pushes()).toHaveLength(1);
  });

  it('reports TIMEOUT when the push is not answered in time', async () => {
    await enrolled('timeout@garage.test');
    const { stateToken, verify } = await pushChallenge('timeout@garage.test');
    clock.advance(4 * 60 * 1000);
    expect((await t.post(verify, { stateToken })).body.factorResult).toBe('WAITING');
    clock.advance(60 * 1000);
    expect((await t.post(verify, { stateToken })).body).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'TIMEOUT' });
  });

  it('sends a fresh push on resend and goes back to MFA_REQUIRED on previous', async () => {
    const device = await enrolled('resend@garage.test');
    const { stateToken, verify } = await pushChallenge('resend@garage.test');
    const resent = await t.post(`${verify}/resend`, { stateToken });
    expect(resent.body.factorResult).toBe('WAITING');
    expect(await device.pushes()).toHaveLength(2);
    expect((await t.post('/api/v1/authn/previous', { stateToken })).body.status).toBe('MFA_REQUIRED');
  });

  it('does not let another device answer a push', async () => {
    await enrolled('victim@garage.test');
    const intruder = await enrolled('intruder@garage.test');
    const { sent } = await pushChallenge('victim@garage.test');
    expect(sent.body.factorResult).toBe('WAITING');
    expect(await intruder.pushes()).toEqual([]);
    const victimPush = (await t.get('/device')).body.text as string;
    expect(victimPush).not.toContain('data-push=');
  });

  it('refuses device forms without the CSRF token', async () => {
    const response = await fetch(`${t.url}/device/pair`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'code=x' });
    expect(response.status).toBe(403);
  });
});
