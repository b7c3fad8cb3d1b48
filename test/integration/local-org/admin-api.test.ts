import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg();
});
afterAll(() => t.close());

const profile = (login: string) => ({ firstName: 'A', lastName: 'B', email: login, login });

describe('admin API authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong SSWS token', { Authorization: 'SSWS 00wrong' }],
    ['a Bearer token', { Authorization: 'Bearer whatever' }],
  ])('answers 401 E0000011 with %s', async (_case, headers) => {
    const result = await t.get('/api/v1/users', headers);
    expect(result.status).toBe(401);
    expect(result.body.errorCode).toBe('E0000011');
  });
});

describe('Users API', () => {
  it.each([
    ['without password, not activated', false, false, 'STAGED'],
    ['without password, activated', false, true, 'PROVISIONED'],
    ['with password, not activated', true, false, 'STAGED'],
    ['with password, activated', true, true, 'ACTIVE'],
  ])('creates a user %s as %s', async (_case, withPassword, activate, status) => {
    const login = `create-${String(withPassword)}-${String(activate)}@garage.test`;
    const result = await t.admin('POST', `/api/v1/users?activate=${String(activate)}`, {
      profile: profile(login),
      ...(withPassword ? { credentials: { password: { value: PASSWORD } } } : {}),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status, profile: { login }, credentials: { provider: { type: 'OKTA' } } });
    expect(result.body.id).toMatch(/^00u/);
  });

  it.each([
    ['a duplicate login', { profile: profile('create-true-true@garage.test'), credentials: { password: { value: PASSWORD } } }],
    ['a password that breaks the policy', { profile: profile('weak@garage.test'), credentials: { password: { value: 'short' } } }],
    ['a malformed e-mail', { profile: { ...profile('x@garage.test'), email: 'not-an-email' } }],
    ['a missing profile', {}],
  ])('refuses %s with 400 E0000001', async (_case, body) => {
    const result = await t.admin('POST', '/api/v1/users?activate=true', body);
    expect(result.status).toBe(400);
    expect(result.body.errorCode).toBe('E0000001');
  });

  it('finds users by id or by login and answers 404 E0000007 otherwise', async () => {
    const byLogin = await t.admin('GET', '/api/v1/users/create-true-true@garage.test');
    expect((await t.admin('GET', `/api/v1/users/${byLogin.body.id}`)).body.profile.login).toBe('create-true-true@garage.test');
    expect((await t.admin('GET', '/api/v1/users/00unobody')).body.errorCode).toBe('E0000007');
    expect((await t.admin('GET', '/api/v1/users')).body.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses to activate an ACTIVE user with 403 E0000038', async () => {
    const user = await t.admin('GET', '/api/v1/users/create-true-true@garage.test');
    const result = await t.admin('POST', `/api/v1/users/${user.body.id}/lifecycle/activate?sendEmail=false`);
    expect(result.status).toBe(403);
    expect(result.body.errorCode).toBe('E0000038');
  });

  it('resets factors: the user is notified and must enroll again at next sign-in', async () => {
    const { id } = await t.activeUser('reset@garage.test', { totp: true, locale: 'fr_CA' });
    expect((await signIn(t, 'reset@garage.test')).body.status).toBe('MFA_REQUIRED');
    const pending = await signIn(t, 'reset@garage.test');
    expect((await t.admin('POST', `/api/v1/users/${id}/lifecycle/reset_factors`)).body).toEqual({});
    expect((await t.admin('GET', `/api/v1/users/${id}/factors`)).body).toEqual([]);
    expect((await signIn(t, 'reset@garage.test')).body.status).toBe('MFA_ENROLL');
    expect((await t.post('/api/v1/authn', { stateToken: pending.body.stateToken })).body.errorCode).toBe('E0000011');
    const mail = t.outbox().filter((m) => m.to === 'reset@garage.test').pop();
    expect(mail?.subject).toBe('Votre authentification multifacteur wiTECH 2.0 a été réinitialisée');
  });
});

describe('Factors API', () => {
  it('enrolls a pending TOTP factor that activates with a code, and deletes it', async () => {
    const { id } = await t.activeUser('factors@garage.test');
    const enrolled = await t.admin('POST', `/api/v1/users/${id}/factors`, { factorType: 'token:software:totp', provider: 'OKTA' });
    expect(enrolled.body).toMatchObject({ status: 'PENDING_ACTIVATION', factorType: 'token:software:totp', provider: 'OKTA' });
    const { generateSync } = await import('otplib');
    const passCode = generateSync({ secret: enrolled.body._embedded.activation.sharedSecret });
    const activated = await t.admin('POST', `/api/v1/users/${id}/factors/${enrolled.body.id}/lifecycle/activate`, { passCode });
    expect(activated.body.status).toBe('ACTIVE');
    expect((await t.admin('DELETE', `/api/v1/users/${id}/factors/${enrolled.body.id}`)).status).toBe(204);
    expect((await t.admin('GET', `/api/v1/users/${id}/factors`)).body).toEqual([]);
  });
});
