/**
 * The Identity Engine client on YubiKey OTP replies shaped like Okta's recorded ones (Sign-In Widget
 * `playground/mocks/data/idp/idx/authenticator-enroll-yubikey.json`, `authenticator-verification-yubikey.json`:
 * key `yubikey_token`, type `security_key`, method `otp`; the current enrollment without `authenticatorId`):
 * the technician gets Classic's views (kind `yubikey-otp`, MFA_ENROLL → MFA_ENROLL after a refused OTP) and
 * the OTP goes back as okta-auth-js sends a code, `credentials.passcode`.
 */
import { describe, expect, it } from 'vitest';
import { ORG, scriptedIdxService, type Reply } from './scripted-org.ts';

const OTP = 'vvccccbijklnhknhfjbrjnlnldnhcujvddbikngjrtgh';
const idx = (body: Record<string, unknown>, status = 200): Reply => ({ status, body: { version: '1.0.0', expiresAt: '2026-05-01T10:15:00.000Z', ...body } });
const form = (name: string, path: string, fields: unknown[] = [], extra: Record<string, unknown> = {}) => ({ rel: ['create-form'], name, href: `${ORG}/idp/idx/${path}`, method: 'POST', value: [...fields, { name: 'stateHandle', value: 'x', mutable: false }], ...extra });
const option = (id: string, methodType: string, relatesTo: string, label: string) => ({ label, relatesTo, value: { form: { value: [{ name: 'id', value: id, mutable: false }, { name: 'methodType', value: methodType, mutable: false }] } } });
const interact: Reply = { status: 200, body: { interaction_handle: 'ih-1' } };
const identify = idx({ stateHandle: '02.a', remediation: { value: [form('identify', 'identify', [{ name: 'identifier' }, { name: 'credentials', form: { value: [{ name: 'passcode' }] } }])] } });
const passcodeField = (messages?: unknown) => ({ name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label: 'Insert then tap your YubiKey', required: true, secret: true, ...(messages ? { messages } : {}) }] } });

const YUBIKEY = { type: 'security_key', key: 'yubikey_token', id: 'aut10faWWbNaNWBaH0g4', displayName: 'Yubikey Authenticator', methods: [{ type: 'otp' }] };
const GOOGLE = { type: 'app', key: 'google_otp', id: 'autG', displayName: 'Google Authenticator', methods: [{ type: 'otp' }] };
const ENROLLMENT = { ...YUBIKEY, id: 'ykf16jdolQhTHA5yp0g4', credentialId: 'ykk16jcmwubVpX5960g4' };
const user = { value: { id: '00u12iwg7zlRVxEQU0g4', identifier: 'ana@garage.test' } };

const enrollChoice = (handle: string, skip = false) => idx({
  stateHandle: handle,
  remediation: {
    value: [
      form('select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', type: 'object', options: [option('autG', 'otp', '$.authenticators.value[0]', 'Google Authenticator'), option(YUBIKEY.id, 'otp', '$.authenticators.value[1]', 'Yubikey Authenticator')] }]),
      ...(skip ? [form('skip', 'skip')] : []),
    ],
  },
  authenticators: { value: [GOOGLE, YUBIKEY] },
  user,
});
const selectYubikey = form('select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', type: 'object', options: [option(YUBIKEY.id, 'otp', '$.authenticators.value[0]', 'Yubikey Authenticator')] }]);
const enrollYubikey = (handle: string, messages?: unknown, status = 200) => idx({
  stateHandle: handle,
  remediation: { value: [form('enroll-authenticator', 'challenge/answer', [passcodeField(messages)], { relatesTo: ['$.currentAuthenticator'] }), selectYubikey] },
  currentAuthenticator: { type: 'object', value: YUBIKEY },
  authenticators: { value: [YUBIKEY] },
  enrollmentAuthenticator: { type: 'object', value: YUBIKEY },
  user,
}, status);
const selectAuthenticate = idx({
  stateHandle: '02.b',
  remediation: { value: [form('select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', type: 'object', options: [option(YUBIKEY.id, 'otp', '$.authenticatorEnrollments.value[0]', 'Yubikey Authenticator')] }])] },
  authenticators: { value: [YUBIKEY] },
  authenticatorEnrollments: { value: [ENROLLMENT] },
  user,
});
const challengeYubikey = (handle: string, messages?: unknown, status = 200) => idx({
  stateHandle: handle,
  remediation: { value: [form('challenge-authenticator', 'challenge/answer', [passcodeField(messages)], { relatesTo: ['$.currentAuthenticatorEnrollment'] }), (selectAuthenticate.body as { remediation: { value: unknown[] } }).remediation.value[0]] },
  currentAuthenticatorEnrollment: { type: 'object', value: ENROLLMENT },
  authenticators: { value: [YUBIKEY] },
  authenticatorEnrollments: { value: [ENROLLMENT] },
  user,
}, status);
const refused = (key: string) => ({ type: 'array', value: [{ message: 'Invalid code. Try again.', i18n: { key }, class: 'ERROR' }] });
const success = idx({ stateHandle: '02.z', user, successWithInteractionCode: { rel: ['create-form'], name: 'issue', href: `${ORG}/oauth2/default/v1/token`, value: [{ name: 'interaction_code', value: 'ic-1' }] } });
const tokens: Reply = { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: 'at', id_token: 'idt' } };

