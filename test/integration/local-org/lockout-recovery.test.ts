import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock, policy: { userPerMinute: 1000 } });
});
afterAll(() => t.close());

async function lockOut(login: string) {
  const results = [];
  for (let i = 0; i < 10; i += 1) results.push(await signIn(t, login, 'Wrong-Password9'));
  return results;
}

function lastMailTo(login: string) {
  return t.outbox().filter((m) => m.to === login).pop();
}

describe('lockout', () => {
  it('locks the account at the tenth consecutive bad password and answers LOCKED_OUT from then on', async () => {
    const { id } = await t.activeUser('locked@garage.test', { totp: true });
    const results = await lockOut('locked@garage.test');
    expect(results.slice(0, 9).every((r) => r.status === 401 && r.body.errorCode === 'E0000004')).toBe(true);
    expect(results[9]?.body).toMatchObject({ status: 'LOCKED_OUT', _links: { next: { name: 'unlock', href: `${t.url}/api/v1/authn/recovery/unlock` } } });
    expect(results[9]?.body.stateToken).toBeUndefined();
    expect((await signIn(t, 'locked@garage.test')).body.status).toBe('LOCKED_OUT');
    expect((await t.admin('GET', `/api/v1/users/${id}`)).body.status).toBe('LOCKED_OUT');
  });

  it('resets the failure count after a good password', async () => {
    await t.activeUser('careless@garage.test');
    for (let i = 0; i < 9; i += 1) await signIn(t, 'careless@garage.test', 'Wrong-Password9');
    expect((await signIn(t, 'careless@garage.test')).body.status).toBe('MFA_ENROLL');
    expect((await signIn(t, 'careless@garage.test', 'Wrong-Password9')).status).toBe(401);
  });

  it('is lifted by the admin unlock, after which the current password works', async () => {
    const { id } = await t.activeUser('unlockme@garage.test');
    await lockOut('unlockme@garage.test');
    expect((await t.admin('POST', `/api/v1/users/${id}/lifecycle/unlock`)).status).toBe(200);
    expect((await signIn(t, 'unlockme@garage.test')).body.status).toBe('MFA_ENROLL');
    expect((await t.admin('POST', `/api/v1/users/${id}/lifecycle/unlock`)).body.errorCode).toBe('E0000038');
  });
});

describe('self-service unlock and password recovery', () => {
  it('unlocks through the e-mailed recovery token and the recovery question', async () => {
    await t.admin('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Q', lastName: 'R', email: 'selfunlock@garage.test', login: 'selfunlock@garage.test', locale: 'fr_CA' },
      credentials: { password: { value: PASSWORD }, recovery_question: { question: 'first_thing_cooked', answer: 'Crêpes' } },
    });
    await lockOut('selfunlock@garage.test');
    const asked = await t.post('/api/v1/authn/recovery/unlock', { username: 'selfunlock@garage.test', factorType: 'EMAIL' });
    expect(asked.body).toEqual({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'UNLOCK' });
    const mail = lastMailTo('selfunlock@garage.test');
    expect(mail?.subject).toContain('Déverrouillez');
    const recoveryToken = mail?.links.find((l) => l.includes('/signin/user-unlock/'))?.split('/').pop() ?? '';
    const recovery = await t.post('/api/v1/authn/recovery/token', { recoveryToken });
    expect(recovery.body).toMatchObject({ status: 'RECOVERY', recoveryType: 'UNLOCK', _links: { next: { name: 'answer' } } });
    expect(recovery.body._embedded.user.recovery_question.question).toBe('first_thing_cooked');
    const wrong = await t.post('/api/v1/authn/recovery/answer', { stateToken: recovery.body.stateToken, answer: 'pizza' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errorCode).toBe('E0000087');
    const right = await t.post('/api/v1/authn/recovery/answer', { stateToken: recovery.body.stateToken, answer: '  CRÊPES ' });
    expect(right.body).toMatchObject({ status: 'SUCCESS', recoveryType: 'UNLOCK' });
    expect(right.body.sessionToken).toBeUndefined();
    expect((await signIn(t, 'selfunlock@garage.test')).body.status).toBe('MFA_ENROLL');
    expect((await t.post('/api/v1/authn/recovery/token', { recoveryToken })).body.errorCode).toBe('E0000011');
  });

  it('resets a forgotten password through the e-mailed link, then requires MFA', async () => {
    await t.activeUser('forgot@garage.test', { totp: true });
    await t.post('/api/v1/authn/recovery/password', { username: 'forgot@garage.test', factorType: 'EMAIL' });
    const mail = lastMailTo('forgot@garage.test');
    expect(mail?.links.some((l) => l.startsWith('witech-login://recovery?token='))).toBe(true);
    const recoveryToken = mail?.links.find((l) => l.includes('/signin/reset-password/'))?.split('/').pop() ?? '';
    const reset = await t.post('/api/v1/authn/recovery/token', { recoveryToken });
    expect(reset.body).toMatchObject({ status: 'PASSWORD_RESET', recoveryType: 'PASSWORD', _links: { next: { name: 'password' } } });
    const done = await t.post('/api/v1/authn/credentials/reset_password', { stateToken: reset.body.stateToken, newPassword: 'Nouveau-2025' });
    expect(done.body.status).toBe('MFA_REQUIRED');
    expect((await signIn(t, 'forgot@garage.test', 'Nouveau-2025')).body.status).toBe('MFA_REQUIRED');
    expect((await signIn(t, 'forgot@garage.test')).status).toBe(401);
  });

  it('answers an unknown user exactly like a known one and sends nothing', async () => {
    const before = t.outbox().length;
    const result = await t.post('/api/v1/authn/recovery/password', { username: 'ghost@garage.test', factorType: 'EMAIL' });
    expect(result.body).toEqual({ status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' });
    expect(t.outbox()).toHaveLength(before);
  });

  it.each([
    ['an unknown recovery token', 'NOSUCHTOKEN000000000'],
    ['an activation token used as a recovery token', 'activation'],
  ])('refuses %s with 401 E0000011', async (_case, token) => {
    const recoveryToken = token === 'activation' ? (await t.provisionedUser('wrongkind@garage.test')).token : token;
    const result = await t.post('/api/v1/authn/recovery/token', { recoveryToken });
    expect(result.status).toBe(401);
    expect(result.body.errorCode).toBe('E0000011');
  });

  it('expires a recovery token after an hour', async () => {
    await t.activeUser('slow@garage.test');
    await t.post('/api/v1/authn/recovery/password', { username: 'slow@garage.test', factorType: 'EMAIL' });
    const recoveryToken = lastMailTo('slow@garage.test')?.links.find((l) => l.includes('/signin/'))?.split('/').pop() ?? '';
    clock.advance(3600 * 1000);
    expect((await t.post('/api/v1/authn/recovery/token', { recoveryToken })).body.errorCode).toBe('E0000011');
  });
});
