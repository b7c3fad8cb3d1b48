/**
 * Okta Verify on the identity org, driven by okta-auth-js 8's `idx` module in step mode: enrollment by QR
 * (scanned from the reply's data: PNG, paired on the training device page, `enroll-poll` until paired,
 * `select-enrollment-channel` for a fresh QR), then a push with the number challenge on the device it
 * paired, and the Okta Verify code (`methodType: totp`, `credentials.totp`).
 */
import { describe, expect, it } from 'vitest';
import { IdxStatus, type IdxTransaction } from '@okta/okta-auth-js';
import { PASSWORD, signIn, totpAt, type Json } from '../../support/local-org/test-org.ts';
import { useIdentityOrg } from '../../support/local-org/identity-org.ts';
import { simulatedDevice } from '../../support/local-org/device-simulator.ts';
import { decodeQrDataUrl } from '../../e2e/qr.ts';

const { clock, org, client } = useIdentityOrg();

const currentOf = (tx: IdxTransaction): Json => (tx.rawIdxState as Json).currentAuthenticator?.value;
const pairingCodeOf = (tx: IdxTransaction): string => new URL(decodeQrDataUrl(currentOf(tx).contextualData.qrcode.href)).searchParams.get('code') ?? '';

/** An Okta Verify code seed, set up through the Authn API (the training device shows no codes). */
async function withOvTotp(login: string): Promise<string> {
  const start = await signIn(org(), login);
  const enroll = await org().post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider: 'OKTA' });
  const secret = String(enroll.body._embedded.factor._embedded.activation.sharedSecret);
  const done = await org().post(String(enroll.body._links.next.href).replace(org().url, ''), { stateToken: start.body.stateToken, passCode: totpAt(secret, clock) });
  expect(done.body.status).toBe('SUCCESS');
  clock.advance(30_000);
  return secret;
}

