/**
 * Okta's own client library against the local org, unchanged: activation → password → Google
 * Authenticator enrollment → MFA sign-in, following only the links the org publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OktaAuth, type AuthnTransaction, type SigninOptions } from '@okta/okta-auth-js';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';

const clock = manualClock(1_800_000_015_000);
let t: TestOrg;
let auth: OktaAuth;

beforeAll(async () => {
  t = await startTestOrg({ clock });
  auth = new OktaAuth({ issuer: t.url });
});
afterAll(() => t.close());

describe('okta-auth-js 8 authn module', () => {
  it('completes activation, Google Authenticator enrollment and an MFA sign-in', async () => {
    const { token } = await t.provisionedUser('okta.js@garage.test', 'fr_CA');

    const withToken: SigninOptions & { token: string } = { token };
    let tx: AuthnTransaction = await auth.signIn(withToken);
    expect(tx.status).toBe('PASSWORD_RESET');
    expect(tx.recoveryType).toBe('ACCOUNT_ACTIVATION');
    expect(tx.policy?.complexity?.minLength).toBe(8);

    tx = await tx.resetPassword!({ newPassword: PASSWORD });
    expect(tx.status).toBe('MFA_ENROLL');
    const google = tx.factors?.find((f) => f.factorType === 'token:software:totp' && f.provider === 'GOOGLE');
    expect(google).toBeDefined();

    tx = await google!.enroll();
    expect(tx.status).toBe('MFA_ENROLL_ACTIVATE');
    const secret = String(tx.factor?.activation?.sharedSecret);
    expect(tx.factor?.activation?.qrcode?.href).toContain('/qr/');

    tx = await tx.activate!({ passCode: totpAt(secret, clock) });
    expect(tx.status).toBe('SUCCESS');
    expect(tx.sessionToken).toMatch(/^20111/);

    clock.advance(30_000);
    tx = await auth.signInWithCredentials({ username: 'okta.js@garage.test', password: PASSWORD });
    expect(tx.status).toBe('MFA_REQUIRED');
    const enrolled = tx.factors?.[0];
    tx = await enrolled!.verify({ passCode: totpAt(secret, clock) });
    expect(tx.status).toBe('SUCCESS');
    expect(tx.user?.profile?.login).toBe('okta.js@garage.test');
  });

  it('surfaces Okta errors as AuthApiError with the errorCode', async () => {
    await expect(auth.signInWithCredentials({ username: 'nobody@garage.test', password: 'Wrong-Password1' })).rejects.toMatchObject({
      name: 'AuthApiError',
      errorCode: 'E0000004',
    });
  });

  it('resumes, goes back and cancels a transaction', async () => {
    await t.activeUser('resume.js@garage.test');
    let tx = await auth.signInWithCredentials({ username: 'resume.js@garage.test', password: PASSWORD });
    tx = await tx.factors!.find((f) => f.provider === 'OKTA' && f.factorType === 'token:software:totp')!.enroll();
    expect(tx.status).toBe('MFA_ENROLL_ACTIVATE');
    tx = await tx.prev!();
    expect(tx.status).toBe('MFA_ENROLL');
    // okta-auth-js keeps the raw response (and so the stateToken) in `data`, not on the transaction.
    const stateToken = (tx as AuthnTransaction & { data?: { stateToken?: string } }).data?.stateToken;
    expect(stateToken).toMatch(/^00/);
    // Okta's clients resume with POST /api/v1/authn/introspect.
    const resumed = await auth.tx.resume({ stateToken });
    expect(resumed.status).toBe('MFA_ENROLL');
    await tx.cancel!();
    await expect(auth.tx.postToTransaction('/api/v1/authn', { stateToken })).rejects.toMatchObject({ errorCode: 'E0000011' });
  });
});
