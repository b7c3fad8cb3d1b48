/**
 * Classic Authn replies against the Sign-In Widget's recorded ones (test/unit/helpers/xhr/MFA_ENROLL_allFactors.js,
 * FACTOR_ENROLL_allFactors.js, playground/mocks/data/api/v1/authn/mfa-required-oktaverify.json): the per-factor
 * `enrollment` and `policy.enrollment`, `_links.skip` exactly when every pending enrollment is optional,
 * `factorsPolicyInfo` for push factors, and the security key's `authenticatorName` in the user's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { signIn, startTestOrg, totpAt, type Json, type TestOrg } from '../../support/local-org/test-org.ts';
import { attest, softKey } from '../../support/local-org/okta-webauthn-client.ts';
import { simulatedDevice } from '../../support/local-org/device-simulator.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ clock });
});
afterAll(() => t.close());

const byType = (factors: Json[], factorType: string, provider?: string) => factors.find((f) => f.factorType === factorType && (!provider || f.provider === provider));

describe('Classic fidelity with the widget’s recorded replies', () => {
  it('MFA_ENROLL: possession factors are REQUIRED until one is active, each carries policy.enrollment, and skip appears once all pending ones are OPTIONAL', async () => {
    await t.activeUser('fid.enroll@garage.test');
    const start = await t.post('/api/v1/authn', { username: 'fid.enroll@garage.test', password: 'Atelier-2024', options: { multiOptionalFactorEnroll: true } });
    expect(start.body.status).toBe('MFA_ENROLL');
    const before = start.body._embedded.factors as Json[];
    expect(byType(before, 'token:software:totp', 'GOOGLE')).toMatchObject({ enrollment: 'REQUIRED', status: 'NOT_SETUP', policy: { enrollment: { enrolled: 0, minimum: 0, maximum: 1 } } });
    expect(byType(before, 'question')).toMatchObject({ enrollment: 'OPTIONAL' });
    expect(start.body._links.skip).toBeUndefined();

    const enrolled = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider: 'GOOGLE' });
    const secret = enrolled.body._embedded.factor._embedded.activation.sharedSecret;
    const after = await t.post(enrolled.body._links.next.href.replace(t.url, ''), { stateToken: start.body.stateToken, passCode: totpAt(secret, clock) });
    expect(after.body.status).toBe('MFA_ENROLL');
    const factors = after.body._embedded.factors as Json[];
    expect(factors.filter((f) => f.status === 'NOT_SETUP').every((f) => f.enrollment === 'OPTIONAL')).toBe(true);
    expect(byType(factors, 'token:software:totp', 'GOOGLE')).toMatchObject({ status: 'ACTIVE', policy: { enrollment: { enrolled: 1, maximum: 1 } } });
    expect(byType(factors, 'webauthn')?.policy.enrollment.maximum).toBeGreaterThan(1);
    expect(after.body._links.skip).toMatchObject({ href: `${t.url}/api/v1/authn/skip` });
  });

  it('MFA_REQUIRED and MFA_CHALLENGE: factorsPolicyInfo names each push factor with autoPushEnabled', async () => {
    await t.activeUser('fid.push@garage.test');
    const start = await signIn(t, 'fid.push@garage.test');
    const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
    await simulatedDevice(t.url).pair(String(enroll.body._embedded.factor._embedded.activation._links.qrcode.href).split('/').pop() ?? '');
    await t.post(String(enroll.body._links.next.href).replace(t.url, ''), { stateToken: start.body.stateToken });

    const again = await signIn(t, 'fid.push@garage.test');
    expect(again.body.status).toBe('MFA_REQUIRED');
    const push = byType(again.body._embedded.factors, 'push');
    expect(again.body._embedded.policy.factorsPolicyInfo).toEqual({ [push.id]: { autoPushEnabled: false } });
    const challenge = await t.post(`/api/v1/authn/factors/${push.id}/verify`, { stateToken: again.body.stateToken });
    expect(challenge.body._embedded.policy.factorsPolicyInfo).toEqual({ [push.id]: { autoPushEnabled: false } });
  });

  it.each([
    ['fr_CA', 'Clé de sécurité'],
    ['en_US', 'Security key'],
  ])('names the security key in the user’s language (%s)', async (locale, name) => {
    const login = `fid.key.${locale}@garage.test`;
    await t.activeUser(login, { locale });
    const start = await signIn(t, login);
    const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'webauthn', provider: 'FIDO' });
    const done = await t.post(enroll.body._links.next.href.replace(t.url, ''), { stateToken: start.body.stateToken, ...attest(softKey(), t.url, enroll.body._embedded.factor._embedded.activation) });
    expect(done.body.status).toBe('SUCCESS');
    const next = await signIn(t, login);
    expect(byType(next.body._embedded.factors, 'webauthn').profile.authenticatorName).toBe(name);
  });
});
