/**
 * The Identity Engine client on security key and Okta Verify replies shaped like Okta's recorded ones
 * (Sign-In Widget `playground/mocks/data/idp/idx/authenticator-enroll-webauthn.json`,
 * `authenticator-verification-webauthn.json`, `authenticator-enroll-ov-qr.json`,
 * `authenticator-verification-okta-verify-totp.json`): the views and WebAuthn options are the Classic
 * client's shapes, and what goes back is what okta-auth-js sends.
 */
import { describe, expect, it } from 'vitest';
import { ORG, scriptedIdxService, type Reply } from './scripted-org.ts';

const idx = (body: Record<string, unknown>, status = 200): Reply => ({ status, body: { version: '1.0.0', expiresAt: '2026-05-01T10:15:00.000Z', ...body } });
const form = (name: string, path: string, fields: unknown[] = [], extra: Record<string, unknown> = {}) => ({ rel: ['create-form'], name, href: `${ORG}/idp/idx/${path}`, method: 'POST', value: [...fields, { name: 'stateHandle', value: 'x', mutable: false }], ...extra });
const identify = idx({ stateHandle: '02.a', remediation: { value: [form('identify', 'identify', [{ name: 'identifier' }, { name: 'credentials', form: { value: [{ name: 'passcode' }] } }])] } });
const interact: Reply = { status: 200, body: { interaction_handle: 'ih-1' } };
const fixedOption = (id: string, methodType: string, relatesTo: string, label: string) => ({ label, relatesTo, value: { form: { value: [{ name: 'id', value: id, mutable: false }, { name: 'methodType', value: methodType, mutable: false }] } } });

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const WEBAUTHN = { id: 'autW', key: 'webauthn', type: 'security_key', displayName: 'Security Key or Biometric', methods: [{ type: 'webauthn' }] };
const OV = { id: 'autV', key: 'okta_verify', type: 'app', displayName: 'Okta Verify', methods: [{ type: 'push' }, { type: 'totp' }] };

