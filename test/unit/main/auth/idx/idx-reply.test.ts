/**
 * The IDX reply parser on recorded shapes (okta-idx.md §2–3) and on generated replies: well-formed ones
 * are read back exactly, mutated ones and arbitrary JSON never throw and never yield a choice, a code or
 * a secret that was not in the reply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdxReply } from '../../../../../main/auth/idx/idx-reply.ts';

const ORG = 'https://garage.okta.test';
const ION = 'application/ion+json; okta-version=1.0.0';

const form = (name: string, path: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({
  rel: ['create-form'], name, href: `${ORG}/idp/idx/${path}`, method: 'POST', produces: ION, accepts: 'application/json; okta-version=1.0.0',
  value: [...fields, { name: 'stateHandle', required: true, value: '02.handle', visible: false, mutable: false }], ...extra,
});
const option = (id: string, relatesTo: string, label = 'Google Authenticator') => ({
  label, relatesTo, value: { form: { value: [{ name: 'id', required: true, value: id, mutable: false }, { name: 'methodType', value: 'otp', mutable: false }] } },
});

describe('IDX reply parser on Okta-shaped replies', () => {
  it('reads a select-authenticator-enroll reply with the keys its options relate to', () => {
    const reply = parseIdxReply({
      version: '1.0.0', stateHandle: '02.handle', expiresAt: '2026-05-01T10:15:00.000Z', intent: 'LOGIN',
      remediation: { type: 'array', value: [
        form('select-authenticator-enroll', 'credential/enroll', [{ name: 'authenticator', type: 'object', options: [option('autG', '$.authenticators.value[0]'), option('autQ', '$.authenticators.value[1]', 'Security Question')] }]),
        form('skip', 'skip', []),
      ] },
      authenticators: { type: 'array', value: [{ id: 'autG', key: 'google_otp', type: 'app', displayName: 'Google Authenticator' }, { id: 'autQ', key: 'security_question', type: 'security_question' }] },
      user: { type: 'object', value: { id: '00u1', identifier: 'ana@garage.test' } },
      cancel: { rel: ['create-form'], name: 'cancel', href: `${ORG}/idp/idx/cancel`, value: [] },
    });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value.stateHandle).toBe('02.handle');
    expect(reply.value.remediations.map((r) => r.name)).toEqual(['select-authenticator-enroll', 'skip']);
    expect(reply.value.remediations[0]?.choices).toEqual([
      { authenticatorId: 'autG', viewId: 'autG', methodType: 'otp', key: 'google_otp', label: 'Google Authenticator' },
      { authenticatorId: 'autQ', viewId: 'autQ', methodType: 'otp', key: 'security_question', label: 'Security Question' },
    ]);
    expect(reply.value.user).toEqual({ id: '00u1', identifier: 'ana@garage.test' });
    expect(reply.value.cancelHref).toBe(`${ORG}/idp/idx/cancel`);
  });

  it('reads the TOTP seed of an enrollment, the number challenge of a push and field messages', () => {
    const enroll = parseIdxReply({
      version: '1.0.0', stateHandle: '02.h',
      remediation: { value: [form('enroll-authenticator', 'challenge/answer', [{ name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', messages: { type: 'array', value: [{ message: 'Invalid code. Try again.', i18n: { key: 'api.authn.error.PASSCODE_INVALID' }, class: 'ERROR' }] } }] } }])] },
      currentAuthenticator: { type: 'object', value: { id: 'autG', key: 'google_otp', contextualData: { qrcode: { method: 'embedded', href: 'data:image/png;base64,AA', type: 'image/png' }, sharedSecret: 'JBSWY3DPEHPK3PXP' } } },
    });
    expect(enroll.ok && enroll.value.currentAuthenticator?.sharedSecret).toBe('JBSWY3DPEHPK3PXP');
    expect(enroll.ok && enroll.value.messages).toEqual([{ key: 'api.authn.error.PASSCODE_INVALID', message: 'Invalid code. Try again.', level: 'ERROR' }]);
    const push = parseIdxReply({
      version: '1.0.0', stateHandle: '02.h',
      remediation: { value: [form('challenge-poll', 'authenticators/poll', [], { refresh: 4000, relatesTo: ['$.currentAuthenticator'] })] },
      currentAuthenticator: { type: 'object', value: { id: 'autV', key: 'okta_verify', contextualData: { correctAnswer: '64' }, resend: { rel: ['create-form'], name: 'resend', href: `${ORG}/idp/idx/challenge/resend`, value: [] } } },
    });
    expect(push.ok && push.value.currentAuthenticator).toMatchObject({ correctAnswer: 64, resendHref: `${ORG}/idp/idx/challenge/resend` });
    expect(push.ok && push.value.remediations[0]?.refresh).toBe(4000);
  });

  it('reads the interaction code of a success reply', () => {
    const reply = parseIdxReply({
      version: '1.0.0', stateHandle: '02.h',
      successWithInteractionCode: { rel: ['create-form'], name: 'issue', href: `${ORG}/oauth2/default/v1/token`, method: 'POST', value: [{ name: 'grant_type', value: 'interaction_code' }, { name: 'interaction_code', value: 'code-1' }, { name: 'client_id', value: '0oa1' }, { name: 'code_verifier' }] },
    });
    expect(reply.ok && reply.value.success).toEqual({ href: `${ORG}/oauth2/default/v1/token`, interactionCode: 'code-1' });
  });

  it.each([
    ['not an object', 'text'],
    ['null', null],
    ['another version', { version: '2.0.0', remediation: { value: [] } }],
    ['no version (a classic error body)', { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }],
    ['a success without a code', { version: '1.0.0', successWithInteractionCode: { name: 'issue', href: `${ORG}/t`, value: [{ name: 'interaction_code' }] } }],
    ['a remediation list that is no list', { version: '1.0.0', remediation: { value: 'identify' } }],
  ])('refuses %s with E_NET_BAD_RESPONSE', (_name, body) => {
    expect(parseIdxReply(body)).toMatchObject({ ok: false, error: { code: 'E_NET_BAD_RESPONSE' } });
  });

  it('drops options whose relatesTo points nowhere, or whose id is missing', () => {
    const reply = parseIdxReply({
      version: '1.0.0', stateHandle: '02.h',
      remediation: { value: [form('select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', options: [option('autX', '$.authenticatorEnrollments.value[7]'), { label: 'no id', value: { form: { value: [{ name: 'methodType', value: 'otp' }] } } }] }])] },
    });
    expect(reply.ok && reply.value.remediations[0]?.choices).toEqual([{ authenticatorId: 'autX', viewId: 'autX', methodType: 'otp', label: 'Google Authenticator' }]);
  });
});

const name = fc.constantFrom('identify', 'select-authenticator-enroll', 'enroll-authenticator', 'challenge-authenticator', 'challenge-poll', 'skip', 'redirect-idp', 'unlock-account', 'x');
const key = fc.constantFrom('google_otp', 'okta_verify', 'okta_password', 'security_question', 'webauthn', 'phone_number');
const authenticator = fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), key, displayName: fc.string({ maxLength: 20 }) });
const generatedReply = fc.record({
  stateHandle: fc.string({ minLength: 1, maxLength: 40 }),
  authenticators: fc.array(authenticator, { maxLength: 5 }),
  remediations: fc.array(fc.record({ name, path: fc.constantFrom('identify', 'challenge', 'credential/enroll', 'skip'), picks: fc.array(fc.nat({ max: 6 }), { maxLength: 4 }) }), { maxLength: 5 }),
});

describe('IDX reply parser on generated replies', () => {
  it('reads back every remediation and resolves each option to the authenticator it relates to', () => {
    fc.assert(
      fc.property(generatedReply, (g) => {
        const body = {
          version: '1.0.0',
          stateHandle: g.stateHandle,
          authenticators: { type: 'array', value: g.authenticators },
          remediation: {
            type: 'array',
            value: g.remediations.map((r) => form(r.name, r.path, [{ name: 'authenticator', type: 'object', options: r.picks.map((i) => option(`opt${i}`, `$.authenticators.value[${i}]`)) }])),
          },
        };
        const parsed = parseIdxReply(body);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.stateHandle).toBe(g.stateHandle);
        expect(parsed.value.remediations.map((r) => r.name)).toEqual(g.remediations.map((r) => r.name));
        parsed.value.remediations.forEach((r, i) => {
          const picks = g.remediations[i]?.picks ?? [];
          expect(r.choices.map((c) => c.authenticatorId)).toEqual(picks.map((p) => `opt${p}`));
          expect(r.choices.map((c) => c.key)).toEqual(picks.map((p) => g.authenticators[p]?.key));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON, and fails only with E_NET_BAD_RESPONSE', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const parsed = parseIdxReply(value);
        if (!parsed.ok) expect(parsed.error.code).toBe('E_NET_BAD_RESPONSE');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws when fields of a well-formed reply are replaced by arbitrary JSON', () => {
    const paths = ['remediation', 'remediation.value.0', 'remediation.value.0.value', 'remediation.value.0.value.0.options', 'currentAuthenticator', 'currentAuthenticator.value.contextualData', 'authenticators.value', 'messages', 'user', 'successWithInteractionCode', 'cancel'];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 4 }), (path, value) => {
        const body: Record<string, unknown> = {
          version: '1.0.0', stateHandle: '02.h',
          remediation: { value: [form('select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', options: [option('autG', '$.authenticators.value[0]')] }])] },
          authenticators: { value: [{ id: 'autG', key: 'google_otp' }] },
          currentAuthenticator: { value: { id: 'autG', key: 'google_otp', contextualData: { sharedSecret: 'S' } } },
          messages: { value: [] }, user: { value: { id: '00u1' } }, cancel: { href: `${ORG}/idp/idx/cancel` },
        };
        const segments = path.split('.');
        let target: Record<string, unknown> = body;
        for (const segment of segments.slice(0, -1)) target = target[segment] as Record<string, unknown>;
        target[segments.at(-1) ?? ''] = value;
        const parsed = parseIdxReply(body);
        if (!parsed.ok) {
          expect(parsed.error.code).toBe('E_NET_BAD_RESPONSE');
          return;
        }
        // Nothing the parser returns was invented: a secret or a choice id only comes from the reply.
        const text = JSON.stringify(value);
        if (parsed.value.currentAuthenticator?.sharedSecret !== undefined && parsed.value.currentAuthenticator.sharedSecret !== 'S') expect(text).toContain(parsed.value.currentAuthenticator.sharedSecret);
        for (const choice of parsed.value.remediations.flatMap((r) => r.choices)) if (choice.authenticatorId !== 'autG') expect(text).toContain(JSON.stringify(choice.authenticatorId));
      }),
      { numRuns: 2000 },
    );
  });
});
