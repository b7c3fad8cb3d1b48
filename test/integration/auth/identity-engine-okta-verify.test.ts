/**
 * The app's Identity Engine client and Okta Verify, end to end against the identity org through the
 * handlers the renderer calls: enrollment shows the same push activation view as Classic (a QR image,
 * factorResult WAITING, then `auth.poll` until the phone pairs), sign-in with a push shows the number to
 * pick, and the Okta Verify code answers as `credentials.totp`. IDX only, never `/api/v1/authn`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrDataUrl } from '../../e2e/qr.ts';
import { identityApp, registerLoopbackClient, type IdentityApp } from '../../support/identity-app.ts';
import { simulatedDevice } from '../../support/local-org/device-simulator.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';
import { manualClock } from '../../../main/core/clock.ts';

const clock = manualClock(Date.now());
let t: TestOrg;
let clientId = '';
const apps: IdentityApp[] = [];

beforeAll(async () => {
  t = await startTestOrg({ engine: 'identity', clock });
  clientId = await registerLoopbackClient(t);
});
afterAll(async () => {
  await t.close();
  for (const a of apps) a.dispose();
});

function app(): IdentityApp {
  const made = identityApp(t, clientId);
  apps.push(made);
  return made;
}

describe('the app on an Identity Engine org: Okta Verify', () => {
  it('enrolls by QR (the Classic push activation view), then signs in with a push and the number challenge', async () => {
    const login = 'idx.app.ov@garage.test';
    await t.activeUser(login);
    const { app: { handlers }, paths } = app();
    const first = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(first.ok && first.value.factors?.map((f) => f.kind)).toContain('push-okta');

    const enrolling = await handlers['auth.enroll']({ kind: 'push-okta' });
    expect(enrolling).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'push-okta' }, factorResult: 'WAITING', activation: { kind: 'push' } } });
    if (!enrolling.ok || enrolling.value.activation?.kind !== 'push') throw new Error('no push activation');
    const code = new URL(decodeQrDataUrl(enrolling.value.activation.qrDataUrl)).searchParams.get('code') ?? '';

    expect(await handlers['auth.poll']({})).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING' } });
    const device = simulatedDevice(t.url);
    expect(await device.pair(code)).toBe(303);
    expect(await handlers['auth.poll']({})).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });

    await handlers['auth.cancel']({});
    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const push = again.ok ? again.value.factors?.find((f) => f.kind === 'push-okta') : undefined;
    expect(push?.id).toMatch(/^aut.+-push$/);
    const waiting = await handlers['auth.verify']({ factorId: push?.id ?? '' });
    expect(waiting).toMatchObject({ ok: true, value: { status: 'MFA_CHALLENGE', factor: { kind: 'push-okta' }, factorResult: 'WAITING' } });
    const shown = waiting.ok ? waiting.value.correctAnswer : undefined;
    expect(shown).toBeGreaterThanOrEqual(10);
    const [pending] = await device.pushes();
    await device.answer(pending!.id, String(shown));
    expect(await handlers['auth.poll']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
    expect(paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
    expect(paths).toContain('/idp/idx/challenge/poll');
    expect(paths).toContain('/idp/idx/authenticators/poll');
  });

  it('a push denied on the phone stays on the push screen as REJECTED, as on Classic, and "send again" sends a new one', async () => {
    const login = 'idx.app.deny@garage.test';
    await t.activeUser(login);
    const { app: { handlers } } = app();
    await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const enrolling = await handlers['auth.enroll']({ kind: 'push-okta' });
    if (!enrolling.ok || enrolling.value.activation?.kind !== 'push') throw new Error('no push activation');
    const device = simulatedDevice(t.url);
    await device.pair(new URL(decodeQrDataUrl(enrolling.value.activation.qrDataUrl)).searchParams.get('code') ?? '');
    await handlers['auth.poll']({});
    await handlers['auth.skip']({});
    await handlers['auth.cancel']({});

    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const push = again.ok ? again.value.factors?.find((f) => f.kind === 'push-okta') : undefined;
    await handlers['auth.verify']({ factorId: push?.id ?? '' });
    const [first] = await device.pushes();
    await device.answer(first!.id, 'deny');
    const denied = await handlers['auth.poll']({});
    expect(denied).toMatchObject({ ok: true, value: { status: 'MFA_CHALLENGE', factor: { kind: 'push-okta', id: push?.id }, factorResult: 'REJECTED' } });
    expect(denied.ok && denied.value.correctAnswer).toBeUndefined();

    const resent = await handlers['auth.resend']({});
    expect(resent).toMatchObject({ ok: true, value: { status: 'MFA_CHALLENGE', factor: { kind: 'push-okta' }, factorResult: 'WAITING' } });
    const [second] = await device.pushes();
    expect(second?.id).not.toBe(first?.id);
    await device.answer(second!.id, String(resent.ok ? resent.value.correctAnswer : ''));
    expect(await handlers['auth.poll']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });

  it('Back during the enrollment shows the choice again (the screens\' Back on both engines); choosing Okta Verify again gives a new QR', async () => {
    const login = 'idx.app.back@garage.test';
    await t.activeUser(login);
    const { app: { handlers } } = app();
    await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const first = await handlers['auth.enroll']({ kind: 'push-okta' });
    const back = await handlers['auth.previous']({});
    expect(back).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(back.ok && back.value.factors?.map((f) => f.kind)).toEqual(['totp-google', 'push-okta', 'webauthn', 'yubikey-otp', 'question']);
    const second = await handlers['auth.enroll']({ kind: 'push-okta' });
    const qr = (r: typeof first) => (r.ok && r.value.activation?.kind === 'push' ? decodeQrDataUrl(r.value.activation.qrDataUrl) : '');
    expect(qr(second)).toMatch(/\/device\?code=/);
    expect(qr(second)).not.toBe(qr(first));
  });

  it('signs in with the Okta Verify code, offered beside push as on Classic', async () => {
    const login = 'idx.app.ovtotp@garage.test';
    await t.activeUser(login);
    // The code seed comes from the Authn API (the training device shows no codes): one store for both engines.
    const start = await signIn(t, login);
    const enroll = await t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:software:totp', provider: 'OKTA' });
    const secret = String(enroll.body._embedded.factor._embedded.activation.sharedSecret);
    await t.post(String(enroll.body._links.next.href).replace(t.url, ''), { stateToken: start.body.stateToken, passCode: totpAt(secret, clock) });
    clock.advance(30_000);

    const { app: { handlers } } = app();
    const required = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const code = required.ok ? required.value.factors?.find((f) => f.kind === 'totp-okta') : undefined;
    expect(code?.id).toMatch(/-totp$/);
    const wrong = totpAt(secret, clock) === '000000' ? '111111' : '000000';
    expect(await handlers['auth.verify']({ factorId: code?.id ?? '', passCode: wrong })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE' } });
    expect(await handlers['auth.verify']({ factorId: code?.id ?? '', passCode: totpAt(secret, clock) })).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });
});