const setup = (replies: Reply[]) => scriptedIdxService(replies);

describe('Identity Engine client: YubiKey OTP', () => {
  it('offers the YubiKey as Classic does and enrolls it with the OTP in one call: choice, then the OTP as credentials.passcode', async () => {
    const { auth, sent } = setup([interact, identify, enrollChoice('02.b'), enrollYubikey('02.c'), enrollChoice('02.d', true)]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', factors: [{ id: 'autG', kind: 'totp-google' }, { id: YUBIKEY.id, kind: 'yubikey-otp', enrollment: 'REQUIRED' }] } });
    expect(auth.offers('yubikey-otp')).toBe(true);
    const enrolled = await auth.enroll('yubikey-otp', { passCode: OTP });
    expect(enrolled).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(sent.slice(3)).toEqual([
      { path: '/idp/idx/credential/enroll', body: { authenticator: { id: YUBIKEY.id, methodType: 'otp' }, stateHandle: '02.b' } },
      { path: '/idp/idx/challenge/answer', body: { credentials: { passcode: OTP }, stateHandle: '02.c' } },
    ]);
  });

  it('keeps the technician on the choice after a refused OTP, with a typed error, and the next OTP chooses the YubiKey again', async () => {
    const { auth, sent } = setup([interact, identify, enrollChoice('02.b'), enrollYubikey('02.c'), enrollYubikey('02.c', refused('api.authn.error.PASSCODE_INVALID'), 400), enrollYubikey('02.d'), enrollChoice('02.e', true)]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.enroll('yubikey-otp', { passCode: OTP })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE', oktaCode: 'api.authn.error.PASSCODE_INVALID' } });
    // Classic's transaction stays MFA_ENROLL after a refused YubiKey; so does the view main reports.
    expect(auth.view()).toMatchObject({ status: 'MFA_ENROLL', factors: [{ id: YUBIKEY.id, kind: 'yubikey-otp' }] });
    expect(await auth.enroll('yubikey-otp', { passCode: OTP })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(sent.slice(5).map((s) => [s.path, s.body.stateHandle])).toEqual([['/idp/idx/credential/enroll', '02.c'], ['/idp/idx/challenge/answer', '02.d']]);
  });

  it('signs in: the YubiKey choice, then the OTP; a replayed OTP is E_AUTH_PASSCODE_REPLAYED and the next one is taken', async () => {
    const { auth, sent } = setup([interact, identify, selectAuthenticate, challengeYubikey('02.c'), challengeYubikey('02.c', refused('authfactor.challenge.soft_token.used_passcode'), 400), challengeYubikey('02.d'), success, tokens]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', factors: [{ id: YUBIKEY.id, kind: 'yubikey-otp' }] } });
    expect(await auth.verify(YUBIKEY.id, { passCode: OTP })).toMatchObject({ ok: false, error: { code: 'E_AUTH_PASSCODE_REPLAYED' } });
    expect(auth.view()).toMatchObject({ status: 'MFA_CHALLENGE', factor: { kind: 'yubikey-otp' } });
    // Okta's current enrollment carries no authenticatorId: the renderer's id (the authenticator's) opens a fresh challenge.
    expect(await auth.verify(YUBIKEY.id, { passCode: OTP.replace(/h$/, 'j') })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent.slice(3).map((s) => [s.path, s.body])).toEqual([
      ['/idp/idx/challenge', { authenticator: { id: YUBIKEY.id, methodType: 'otp' }, stateHandle: '02.b' }],
      ['/idp/idx/challenge/answer', { credentials: { passcode: OTP }, stateHandle: '02.c' }],
      ['/idp/idx/challenge', { authenticator: { id: YUBIKEY.id, methodType: 'otp' }, stateHandle: '02.c' }],
      ['/idp/idx/challenge/answer', { credentials: { passcode: OTP.replace(/h$/, 'j') }, stateHandle: '02.d' }],
      ['/oauth2/default/v1/token', {}],
    ]);
  });

  it('lists a YubiKey already set up as done on the choice, as Classic lists an ACTIVE factor', async () => {
    const withEnrollment = enrollChoice('02.b', true) as { status: number; body: Record<string, unknown> };
    const { auth } = setup([interact, identify, { ...withEnrollment, body: { ...withEnrollment.body, authenticators: { value: [GOOGLE] }, authenticatorEnrollments: { value: [ENROLLMENT] }, remediation: { value: [form('select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', options: [option('autG', 'otp', '$.authenticators.value[0]', 'Google Authenticator')] }]), form('skip', 'skip')] } } }]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', factors: [{ id: 'autG', kind: 'totp-google', enrollment: 'OPTIONAL' }, { kind: 'yubikey-otp', enrolled: true }] } });
  });
});
