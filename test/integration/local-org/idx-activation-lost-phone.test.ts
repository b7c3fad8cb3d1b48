/**
 * Okta's own client (okta-auth-js 8 `idx`, default step mode) on an identity org, for two seed paths:
 * activation from the e-mailed link (Identity Engine's `/tokens/{token}/verify`) with the password under
 * the published policy, the security question and Google Authenticator; and the lost phone, where the
 * help request goes through the support console's factor reset and the next sign-in enrolls again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IdxStatus } from '@okta/okta-auth-js';
import { totpAt, PASSWORD } from '../../support/local-org/test-org.ts';
import { useIdentityOrg } from '../../support/local-org/identity-org.ts';
import { consoleClient, type ConsoleClient } from '../../support/local-org/console-browser.ts';

const { clock, org, client } = useIdentityOrg({ policy: { userPerMinute: 1000 } });
let deskSecret = '';

beforeAll(async () => {
  const desk = await org().activeUser('desk@garage.test', { totp: true });
  deskSecret = desk.secret ?? '';
  expect((await org().admin('POST', `/api/v1/users/${desk.id}/roles`, { type: 'HELP_DESK_ADMIN' })).status).toBe(201);
});

type Current = { value: { key: string; settings?: { complexity: Record<string, unknown> }; contextualData?: { sharedSecret?: string; questions?: { questionKey: string }[] } } };
const currentOf = (relatesTo: unknown) => (relatesTo as Current).value;

async function deskConsole(): Promise<ConsoleClient> {
  const browser = consoleClient(org().url);
  expect(await browser.post('/admin/login', { username: 'desk@garage.test', password: PASSWORD })).toMatchObject({ status: 303, location: '/admin/mfa' });
  const factorId = /<option value="([^"]+)"/.exec((await browser.get('/admin/mfa')).html)?.[1] ?? '';
  clock.advance(30_000);
  expect(await browser.post('/admin/mfa', { factorId, passCode: totpAt(deskSecret, clock) }, '/admin/mfa')).toMatchObject({ status: 303, location: '/admin' });
  return browser;
}

describe('activation from the e-mailed link on Identity Engine', () => {
  it('links to /tokens/{token}/verify; the token sets the password (policy published), the security question, then Google Authenticator', async () => {
    const created = await org().admin('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Nadia', lastName: 'Nouvelle', email: 'nadia@garage.test', login: 'nadia@garage.test', locale: 'fr_CA' } });
    expect((await org().admin('POST', `/api/v1/users/${String(created.body.id)}/lifecycle/activate?sendEmail=true`)).status).toBe(200);
    const mail = org().outbox().filter((m) => m.to === 'nadia@garage.test').pop()!;
    const link = mail.links.find((l) => l.startsWith(org().url))!;
    expect(link).toMatch(new RegExp(`^${org().url}/tokens/[A-Za-z0-9]{20}/verify$`));
    expect(mail.links.some((l) => l.includes('/welcome/'))).toBe(false);
    const token = /\/tokens\/([^/]+)\/verify/.exec(link)![1]!;

    // Opening the link in a browser hands the token to the app without spending it.
    const landing = await org().get(`/tokens/${token}/verify`);
    expect(landing.status).toBe(200);
    expect(String(landing.body.text)).toContain(`witech-login://activate?token=${token}`);

    const auth = client();
    let tx = await auth.idx.start({ activationToken: token });
    expect(tx.availableSteps?.map((s) => s.name)).toContain('select-authenticator-enroll');
    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_password' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    // The password form carries the policy the checklist shows (Okta: currentAuthenticator.value.settings).
    expect(currentOf(tx.nextStep?.relatesTo).settings?.complexity).toMatchObject({ minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true });
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', password: 'Garage-Neuf-2024' });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBeFalsy();

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'security_question' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    expect(currentOf(tx.nextStep?.relatesTo).contextualData?.questions?.map((q) => q.questionKey)).toContain('disliked_food');
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', questionKey: 'disliked_food', answer: 'ab' });
    expect(tx.messages?.[0]?.i18n?.key).toBe('securityQuestion.answer.tooShort.arg');
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', questionKey: 'disliked_food', answer: 'les épinards' });
    // The question is not a second factor: Google Authenticator is still required, so no skip yet.
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBeFalsy();

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    const secret = currentOf(tx.nextStep?.relatesTo).contextualData!.sharedSecret!;
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(secret, clock) });
    // The other methods are optional now, and not the question again.
    expect(tx.nextStep?.canSkip).toBe(true);
    const offered = (tx.nextStep?.inputs?.[0]?.options ?? []) as unknown as { relatesTo: { key: string } }[];
    expect(offered.map((o) => o.relatesTo.key)).not.toContain('security_question');
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    const user = await org().admin('GET', '/api/v1/users/nadia@garage.test');
    expect(user.body.status).toBe('ACTIVE');
    const factors = await org().admin('GET', `/api/v1/users/${String(user.body.id)}/factors`);
    expect((factors.body as unknown as { factorType: string }[]).map((f) => f.factorType).sort()).toEqual(['question', 'token:software:totp']);
  });
});

describe('lost phone on Identity Engine', () => {
  it('help request → support console resets the factors → the sign-in in flight ends → the next one enrolls again', async () => {
    const { secret } = await org().activeUser('perdu@garage.test', { totp: true, locale: 'fr_CA' });
    const inFlight = client();
    await inFlight.idx.start();
    await inFlight.idx.proceed({ step: 'identify', username: 'perdu@garage.test', password: PASSWORD });
    let tx = await inFlight.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');

    const request = await org().post('/api/v1/support/requests', { email: 'perdu@garage.test', reason: 'Cannot log in', message: 'J’ai perdu mon téléphone.' });
    expect(request.status).toBe(201);
    const reference = String(request.body.reference);
    const desk = await deskConsole();
    const reset = await desk.post(`/admin/requests/${reference}/action`, { action: 'reset-factors' }, `/admin/requests/${reference}`);
    expect(reset.location).toBe(`/admin/requests/${reference}?done=reset-factors`);
    expect(org().outbox().filter((m) => m.to === 'perdu@garage.test').pop()?.subject).toBe('Votre authentification multifacteur wiTECH 2.0 a été réinitialisée');

    clock.advance(30_000);
    tx = await inFlight.idx.proceed({ step: 'challenge-authenticator', verificationCode: totpAt(secret!, clock) });
    expect(tx.status).toBe(IdxStatus.TERMINAL);
    expect(tx.messages?.[0]?.i18n?.key).toBe('idx.session.expired');

    const next = client();
    await next.idx.start();
    tx = await next.idx.proceed({ step: 'identify', username: 'perdu@garage.test', password: PASSWORD });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBeFalsy();
    tx = await next.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    const fresh = currentOf(tx.nextStep?.relatesTo).contextualData!.sharedSecret!;
    expect(fresh).not.toBe(secret);
    // The old phone's codes are worthless now.
    tx = await next.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(secret!, clock) === totpAt(fresh, clock) ? '000000' : totpAt(secret!, clock) });
    expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');
    tx = await next.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(fresh, clock) });
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await next.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
  });
});
