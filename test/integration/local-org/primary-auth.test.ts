import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import type { Json } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock, policy: { userPerMinute: 1000, ipPerMinute: 100_000 } });
  await t.activeUser('enrolling@garage.test');
  await t.activeUser('ready@garage.test', { totp: true });
  await t.admin('POST', '/api/v1/users?activate=false', {
    profile: { firstName: 'S', lastName: 'T', email: 'staged@garage.test', login: 'staged@garage.test' },
    credentials: { password: { value: PASSWORD } },
  });
  await t.provisionedUser('provisioned@garage.test');
});
afterAll(() => t.close());

describe('primary authentication', () => {
  it('sends an active user without a factor to MFA_ENROLL with the factor catalogue', async () => {
    const { status, body } = await signIn(t, 'enrolling@garage.test');
    expect(status).toBe(200);
    expect(body.status).toBe('MFA_ENROLL');
    expect(body.stateToken).toMatch(/^00/);
    expect(Date.parse(body.expiresAt) - clock.nowMs()).toBe(5 * 60 * 1000);
    expect(body._embedded.user.profile.login).toBe('enrolling@garage.test');
    const kinds = body._embedded.factors.map((f: Json) => `${f.factorType}/${f.provider}/${f.status}`);
    expect(kinds).toEqual(expect.arrayContaining(['token:software:totp/GOOGLE/NOT_SETUP', 'token:software:totp/OKTA/NOT_SETUP', 'question/OKTA/NOT_SETUP']));
    expect(body._embedded.factors[0]._links.enroll).toEqual({ href: `${t.url}/api/v1/authn/factors`, hints: { allow: ['POST'] } });
    expect(body._links.cancel.href).toBe(`${t.url}/api/v1/authn/cancel`);
    expect(body._links.skip).toBeUndefined();
  });

  it('sends a user with an active factor to MFA_REQUIRED with verify links', async () => {
    const { body } = await signIn(t, 'ready@garage.test');
    expect(body.status).toBe('MFA_REQUIRED');
    const [factor] = body._embedded.factors;
    expect(factor).toMatchObject({ factorType: 'token:software:totp', provider: 'GOOGLE', profile: { credentialId: 'ready@garage.test' } });
    expect(factor._links.verify.href).toBe(`${t.url}/api/v1/authn/factors/${factor.id}/verify`);
    expect(body._embedded.policy).toMatchObject({ allowRememberDevice: false });
  });

  it('accepts the login in any letter case', async () => {
    expect((await signIn(t, 'READY@Garage.Test')).body.status).toBe('MFA_REQUIRED');
  });

  it.each([
    ['a wrong password', 'ready@garage.test', 'Wrong-Password1'],
    ['an unknown user', 'nobody@garage.test', PASSWORD],
    ['a staged user', 'staged@garage.test', PASSWORD],
    ['a provisioned user without a password', 'provisioned@garage.test', PASSWORD],
    ['an empty password', 'ready@garage.test', ''],
  ])('answers 401 E0000004 for %s', async (_case, username, password) => {
    const { status, body } = await t.post('/api/v1/authn', { username, password });
    expect(status).toBe(401);
    expect(body).toMatchObject({ errorCode: 'E0000004', errorLink: 'E0000004', errorCauses: [] });
    expect(body.errorId).toMatch(/^oae/);
  });

  it('returns the current state for a stateToken', async () => {
    const first = await signIn(t, 'ready@garage.test');
    clock.advance(60_000);
    const again = await t.post('/api/v1/authn', { stateToken: first.body.stateToken });
    expect(again.body.status).toBe('MFA_REQUIRED');
    expect(again.body.stateToken).toBe(first.body.stateToken);
    expect(Date.parse(again.body.expiresAt) - clock.nowMs()).toBe(5 * 60 * 1000);
  });

  it('expires a stateToken five minutes after its last use', async () => {
    const { body } = await signIn(t, 'ready@garage.test');
    clock.advance(4 * 60_000);
    expect((await t.post('/api/v1/authn', { stateToken: body.stateToken })).status).toBe(200);
    clock.advance(5 * 60_000 + 1);
    const late = await t.post('/api/v1/authn', { stateToken: body.stateToken });
    expect(late.status).toBe(401);
    expect(late.body.errorCode).toBe('E0000011');
  });

  it.each([
    ['an unknown stateToken', { stateToken: '00unknown' }, 401, 'E0000011'],
    ['a body without credentials', {}, 400, 'E0000001'],
    ['a non-string username', { username: 42, password: 'x' }, 400, 'E0000001'],
    ['a missing password', { username: 'ready@garage.test' }, 400, 'E0000001'],
    ['an array body', [1, 2], 400, 'E0000001'],
    ['an over-long username', { username: 'a'.repeat(400), password: 'x' }, 400, 'E0000001'],
  ])('rejects %s', async (_case, body, status, code) => {
    const result = await t.post('/api/v1/authn', body);
    expect(result.status).toBe(status);
    expect(result.body.errorCode).toBe(code);
  });

  it.each([['{"username":'], ['not json'], ['{"a":1}}']])('answers 400 E0000003 to the malformed JSON %j', async (text) => {
    const result = await t.post('/api/v1/authn', text);
    expect(result.status).toBe(400);
    expect(result.body.errorCode).toBe('E0000003');
  });

  it('refuses a body over 64 KiB with 413 before parsing it', async () => {
    const result = await t.post('/api/v1/authn', JSON.stringify({ username: 'x', password: 'p'.repeat(70 * 1024) }));
    expect(result.status).toBe(413);
  });

  it('answers 404 E0000007 for an unknown path and 405 for a wrong method', async () => {
    expect((await t.get('/api/v1/nothing')).body.errorCode).toBe('E0000007');
    expect((await t.get('/api/v1/authn')).status).toBe(405);
  });
});

describe('rate limits', () => {
  it('answers 429 E0000047 with X-Rate-Limit headers past the per-user limit', async () => {
    const limited = await startTestOrg({ clock, policy: { userPerMinute: 3 } });
    try {
      await limited.activeUser('busy@garage.test');
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push(await signIn(limited, 'busy@garage.test'));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      const last = results[3]!;
      expect(last.body.errorCode).toBe('E0000047');
      expect(last.headers.get('x-rate-limit-limit')).toBe('3');
      expect(last.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(Number(last.headers.get('x-rate-limit-reset'))).toBeGreaterThan(clock.nowMs() / 1000);
      clock.advance(60_000);
      expect((await signIn(limited, 'busy@garage.test')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
