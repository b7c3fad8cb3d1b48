/**
 * Okta's own client against the identity org: okta-auth-js 8's `idx` module in its default step mode
 * (not legacy), under Node, following only what the org's IDX replies offer. Password sign-in with a
 * Google Authenticator enrollment and a skipped optional enrollment, then a sign-in with TOTP; tokens
 * are exchanged by auth-js itself, which verifies the ID token against `/v1/keys`.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction } from '@okta/okta-auth-js';
import { signIn, totpAt, PASSWORD } from '../../support/local-org/test-org.ts';
import { useIdentityOrg } from '../../support/local-org/identity-org.ts';
import { simulatedDevice } from '../../support/local-org/device-simulator.ts';

// Near real time: auth-js checks `iat`/`exp` against its own clock (5 minutes of skew allowed).
const { clock, org, client } = useIdentityOrg();

/** Step mode hands back the remediation's resolved `relatesTo` (here $.currentAuthenticator). */
function correctAnswerOf(tx: IdxTransaction): string {
  return (tx.nextStep?.relatesTo as unknown as { value: { contextualData: { correctAnswer: string } } }).value.contextualData.correctAnswer;
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('okta-auth-js idx (step mode) against the identity org', () => {
  it('signs in with the password, enrolls Google Authenticator, skips the optional enrollment, then signs in with TOTP', async () => {
    await org().activeUser('idx.tech@garage.test');
    const auth = client();

    let tx = await auth.idx.start();
    expect(tx.status).toBe(IdxStatus.PENDING);
    expect(tx.availableSteps?.map((step) => step.name)).toEqual(['identify', 'currentAuthenticator-recover', 'cancel']);

    tx = await auth.idx.proceed({ step: 'identify', username: 'idx.tech@garage.test', password: PASSWORD });
    expect(tx.status).toBe(IdxStatus.PENDING);
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBeFalsy();
    const offered = (tx.nextStep?.inputs?.[0]?.options ?? []) as unknown as { relatesTo: { key: string } }[];
    expect(offered.map((option) => option.relatesTo.key)).toEqual(['google_otp', 'okta_verify', 'webauthn', 'yubikey_token', 'security_question']);

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    // Step mode hands back the remediation's resolved `relatesTo` (here $.currentAuthenticator).
    const contextual = (tx.nextStep?.relatesTo as { value: { contextualData: unknown } } | undefined)?.value.contextualData as { sharedSecret: string; qrcode: { href: string; method: string } };
    expect(contextual.qrcode.method).toBe('embedded');
    expect(contextual.qrcode.href).toMatch(/^data:image\/png;base64,/);
    const secret = contextual.sharedSecret;

    // A wrong code: the same step again, with Okta's message.
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: '000000' === totpAt(secret, clock) ? '111111' : '000000' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');

    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(secret, clock) });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBe(true);

    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    const tokens = tx.tokens!;
    expect(tokens.idToken?.claims.sub).toMatch(/^00u/);
    expect(tokens.idToken?.claims.iss).toBe(`${org().url}/oauth2/default`);
    expect(tokens.idToken?.claims.aud).toBe(org().org.clients.native);
    expect(tokens.idToken?.claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(tokens.refreshToken?.refreshToken).toBeTruthy();
    expect(payloadOf(tokens.accessToken!.accessToken)).toMatchObject({ cid: org().org.clients.native, aud: 'api://default', sub: 'idx.tech@garage.test', scp: ['openid', 'profile', 'offline_access'] });

    // The ID token verifies against the published keys with a standard JOSE library (besides auth-js's own check).
    const keys = createRemoteJWKSet(new URL(`${org().url}/oauth2/default/v1/keys`));
    const { payload, protectedHeader } = await jwtVerify(tokens.idToken!.idToken, keys, { issuer: `${org().url}/oauth2/default`, audience: org().org.clients.native, currentDate: new Date(clock.nowMs()) });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.preferred_username).toBe('idx.tech@garage.test');
    const access = await jwtVerify(tokens.accessToken!.accessToken, keys, { issuer: `${org().url}/oauth2/default`, audience: 'api://default', currentDate: new Date(clock.nowMs()) });
    expect(access.payload.uid).toBe(payload.sub);

    // Second sign-in: the enrolled authenticator is challenged.
    clock.advance(30_000);
    const again = client();
    await again.idx.start();
    tx = await again.idx.proceed({ step: 'identify', username: 'idx.tech@garage.test', password: PASSWORD });
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    tx = await again.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    tx = await again.idx.proceed({ step: 'challenge-authenticator', verificationCode: totpAt(secret, clock) });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(payloadOf(tx.tokens!.accessToken!.accessToken).sub).toBe('idx.tech@garage.test');
  });

  it('activates a new user from an activation token: password, then Google Authenticator, then tokens', async () => {
    const { token } = await org().provisionedUser('idx.new@garage.test', 'fr_CA');
    const auth = client();
    let tx = await auth.idx.start({ activationToken: token });
    expect(tx.availableSteps?.map((step) => step.name)).toEqual(['select-authenticator-enroll', 'cancel']);

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_password' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', password: 'short' });
    expect(tx.nextStep?.name).toBe('enroll-authenticator');
    expect(tx.messages?.[0]?.i18n?.key).toBe('password.passwordRequirementsNotMet');
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', password: 'Garage-Neuf-2024' });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBeFalsy();

    tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    const secret = ((tx.nextStep?.relatesTo as { value: { contextualData: { sharedSecret: string } } }).value.contextualData).sharedSecret;
    tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(secret, clock) });
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.preferred_username).toBe('idx.new@garage.test');

    // The user is active and the token is spent.
    expect((await org().admin('GET', '/api/v1/users/idx.new@garage.test')).body.status).toBe('ACTIVE');
    await expect(client().idx.start({ activationToken: token })).rejects.toMatchObject({ errorSummary: 'The activation token has already been used' });
  });

  it('signs in with Okta Verify push and the number challenge, answered on the training device', async () => {
    // The device was paired through the Authn API: one store of factors serves both engines.
    await org().activeUser('idx.push@garage.test');
    const start = await signIn(org(), 'idx.push@garage.test');
    const enroll = await org().post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
    const device = simulatedDevice(org().url);
    await device.pair(String(enroll.body._embedded.factor._embedded.activation._links.qrcode.href).split('/').pop() ?? '');
    expect((await org().post(String(enroll.body._links.next.href).replace(org().url, ''), { stateToken: start.body.stateToken })).body.status).toBe('SUCCESS');

    const auth = client();
    await auth.idx.start();
    let tx = await auth.idx.proceed({ step: 'identify', username: 'idx.push@garage.test', password: PASSWORD });
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_verify' });
    expect(tx.nextStep?.name).toBe('challenge-poll');
    expect((tx.nextStep as { refresh?: number }).refresh).toBe(4000);
    const shown = correctAnswerOf(tx);
    expect(shown).toMatch(/^\d{2}$/);

    // Not answered yet: polling keeps the same step.
    tx = await auth.idx.proceed({ step: 'challenge-poll' });
    expect(tx.nextStep?.name).toBe('challenge-poll');

    const [push] = await device.pushes();
    expect(push?.choices).toContain(shown);
    await device.answer(push!.id, shown);
    tx = await auth.idx.proceed({ step: 'challenge-poll' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'mfa']);
  });

  it('comes back to the choice of authenticator with push_rejected when the wrong number is picked', async () => {
    await org().activeUser('idx.deny@garage.test');
    const start = await signIn(org(), 'idx.deny@garage.test');
    const enroll = await org().post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'push', provider: 'OKTA' });
    const device = simulatedDevice(org().url);
    await device.pair(String(enroll.body._embedded.factor._embedded.activation._links.qrcode.href).split('/').pop() ?? '');
    await org().post(String(enroll.body._links.next.href).replace(org().url, ''), { stateToken: start.body.stateToken });

    const auth = client();
    await auth.idx.start();
    await auth.idx.proceed({ step: 'identify', username: 'idx.deny@garage.test', password: PASSWORD });
    let tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_verify' });
    const shown = correctAnswerOf(tx);
    const [push] = await device.pushes();
    await device.answer(push!.id, push!.choices.find((c) => c !== shown)!);
    tx = await auth.idx.proceed({ step: 'challenge-poll' });
    expect(tx.messages?.[0]?.i18n?.key).toBe('api.authn.poll.error.push_rejected');
    // auth-js offers no nextStep after a failed step whose form is gone; the remaining steps are listed.
    expect(tx.availableSteps?.map((step) => step.name)).toEqual(['select-authenticator-authenticate', 'cancel']);
  });

  it('lost phone: support resets the factors, the sign-in in flight ends, and the next sign-in enrolls again', async () => {
    const { id, secret } = await org().activeUser('idx.lost@garage.test', { totp: true });
    const auth = client();
    await auth.idx.start();
    await auth.idx.proceed({ step: 'identify', username: 'idx.lost@garage.test', password: PASSWORD });
    let tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');

    expect((await org().admin('POST', `/api/v1/users/${id}/lifecycle/reset_factors?sendEmail=false`)).status).toBe(200);
    clock.advance(30_000);
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: totpAt(secret!, clock) });
    expect(tx.status).toBe(IdxStatus.TERMINAL);
    expect(tx.messages?.[0]?.i18n?.key).toBe('idx.session.expired');

    const next = client();
    await next.idx.start();
    tx = await next.idx.proceed({ step: 'identify', username: 'idx.lost@garage.test', password: PASSWORD });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    tx = await next.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    const fresh = ((tx.nextStep?.relatesTo as { value: { contextualData: { sharedSecret: string } } }).value.contextualData).sharedSecret;
    expect(fresh).not.toBe(secret);
    tx = await next.idx.proceed({ step: 'enroll-authenticator', verificationCode: totpAt(fresh, clock) });
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await next.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
  });
});
