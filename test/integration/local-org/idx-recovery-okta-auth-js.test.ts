/**
 * Okta's own client (okta-auth-js 8 `idx`, default step mode) through the identity org's recovery paths:
 * forgot password by e-mail code (recover → identify-recovery → e-mail → code → reset-authenticator →
 * the sign-in goes on), self-service unlock by e-mail code, and the rules shared with the Classic side
 * (single-use codes, the transaction's passcode limit, the per-login recovery budget, no enumeration).
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction, type OktaAuth } from '@okta/okta-auth-js';
import { signIn, totpAt, PASSWORD } from '../../support/local-org/test-org.ts';
import { useIdentityOrg } from '../../support/local-org/identity-org.ts';

const { clock, org, client } = useIdentityOrg();

/** The code of the newest e-mail to `login`, or undefined. */
function lastCode(login: string): string | undefined {
  const mails = org().outbox().filter((m) => m.to.includes(login));
  return /\b(\d{6})\b/.exec(mails.at(-1)?.text ?? '')?.[1];
}

function mailCount(login: string): number {
  return org().outbox().filter((m) => m.to.includes(login)).length;
}

function stepNames(tx: IdxTransaction): string[] {
  return (tx.availableSteps ?? []).map((s) => s.name);
}

async function startRecovery(login: string): Promise<{ auth: OktaAuth; tx: IdxTransaction }> {
  const auth = client();
  // The flow is what the widget's "Forgot password?" sets: auth-js then maps `username` onto identify-recovery.
  let tx = await auth.idx.start({ flow: 'recoverPassword' });
  expect(stepNames(tx)).toContain('currentAuthenticator-recover');
  tx = await auth.idx.proceed({ actions: ['currentAuthenticator-recover'] });
  expect(tx.nextStep?.name).toBe('identify-recovery');
  tx = await auth.idx.proceed({ step: 'identify-recovery', username: login });
  expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
  tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
  expect(tx.nextStep?.name).toBe('challenge-authenticator');
  return { auth, tx };
}

