import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import type { Json } from '../../support/local-org/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg();
});
afterAll(() => t.close());

async function enrollQuestion(login: string, profile: Record<string, string>) {
  await t.activeUser(login);
  const start = await signIn(t, login);
  return t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'question', provider: 'OKTA', profile });
}

describe('security question factor', () => {
  it('publishes the question catalogue through the factor catalogue link', async () => {
    await t.activeUser('catalogue@garage.test');
    const start = await signIn(t, 'catalogue@garage.test');
    const entry = start.body._embedded.factors.find((f: Json) => f.factorType === 'question');
    const questions = await t.get(entry._links.questions.href.replace(t.url, ''));
    expect(questions.body).toEqual(expect.arrayContaining([{ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' }]));
  });

  it('is active at once but does not satisfy the MFA requirement, so MFA_ENROLL continues', async () => {
    const result = await enrollQuestion('question@garage.test', { question: 'favorite_toy', answer: 'Red fire truck' });
    expect(result.body.status).toBe('MFA_ENROLL');
    expect(result.body._embedded.factors.find((f: Json) => f.factorType === 'question').status).toBe('ACTIVE');
    const user = await t.admin('GET', '/api/v1/users/question@garage.test');
    const factors = await t.admin('GET', `/api/v1/users/${user.body.id}/factors`);
    expect(factors.body[0]).toMatchObject({ factorType: 'question', status: 'ACTIVE', profile: { question: 'favorite_toy' } });
    expect(JSON.stringify(factors.body)).not.toContain('fire truck');
  });

  it.each([
    ['an unknown question key', { question: 'favorite_password', answer: 'whatever' }],
    ['an answer under four characters', { question: 'favorite_toy', answer: 'car' }],
    ['a missing answer', { question: 'favorite_toy' }],
  ])('refuses %s with 400 E0000001', async (_case, profile) => {
    const result = await enrollQuestion(`bad-q-${_case.length}@garage.test`, profile);
    expect(result.status).toBe(400);
    expect(result.body.errorCode).toBe('E0000001');
  });

  it('serves as the recovery question, compared trimmed and case-insensitively', async () => {
    await enrollQuestion('recover@garage.test', { question: 'first_computer_game', answer: 'Prince of Persia' });
    await t.post('/api/v1/authn/recovery/password', { username: 'recover@garage.test', factorType: 'EMAIL' });
    const mail = t.outbox().filter((m) => m.to === 'recover@garage.test').pop();
    const recoveryToken = mail?.links.find((l) => l.includes('/signin/reset-password/'))?.split('/').pop() ?? '';
    const recovery = await t.post('/api/v1/authn/recovery/token', { recoveryToken });
    expect(recovery.body._embedded.user.recovery_question.question).toBe('What was the first computer game you played?');
    const answered = await t.post('/api/v1/authn/recovery/answer', { stateToken: recovery.body.stateToken, answer: ' prince OF persia' });
    expect(answered.body.status).toBe('PASSWORD_RESET');
  });
});