const enrollChoice = idx({
  stateHandle: '02.b',
  remediation: { value: [form('select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', type: 'object', options: [fixedOption('autW', 'webauthn', '$.authenticators.value[0]', 'Security Key or Biometric'), fixedOption('autV', 'push', '$.authenticators.value[1]', 'Okta Verify')] }])] },
  authenticators: { value: [WEBAUTHN, OV] },
  user: { value: { id: '00u1', identifier: 'ana@garage.test' } },
});
const enrollWebauthn = idx({
  stateHandle: '02.c',
  remediation: { value: [form('enroll-authenticator', 'challenge/answer', [{ name: 'credentials', form: { value: [{ name: 'clientData', visible: false }, { name: 'attestation', visible: false }] } }], { relatesTo: ['$.currentAuthenticator'] })] },
  currentAuthenticator: {
    type: 'object',
    value: {
      ...WEBAUTHN,
      contextualData: {
        activationData: {
          rp: { name: 'idx' }, user: { displayName: 'Ana Tech', name: 'ana@garage.test', id: '00utjm1GstPjCF9Ad0g3' },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }], challenge: 'zrTo0mMXyCt90mweh2HL', attestation: 'direct',
          authenticatorSelection: { userVerification: 'discouraged' }, excludeCredentials: [{ type: 'public-key', id: 'hpxQXbu5R5Y2JMqpvtE9Ow' }], u2fParams: { appid: ORG },
        },
      },
    },
  },
  user: { value: { identifier: 'ana@garage.test' } },
});
const selectAuthenticate = idx({
  stateHandle: '02.b',
  remediation: {
    value: [
      form('select-authenticator-authenticate', 'challenge', [{
        name: 'authenticator', type: 'object', options: [
          fixedOption('autW', 'webauthn', '$.authenticatorEnrollments.value[0]', 'Security Key or Biometric'),
          { label: 'Okta Verify', relatesTo: '$.authenticatorEnrollments.value[2]', value: { form: { value: [{ name: 'id', value: 'autV', mutable: false }, { name: 'methodType', type: 'string', options: [{ value: 'push', label: 'Get a push notification' }, { value: 'totp', label: 'Enter a code' }] }] } } },
        ],
      }]),
    ],
  },
  authenticatorEnrollments: { value: [{ ...WEBAUTHN, id: 'fwf1', authenticatorId: 'autW', credentialId: 'hpxQXbu5R5Y2JMqpvtE9Ow' }, { ...WEBAUTHN, id: 'fwf2', authenticatorId: 'autW', credentialId: 'AAECAwQFBgcICQoLDA0ODw' }, { ...OV, id: 'opf1', authenticatorId: 'autV' }] },
  user: { value: { id: '00u1', identifier: 'ana@garage.test' } },
});
const webauthnChallenge = idx({
  stateHandle: '02.c',
  remediation: { value: [form('challenge-authenticator', 'challenge/answer', [{ name: 'credentials', form: { value: [{ name: 'clientData' }, { name: 'authenticatorData' }, { name: 'signatureData' }] } }], { relatesTo: ['$.currentAuthenticator'] })] },
  currentAuthenticator: { value: { ...WEBAUTHN, contextualData: { challengeData: { challenge: 'qjUCU0xoVe5QZ3-etDCD', userVerification: 'required', extensions: { appid: ORG } } } } },
  authenticatorEnrollments: (selectAuthenticate.body as { authenticatorEnrollments: unknown }).authenticatorEnrollments,
});
const totpChallenge = idx({
  stateHandle: '02.c',
  remediation: { value: [form('challenge-authenticator', 'challenge/answer', [{ name: 'credentials', form: { value: [{ name: 'totp', label: 'Enter code from Okta Verify app' }] } }], { relatesTo: ['$.currentAuthenticator'] })] },
  currentAuthenticator: { value: { ...OV, methods: [{ type: 'totp' }] } },
});
const ovQr = (handle: string) => idx({
  stateHandle: handle,
  remediation: {
    value: [
      form('enroll-poll', 'challenge/poll', [], { refresh: 4000 }),
      form('select-enrollment-channel', 'credential/enroll', [{ name: 'authenticator', type: 'object', value: { form: { value: [{ name: 'id', value: 'autV', mutable: false }, { name: 'channel', options: [{ value: 'qrcode', label: 'QRCODE' }] }] } } }]),
    ],
  },
  currentAuthenticator: { value: { ...OV, contextualData: { qrcode: { method: 'embedded', type: 'image/png', href: PNG }, selectedChannel: 'qrcode' } } },
});
const success = idx({ stateHandle: '02.d', user: { value: { identifier: 'ana@garage.test' } }, successWithInteractionCode: { rel: ['create-form'], name: 'issue', href: `${ORG}/oauth2/default/v1/token`, value: [{ name: 'interaction_code', value: 'ic-1' }] } });
const tokens: Reply = { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: 'at', id_token: 'idt' } };

const setup = (replies: Reply[]) => scriptedIdxService(replies, { qrDataUrl: PNG });