describe('okta-auth-js idx: password recovery and unlock by e-mail', () => {
  it('resets a forgotten password with the e-mailed code, then the sign-in asks for the second factor', async () => {
    const { secret } = await org().activeUser('rec.tech@garage.test', { totp: true, locale: 'fr_CA' });
    const { auth, tx: challenged } = await startRecovery('rec.tech@garage.test');
    const current = challenged.nextStep?.relatesTo as unknown as { value: { key: string; profile: { email: string } } };
    expect(current.value.key).toBe('okta_email');
    expect(current.value.profile.email).toBe('r***h@g***e.test');
    expect(stepNames(challenged)).toEqual(expect.arrayContaining(['currentAuthenticatorEnrollment-resend', 'currentAuthenticatorEnrollment-poll']));
    const mail = org().outbox().at(-1)!;
    expect(mail.subject).toBe('Réinitialisez votre mot de passe wiTECH 2.0');
    const code = lastCode('rec.tech@garage.test')!;

    let tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code === '000000' ? '111111' : '000000' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');

    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
    expect(tx.nextStep?.name).toBe('reset-authenticator');
    const settings = (tx.nextStep?.relatesTo as unknown as { value: { settings: { complexity: { minLength: number } } } }).value.settings;
    expect(settings.complexity.minLength).toBe(8);

    tx = await auth.idx.proceed({ step: 'reset-authenticator', password: 'court' });
    expect(tx.nextStep?.name).toBe('reset-authenticator');
    expect(tx.messages?.[0]?.i18n?.key).toBe('password.passwordRequirementsNotMet');

    tx = await auth.idx.proceed({ step: 'reset-authenticator', password: 'Nouveau-Mot-2025' });
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: totpAt(secret!, clock) });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['email', 'pwd', 'otp', 'mfa']);

    // The new password works on both engines' doors; the old one no longer does.
    expect((await signIn(org(), 'rec.tech@garage.test', 'Nouveau-Mot-2025')).body.status).toBe('MFA_REQUIRED');
    expect((await signIn(org(), 'rec.tech@garage.test', PASSWORD)).status).toBe(401);
  });

  it('a code works once, and resend replaces it', async () => {
    await org().activeUser('rec.once@garage.test');
    const { auth } = await startRecovery('rec.once@garage.test');
    const first = lastCode('rec.once@garage.test')!;
    const sent = mailCount('rec.once@garage.test');
    let tx = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    const second = lastCode('rec.once@garage.test')!;
    expect(mailCount('rec.once@garage.test')).toBe(sent + 1);
    if (first !== second) {
      tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: first });
      expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');
    }
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: second });
    expect(tx.nextStep?.name).toBe('reset-authenticator');

  });

  it('an unknown login gets the same steps, no e-mail, and no code ever matches', async () => {
    const before = org().outbox().length;
    const { auth, tx: challenged } = await startRecovery('nobody@garage.test');
    expect((challenged.nextStep?.relatesTo as unknown as { value: { key: string } }).value.key).toBe('okta_email');
    expect(org().outbox().length).toBe(before);
    const tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: '123456' });
    expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');
  });

  it('five wrong codes end the transaction, as on the Classic side', async () => {
    await org().activeUser('rec.guess@garage.test');
    const { auth } = await startRecovery('rec.guess@garage.test');
    const code = lastCode('rec.guess@garage.test')!;
    const wrong = code === '000000' ? '111111' : '000000';
    let tx: IdxTransaction | undefined;
    for (let i = 0; i < 4; i += 1) tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: wrong });
    expect(tx?.nextStep?.name).toBe('challenge-authenticator');
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: wrong });
    expect(tx.status).toBe(IdxStatus.TERMINAL);
    expect(tx.messages?.[0]?.i18n?.key).toBe('authfactor.challenge.suspended_factor');
  });

  it('shares the per-login recovery budget with the Classic API', async () => {
    await org().activeUser('rec.budget@garage.test');
    for (let i = 0; i < 5; i += 1) expect((await org().post('/api/v1/authn/recovery/password', { username: 'rec.budget@garage.test', factorType: 'EMAIL' })).status).toBe(200);
    const auth = client();
    await auth.idx.start({ flow: 'recoverPassword' });
    await auth.idx.proceed({ actions: ['currentAuthenticator-recover'] });
    const tx = await auth.idx.proceed({ step: 'identify-recovery', username: 'rec.budget@garage.test' });
    expect(tx.messages?.[0]?.i18n?.key).toBe('tooManyRequests');
    clock.advance(61_000);
  });

  it('unlocks a locked account with the e-mailed code; the password works again', async () => {
    await org().activeUser('rec.locked@garage.test');
    for (let i = 0; i < 10; i += 1) await org().post('/api/v1/authn', { username: 'rec.locked@garage.test', password: 'Wrong-Password-1' });
    expect((await signIn(org(), 'rec.locked@garage.test')).body.status).toBe('LOCKED_OUT');

    const auth = client();
    let tx = await auth.idx.start({ flow: 'unlockAccount' });
    expect(tx.rawIdxState.remediation?.value?.map((r) => r.name)).toContain('unlock-account');
    tx = await auth.idx.proceed({ step: 'unlock-account' });
    expect(tx.nextStep?.name).toBe('select-authenticator-unlock-account');
    tx = await auth.idx.proceed({ step: 'select-authenticator-unlock-account', username: 'rec.locked@garage.test', authenticator: 'okta_email' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    const mail = org().outbox().at(-1)!;
    expect(mail.subject).toBe('Unlock your wiTECH 2.0 account');
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: lastCode('rec.locked@garage.test')! });
    expect(tx.status).toBe(IdxStatus.TERMINAL);
    expect(tx.messages?.[0]?.i18n?.key).toBe('oie.selfservice.unlock_user.success.message');
    expect((await org().admin('GET', '/api/v1/users/rec.locked@garage.test')).body.status).toBe('ACTIVE');
    expect((await signIn(org(), 'rec.locked@garage.test')).body.status).toBe('MFA_ENROLL');
  });

  it('unlock for an account that is not locked sends nothing and unlocks nothing', async () => {
    await org().activeUser('rec.fine@garage.test');
    const before = mailCount('rec.fine@garage.test');
    const auth = client();
    await auth.idx.start({ flow: 'unlockAccount' });
    await auth.idx.proceed({ step: 'unlock-account' });
    const tx = await auth.idx.proceed({ step: 'select-authenticator-unlock-account', username: 'rec.fine@garage.test', authenticator: 'okta_email' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    expect(mailCount('rec.fine@garage.test')).toBe(before);
  });

  it('the e-mailed reset link works as a recovery token on /v1/interact: straight to the new password, once', async () => {
    await org().activeUser('rec.link@garage.test');
    expect((await org().post('/api/v1/authn/recovery/password', { username: 'rec.link@garage.test', factorType: 'EMAIL' })).status).toBe(200);
    const link = org().outbox().filter((m) => m.to === 'rec.link@garage.test').pop()!.links.find((l) => l.includes('/signin/reset-password/'))!;
    const recoveryToken = link.split('/').pop()!;
    const auth = client();
    let tx = await auth.idx.start({ recoveryToken, flow: 'recoverPassword' });
    expect(tx.availableSteps?.map((s) => s.name)).toContain('reset-authenticator');
    tx = await auth.idx.proceed({ step: 'reset-authenticator', password: 'Lien-Courriel-2025' });
    // No second factor enrolled yet: the org's policy asks for one before any token.
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect((await signIn(org(), 'rec.link@garage.test', 'Lien-Courriel-2025')).body.status).toBe('MFA_ENROLL');
    await expect(client().idx.start({ recoveryToken })).rejects.toMatchObject({ errorSummary: 'The recovery token is invalid' });
  });

  it('the e-mail’s link, once confirmed, moves the polling client on; a GET alone spends nothing; a resend kills the old link', async () => {
    await org().activeUser('rec.magic@garage.test', { locale: 'fr_CA' });
    const { auth } = await startRecovery('rec.magic@garage.test');
    const linkOf = () => org().outbox().filter((m) => m.to === 'rec.magic@garage.test').pop()!.links.find((l) => l.includes('/email/verify/'))!;
    const old = linkOf().replace(org().url, '');
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

    let tx = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    const link = linkOf().replace(org().url, '');
    expect(link).not.toBe(old);
    expect((await org().post(old, '', form)).status).toBe(410);

    const landing = await org().get(link);
    expect(landing.status).toBe(200);
    expect(String(landing.body.text)).toContain('Confirmez votre courriel');
    tx = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-poll'] });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');

    const confirmed = await org().post(link, '', form);
    expect(confirmed.status).toBe(200);
    expect(String(confirmed.body.text)).toContain('email-link-confirmed');
    expect((await org().post(link, '', form)).status).toBe(410);
    tx = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-poll'] });
    expect(tx.nextStep?.name).toBe('reset-authenticator');
  });
});