describe('Okta Verify through IDX with okta-auth-js', () => {
  it('enrolls by QR on the training device, then signs in with a push and the number challenge', async () => {
    await org().activeUser('idx.ov@garage.test');
    const auth = client();
    await auth.idx.start();
    await auth.idx.proceed({ step: 'identify', username: 'idx.ov@garage.test', password: PASSWORD });
    let tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_verify' });
    expect(tx.nextStep?.name).toBe('enroll-poll');
    expect((tx.nextStep as { refresh?: number }).refresh).toBe(4000);
    expect(tx.availableSteps?.map((s) => s.name)).toEqual(['enroll-poll', 'select-enrollment-channel', 'select-authenticator-enroll', 'cancel']);
    expect(currentOf(tx)).toMatchObject({ key: 'okta_verify', contextualData: { selectedChannel: 'qrcode', qrcode: { method: 'embedded', type: 'image/png' } } });
    const firstCode = pairingCodeOf(tx);
    expect(decodeQrDataUrl(currentOf(tx).contextualData.qrcode.href)).toBe(`${org().url}/device?code=${firstCode}`);

    // Not scanned yet: the same step.
    tx = await auth.idx.proceed({ step: 'enroll-poll' });
    expect(tx.nextStep?.name).toBe('enroll-poll');

    // "Scan a new code": the first one no longer pairs.
    tx = await auth.idx.proceed({ step: 'select-enrollment-channel', channel: 'qrcode' });
    expect(tx.nextStep?.name).toBe('enroll-poll');
    const code = pairingCodeOf(tx);
    expect(code).not.toBe(firstCode);
    const device = simulatedDevice(org().url);
    expect(await device.pair(firstCode)).toBeGreaterThanOrEqual(400);
    expect(await device.pair(code)).toBe(303);

    tx = await auth.idx.proceed({ step: 'enroll-poll' });
    expect(tx.nextStep?.name).toBe('select-authenticator-enroll');
    expect(tx.nextStep?.canSkip).toBe(true);
    tx = await auth.idx.proceed({ step: 'skip' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'mfa']);

    // Sign-in: the push reaches the device paired through IDX.
    const again = client();
    await again.idx.start();
    await again.idx.proceed({ step: 'identify', username: 'idx.ov@garage.test', password: PASSWORD });
    tx = await again.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_verify' });
    expect(tx.nextStep?.name).toBe('challenge-poll');
    const shown = String((tx.nextStep?.relatesTo as Json).value.contextualData.correctAnswer);
    const [push] = await device.pushes();
    expect(push?.choices).toContain(shown);
    await device.answer(push!.id, shown);
    tx = await again.idx.proceed({ step: 'challenge-poll' });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
  });

  it('signs in with the Okta Verify code: methodType totp, answered as credentials.totp; a wrong code keeps the step', async () => {
    await org().activeUser('idx.ovtotp@garage.test');
    const secret = await withOvTotp('idx.ovtotp@garage.test');
    const auth = client();
    await auth.idx.start();
    let tx = await auth.idx.proceed({ step: 'identify', username: 'idx.ovtotp@garage.test', password: PASSWORD });
    expect(tx.nextStep?.name).toBe('select-authenticator-authenticate');
    const ovOption = (tx.rawIdxState as Json).remediation.value[0].value[0].options.find((o: Json) => o.label === 'Okta Verify');
    const methodField = ovOption.value.form.value.find((f: Json) => f.name === 'methodType');
    expect(methodField.options.map((o: Json) => o.value)).toEqual(['totp']);
    const id = ovOption.value.form.value.find((f: Json) => f.name === 'id').value;

    tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id, methodType: 'totp' } });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    expect(currentOf(tx)).toMatchObject({ key: 'okta_verify', methods: [{ type: 'totp' }] });
    const right = totpAt(secret, clock);
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: right === '000000' ? '111111' : '000000' });
    expect(tx.nextStep?.name).toBe('challenge-authenticator');
    expect(tx.messages?.[0]?.i18n?.key).toBe('authfactor.challenge.soft_token.invalid_passcode');
    tx = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: right });
    expect(tx.status).toBe(IdxStatus.SUCCESS);
    expect(tx.tokens?.idToken?.claims.amr).toEqual(['pwd', 'otp', 'mfa']);
  });

  it('refuses malformed Okta Verify bodies with 400 and Okta keys, never 5xx', async () => {
    await org().activeUser('idx.ovbad@garage.test');
    await withOvTotp('idx.ovbad@garage.test');
    const ION = 'application/ion+json; okta-version=1.0.0';
    const idx = (path: string, body: unknown) => org().post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION });
    const auth = client();
    await auth.idx.start();
    let tx = await auth.idx.proceed({ step: 'identify', username: 'idx.ovbad@garage.test', password: PASSWORD });
    const stateHandle = String((tx.rawIdxState as Json).stateHandle);
    const ovId = (tx.rawIdxState as Json).authenticators.value.find((a: Json) => a.key === 'okta_verify').id;
    for (const methodType of ['sms', 'signed_nonce', 7, 'x'.repeat(40)]) {
      const reply = await idx('challenge', { authenticator: { id: ovId, methodType }, stateHandle });
      expect(reply.status).toBe(400);
    }
    tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: ovId, methodType: 'totp' } });
    const handle = String((tx.rawIdxState as Json).stateHandle);
    for (const credentials of [{ passcode: '123456' }, { totp: 123456 }, { totp: '1'.repeat(40) }, { totp: '123456', extra: 1 }, null, 'x']) {
      const reply = await idx('challenge/answer', { credentials, stateHandle: handle });
      expect(reply.status, JSON.stringify(credentials)).toBe(400);
      expect(reply.body.messages.value[0].i18n.key).toBe('E0000020');
    }
    // Enrollment: an unknown channel, and polling where no enrollment waits.
    const other = client();
    await other.idx.start();
    await org().activeUser('idx.ovchan@garage.test');
    tx = await other.idx.proceed({ step: 'identify', username: 'idx.ovchan@garage.test', password: PASSWORD });
    const h = String((tx.rawIdxState as Json).stateHandle);
    expect((await idx('challenge/poll', { stateHandle: h })).status).toBe(400);
    const enrollId = (tx.rawIdxState as Json).authenticators.value.find((a: Json) => a.key === 'okta_verify').id;
    for (const channel of ['sms', 'email', 5, {}]) expect((await idx('credential/enroll', { authenticator: { id: enrollId, channel }, stateHandle: h })).status).toBe(400);
  });
});