describe('Identity Engine client: security key', () => {
  it('enrolls: activationData becomes the Classic-shaped creation options, and the attestation goes back as okta-auth-js sends it', async () => {
    const { auth, sent } = setup([interact, identify, enrollChoice, enrollWebauthn, success, tokens]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', factors: [{ id: 'autW', kind: 'webauthn' }, { id: 'autV-push', kind: 'push-okta' }] } });
    const enrolling = await auth.enroll('webauthn');
    expect(enrolling).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'webauthn', id: 'autW' }, activation: { kind: 'webauthn' } } });
    expect(sent.at(-1)).toEqual({ path: '/idp/idx/credential/enroll', body: { authenticator: { id: 'autW', methodType: 'webauthn' }, stateHandle: '02.b' } });
    const pending = auth.webauthnOptions();
    expect(pending?.kind).toBe('create');
    const options = pending?.options as Record<string, unknown>;
    expect(options).toMatchObject({
      challenge: Buffer.from('zrTo0mMXyCt90mweh2HL', 'base64url').toString('base64url'),
      rp: { id: 'garage.okta.test', name: 'idx' },
      user: { name: 'ana@garage.test', displayName: 'Ana Tech' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
      excludeCredentials: [{ type: 'public-key', id: 'hpxQXbu5R5Y2JMqpvtE9Ow' }],
      authenticatorSelection: { userVerification: 'discouraged' },
      attestation: 'direct',
    });
    // The renderer gets the same options as JSON (browser preview ceremony); no state handle with them.
    const view = enrolling.ok ? enrolling.value : undefined;
    expect(JSON.parse(view?.activation?.kind === 'webauthn' ? view.activation.optionsJson : '{}')).toEqual(options);
    expect(JSON.stringify(view)).not.toContain('02.');

    const done = await auth.webauthnActivate({ clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', attestationObject: 'o2NmbXRkbm9uZQ' });
    expect(done).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent[4]).toEqual({ path: '/idp/idx/challenge/answer', body: { credentials: { clientData: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0', attestation: 'o2NmbXRkbm9uZQ' }, stateHandle: '02.c' } });
  });

  it('signs in: challengeData and every enrolled key become the request options; the assertion goes back without a credential id', async () => {
    const { auth, sent } = setup([interact, identify, selectAuthenticate, webauthnChallenge, success, tokens]);
    const required = await auth.signIn('ana@garage.test', 'pw');
    expect(required).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', factors: [{ id: 'autW', kind: 'webauthn' }, { id: 'autV-push', kind: 'push-okta' }, { id: 'autV-totp', kind: 'totp-okta' }] } });
    const challenged = await auth.verify('autW');
    expect(sent.at(-1)).toEqual({ path: '/idp/idx/challenge', body: { authenticator: { id: 'autW', methodType: 'webauthn' }, stateHandle: '02.b' } });
    expect(challenged).toMatchObject({ ok: true, value: { status: 'MFA_CHALLENGE', factor: { id: 'autW', kind: 'webauthn' }, factorResult: 'CHALLENGE' } });
    const request = JSON.parse((challenged.ok && challenged.value.webauthnRequestJson) || '{}') as Record<string, unknown>;
    expect(request).toEqual({
      challenge: 'qjUCU0xoVe5QZ3-etDCD',
      rpId: 'garage.okta.test',
      allowCredentials: [{ type: 'public-key', id: 'hpxQXbu5R5Y2JMqpvtE9Ow' }, { type: 'public-key', id: 'AAECAwQFBgcICQoLDA0ODw' }],
      userVerification: 'required',
      timeout: 120_000,
    });
    expect(auth.webauthnOptions()).toEqual({ kind: 'get', options: request });
    // Another factor id than the one challenged is refused before anything is sent.
    expect(await auth.webauthnVerify('autV-push', { clientDataJSON: 'AA', authenticatorData: 'AA', signature: 'AA' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_NOT_ALLOWED' } });
    expect(sent).toHaveLength(4);
    expect(await auth.webauthnVerify('autW', { clientDataJSON: 'Y2Q', authenticatorData: 'YWQ', signature: 'c2ln' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent[4]).toEqual({ path: '/idp/idx/challenge/answer', body: { credentials: { clientData: 'Y2Q', authenticatorData: 'YWQ', signatureData: 'c2ln' }, stateHandle: '02.c' } });
  });

  it('keeps the challenge when Okta refuses the assertion, with the key the error map knows', async () => {
    const refused = idx({ ...(webauthnChallenge.body as Record<string, unknown>), messages: { value: [{ message: 'None of the WebAuthn authenticators…', i18n: { key: 'authfactor.webauthn.error.assertion_validation_failure' }, class: 'ERROR' }] } }, 400);
    const { auth } = setup([interact, identify, selectAuthenticate, webauthnChallenge, refused]);
    await auth.signIn('ana@garage.test', 'pw');
    await auth.verify('autW');
    const answer = await auth.webauthnVerify('autW', { clientDataJSON: 'Y2Q', authenticatorData: 'YWQ', signature: 'c2ln' });
    expect(answer.ok).toBe(false);
    expect(auth.view()).toMatchObject({ status: 'MFA_CHALLENGE', factor: { kind: 'webauthn' } });
    expect(auth.webauthnOptions()?.kind).toBe('get');
  });
});

describe('Identity Engine client: Okta Verify', () => {
  it('enrolls by QR: the Classic push activation view, then polls enroll-poll until the phone pairs', async () => {
    const { auth, sent } = setup([interact, identify, enrollChoice, ovQr('02.c'), ovQr('02.c'), success, tokens]);
    await auth.signIn('ana@garage.test', 'pw');
    const enrolling = await auth.enroll('push-okta');
    expect(sent.at(-1)).toEqual({ path: '/idp/idx/credential/enroll', body: { authenticator: { id: 'autV', methodType: 'push' }, stateHandle: '02.b' } });
    expect(enrolling).toEqual({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', canGoBack: false, canSkip: false, factor: { id: 'autV-push', kind: 'push-okta' }, factorResult: 'WAITING', activation: { kind: 'push', qrDataUrl: PNG }, expiresAt: '2026-05-01T10:15:00.000Z' } });
    expect(await auth.poll()).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factorResult: 'WAITING' } });
    expect(await auth.poll()).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent.slice(4, 6)).toEqual([{ path: '/idp/idx/challenge/poll', body: { stateHandle: '02.c' } }, { path: '/idp/idx/challenge/poll', body: { stateHandle: '02.c' } }]);
  });

  it('answers the Okta Verify code as credentials.totp after choosing the totp method', async () => {
    const { auth, sent } = setup([interact, identify, selectAuthenticate, totpChallenge, success, tokens]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autV-totp', { passCode: '123456' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent.slice(3, 5)).toEqual([
      { path: '/idp/idx/challenge', body: { authenticator: { id: 'autV', methodType: 'totp' }, stateHandle: '02.b' } },
      { path: '/idp/idx/challenge/answer', body: { credentials: { totp: '123456' }, stateHandle: '02.c' } },
    ]);
  });
});

describe('Identity Engine client: back to the choice', () => {
  it('shows the choice of authenticator held beside a challenge, and choosing from it posts that form', async () => {
    const withChoice = idx({ ...(webauthnChallenge.body as Record<string, unknown>), remediation: { value: [...((webauthnChallenge.body as { remediation: { value: unknown[] } }).remediation.value), ...((selectAuthenticate.body as { remediation: { value: unknown[] } }).remediation.value)] } });
    const { auth, sent } = setup([interact, identify, selectAuthenticate, withChoice, totpChallenge, success, tokens]);
    await auth.signIn('ana@garage.test', 'pw');
    await auth.verify('autW');
    const back = await auth.previous();
    expect(back).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', factors: [{ id: 'autW' }, { id: 'autV-push' }, { id: 'autV-totp' }] } });
    expect(sent).toHaveLength(4);
    expect(await auth.verify('autV-totp', { passCode: '654321' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent.slice(4, 6).map((s) => s.path)).toEqual(['/idp/idx/challenge', '/idp/idx/challenge/answer']);
  });

  it('refuses Back where no choice is held', async () => {
    const { auth } = setup([interact, identify, selectAuthenticate, webauthnChallenge]);
    await auth.signIn('ana@garage.test', 'pw');
    await auth.verify('autW');
    expect(await auth.previous()).toMatchObject({ ok: false, error: { code: 'E_AUTH_NOT_ALLOWED' } });
  });
});
