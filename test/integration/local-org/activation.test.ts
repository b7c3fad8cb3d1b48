import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock });
});
afterAll(() => t.close());

describe('activation e-mail', () => {
  it.each([
    ['fr_CA', 'Activez votre compte'],
    ['en_US', 'Activate your'],
  ])('is written to the outbox in the user locale %s with the welcome link and the app link', async (locale, subject) => {
    const login = `mail-${locale}@garage.test`;
    await t.admin('POST', '/api/v1/users?activate=true', { profile: { firstName: 'Eve', lastName: 'Mail', email: login, login, locale } });
    const mail = t.outbox().find((m) => m.to === login);
    expect(mail?.subject).toContain(subject);
    const welcome = mail?.links.find((link) => link.startsWith(`${t.url}/welcome/`));
    const token = welcome?.split('/').pop() ?? '';
    expect(token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(mail?.links).toContain(`witech-login://activate?token=${token}`);
    expect((await t.post('/api/v1/authn', { token })).body.status).toBe('PASSWORD_RESET');
  });
});

describe('activation token', () => {
  it('opens PASSWORD_RESET with recoveryType ACCOUNT_ACTIVATION and the password policy', async () => {
    const { token } = await t.provisionedUser('policy@garage.test');
    const { status, body } = await t.post('/api/v1/authn', { token });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION' });
    expect(body._embedded.policy.complexity).toMatchObject({ minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true });
    expect(body._links.next).toMatchObject({ name: 'resetPassword', href: `${t.url}/api/v1/authn/credentials/reset_password` });
  });

  it('moves to MFA_ENROLL once a compliant password is set, and the user becomes ACTIVE', async () => {
    const { id, token } = await t.provisionedUser('newcomer@garage.test');
    const { body } = await t.post('/api/v1/authn', { token });
    const reset = await t.post('/api/v1/authn/credentials/reset_password', {
      stateToken: body.stateToken,
      newPassword: PASSWORD,
      recoveryQuestion: { question: 'first_thing_cooked', answer: 'Pancakes' },
      securityImage: 'spark-plug',
    });
    expect(reset.body.status).toBe('MFA_ENROLL');
    expect(reset.body.recoveryType).toBeUndefined();
    const user = await t.admin('GET', `/api/v1/users/${id}`);
    expect(user.body.status).toBe('ACTIVE');
    expect(user.body.credentials.recovery_question.question).toBe('first_thing_cooked');
    const image = await t.get('/login/getimage?username=newcomer%40garage.test');
    expect(image.body.pwdImg).toBe(`${t.url}/img/security/spark-plug.svg`);
  });

  it.each([
    ['too short', 'Ab1defg'],
    ['without a lower-case letter', 'ATELIER-2024'],
    ['without an upper-case letter', 'atelier-2024'],
    ['without a digit', 'Atelier-deux'],
    ['containing the username', 'Xvalid.person99'],
  ])('refuses a password %s with 403 E0000080 and keeps the transaction', async (_case, newPassword) => {
    const { token } = await t.provisionedUser(`valid.person-${newPassword.length}-${_case.length}@garage.test`);
    const { body } = await t.post('/api/v1/authn', { token });
    const reset = await t.post('/api/v1/authn/credentials/reset_password', { stateToken: body.stateToken, newPassword });
    expect(reset.status).toBe(403);
    expect(reset.body.errorCode).toBe('E0000080');
    expect(reset.body.errorCauses[0].errorSummary).toContain('at least 8 characters');
    expect((await t.post('/api/v1/authn', { stateToken: body.stateToken })).body.status).toBe('PASSWORD_RESET');
  });

  it.each([
    ['an unknown security image', { securityImage: 'unicorn' }],
    ['a too-short recovery answer', { recoveryQuestion: { question: 'favorite_toy', answer: 'ab' } }],
  ])('refuses %s with 400 E0000001', async (_case, extra) => {
    const { token } = await t.provisionedUser(`extras-${_case.length}@garage.test`);
    const { body } = await t.post('/api/v1/authn', { token });
    const reset = await t.post('/api/v1/authn/credentials/reset_password', { stateToken: body.stateToken, newPassword: PASSWORD, ...extra });
    expect(reset.status).toBe(400);
    expect(reset.body.errorCode).toBe('E0000001');
  });

  it('refuses reset_password outside PASSWORD_RESET with 403 E0000079', async () => {
    await t.activeUser('active@garage.test');
    const { body } = await t.post('/api/v1/authn', { username: 'active@garage.test', password: PASSWORD });
    const reset = await t.post('/api/v1/authn/credentials/reset_password', { stateToken: body.stateToken, newPassword: 'Another-2025' });
    expect(reset.status).toBe(403);
    expect(reset.body.errorCode).toBe('E0000079');
  });

  it('is single use: a replay gets 401 E0000004 with the reason ACTIVATION_TOKEN_USED', async () => {
    const { token } = await t.provisionedUser('replay@garage.test');
    expect((await t.post('/api/v1/authn', { token })).status).toBe(200);
    const replay = await t.post('/api/v1/authn', { token });
    expect(replay.status).toBe(401);
    expect(replay.body.errorCode).toBe('E0000004');
    expect(replay.body.errorCauses[0].reason).toBe('ACTIVATION_TOKEN_USED');
  });

  it('expires after seven days with the reason ACTIVATION_TOKEN_EXPIRED', async () => {
    const { token } = await t.provisionedUser('late@garage.test');
    clock.advance(7 * 24 * 3600 * 1000);
    const late = await t.post('/api/v1/authn', { token });
    expect(late.status).toBe(401);
    expect(late.body.errorCauses[0].reason).toBe('ACTIVATION_TOKEN_EXPIRED');
  });

  it('is superseded by a newer activation: the old token reports ACTIVATION_TOKEN_EXPIRED', async () => {
    const { id, token } = await t.provisionedUser('twice@garage.test');
    const again = await t.admin('POST', `/api/v1/users/${id}/lifecycle/reactivate?sendEmail=false`);
    expect((await t.post('/api/v1/authn', { token })).body.errorCauses[0].reason).toBe('ACTIVATION_TOKEN_EXPIRED');
    expect((await t.post('/api/v1/authn', { token: again.body.activationToken })).body.status).toBe('PASSWORD_RESET');
  });

  it('reports ACTIVATION_TOKEN_INVALID for a token that was never issued', async () => {
    const result = await t.post('/api/v1/authn', { token: 'AAAAAAAAAAAAAAAAAAAA' });
    expect(result.status).toBe(401);
    expect(result.body.errorCauses[0].reason).toBe('ACTIVATION_TOKEN_INVALID');
  });

  it('lets exactly one of many concurrent redemptions win', async () => {
    const { token } = await t.provisionedUser('race@garage.test');
    const results = await Promise.all(Array.from({ length: 12 }, () => t.post('/api/v1/authn', { token })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401 && r.body.errorCauses[0].reason === 'ACTIVATION_TOKEN_USED')).toHaveLength(11);
  });

  it('signs in a user created with a password straight into MFA_ENROLL', async () => {
    const created = await t.admin('POST', '/api/v1/users?activate=false', {
      profile: { firstName: 'P', lastName: 'W', email: 'haspw@garage.test', login: 'haspw@garage.test' },
      credentials: { password: { value: PASSWORD } },
    });
    const activation = await t.admin('POST', `/api/v1/users/${created.body.id}/lifecycle/activate?sendEmail=false`);
    expect((await t.post('/api/v1/authn', { token: activation.body.activationToken })).body.status).toBe('MFA_ENROLL');
  });
});

describe('welcome page', () => {
  it('hands the token to the app without redeeming it', async () => {
    const { token } = await t.provisionedUser('browser@garage.test');
    const page = await t.get(`/welcome/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.text).toContain(`witech-login://activate?token=${token}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await t.post('/api/v1/authn', { token })).status).toBe(200);
  });
});
