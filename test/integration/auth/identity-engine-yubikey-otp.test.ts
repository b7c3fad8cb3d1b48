/**
 * The app's Identity Engine client and a YubiKey OTP, end to end against the identity org: the handlers the
 * renderer calls (`auth.enroll {kind:'yubikey-otp', otp}`, `auth.verify {factorId, otp}`), the views Classic
 * gives (MFA_ENROLL → MFA_ENROLL, MFA_REQUIRED → SUCCESS), typed errors for a malformed, refused or replayed
 * OTP, and only `/idp/idx` and OAuth called. A key enrolled by the app on Identity Engine then signs in on the
 * Authn API, and its spent OTPs stay spent there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityApp, registerLoopbackClient, type IdentityApp } from '../../support/identity-app.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type Json, type TestOrg } from '../../support/local-org/test-org.ts';
import { yubicoOtp, type KeySeed } from '../../support/local-org/yubikey-otp-generator.ts';

let t: TestOrg;
let clientId = '';
const apps: IdentityApp[] = [];
const KEY: KeySeed = { publicId: 'vvccccbttkev', privateId: '0a1b2c3d4e5f', aesKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' };
const SPARE: KeySeed = { publicId: 'vvccccbttkeb', privateId: '5f4e3d2c1b0a', aesKey: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' };

beforeAll(async () => {
  t = await startTestOrg({ engine: 'identity' });
  clientId = await registerLoopbackClient(t);
  await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: '8001', ...KEY });
  await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: '8002', ...SPARE });
});
afterAll(async () => {
  await t.close();
  for (const a of apps) a.dispose();
});

function app() {
  const made = identityApp(t, clientId);
  apps.push(made);
  return { handlers: made.app.handlers, paths: made.paths };
}

describe('the app on an Identity Engine org: YubiKey OTP', () => {
  it('enrolls with the OTP the key types and signs in with the next one, through IDX only; bad OTPs are typed errors', async () => {
    const login = 'idx.app.otp@garage.test';
    await t.activeUser(login);
    const { handlers, paths } = app();

    const first = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(first.ok && first.value.factors?.map((f) => f.kind)).toContain('yubikey-otp');
    // Not a key's code at all: refused by main before the org is asked.
    const before = paths.length;
    expect(await handlers['auth.enroll']({ kind: 'yubikey-otp', otp: 'not a key code' })).toMatchObject({ ok: false, error: { code: 'E_YUBIKEY_OTP_SHAPE' } });
    expect(paths.length).toBe(before);
    // A key code from a key the org does not know (same shape, wrong key): the org refuses it, the technician stays on the choice.
    const stranger = yubicoOtp({ ...KEY, publicId: 'vvcccccccccc' }, 1, 0);
    expect(await handlers['auth.enroll']({ kind: 'yubikey-otp', otp: stranger })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE' } });
    expect(await handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });

    const enrolled = await handlers['auth.enroll']({ kind: 'yubikey-otp', otp: yubicoOtp(KEY, 1, 0) });
    expect(enrolled).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(enrolled.ok && enrolled.value.factors?.find((f) => f.kind === 'yubikey-otp')).toMatchObject({ enrolled: true });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });

    await handlers['auth.cancel']({});
    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const key = again.ok ? again.value.factors?.find((f) => f.kind === 'yubikey-otp') : undefined;
    expect(again).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
    expect(key?.id).toMatch(/^aut/);
    const factorId = key?.id ?? '';
    expect(await handlers['auth.verify']({ factorId, otp: yubicoOtp(KEY, 1, 0) })).toMatchObject({ ok: false, error: { code: 'E_AUTH_PASSCODE_REPLAYED' } });
    expect(await handlers['auth.verify']({ factorId, otp: 'cccccccccccc' })).toMatchObject({ ok: false, error: { code: 'E_YUBIKEY_OTP_SHAPE' } });
    // Caps lock on: the key types upper case; main normalises it, as on Classic.
    expect(await handlers['auth.verify']({ factorId, otp: yubicoOtp(KEY, 2, 0).toUpperCase() })).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
    expect(paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
    expect(paths).toContain('/idp/idx/challenge/answer');

    // One store of keys: the Authn API takes the next OTP of this key and refuses the ones IDX spent.
    const start = await signIn(t, login);
    const factor = start.body._embedded.factors.find((f: Json) => f.factorType === 'token:hardware');
    const verify = (otp: string) => t.post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: start.body.stateToken, passCode: otp });
    expect((await verify(yubicoOtp(KEY, 2, 0))).body.errorCode).toBe('E0000082');
    expect((await verify(yubicoOtp(KEY, 3, 0))).body.status).toBe('SUCCESS');
  });

  it('after a refused OTP for an optional YubiKey, Finish still ends the setup, as on Classic', async () => {
    const login = 'idx.app.otp.optional@garage.test';
    await t.activeUser(login);
    const { handlers } = app();
    await handlers['auth.signIn']({ username: login, password: PASSWORD });
    // The required method first: Google Authenticator.
    await handlers['auth.enroll']({ kind: 'totp-google' });
    const setup = await handlers['auth.totpSetup']({});
    if (!setup.ok) throw new Error(setup.error.code);
    expect(await handlers['auth.activate']({ passCode: totpAt(setup.value.manualKey, undefined) })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    // Then the optional YubiKey, with a code from a key the org does not know.
    const stranger = yubicoOtp({ ...SPARE, publicId: 'vvcccccccccc' }, 1, 0);
    expect(await handlers['auth.enroll']({ kind: 'yubikey-otp', otp: stranger })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE' } });
    expect(await handlers['auth.state']({})).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });
});
