/**
 * After a setup, Identity Engine offers the other methods with `select-authenticator-enroll` and names what is
 * set up in `authenticatorEnrollments`: the list says "set up" for those, as Classic's ACTIVE factors do, so the
 * technician does not set the same phone up twice and E-14 can name the method just set up.
 */
import { describe, expect, it } from 'vitest';
import { parseIdxReply } from '../../../../../main/auth/idx/idx-reply.ts';
import { idxTransactionView } from '../../../../../main/auth/idx/idx-view.ts';
import { manualClock } from '../../../../../main/core/clock.ts';

const ORG = 'https://garage.okta.test';
const option = (id: string, label: string, relatesTo: string) => ({ label, relatesTo, value: { form: { value: [{ name: 'id', value: id, mutable: false }] } } });

function reply(enrollments: unknown[]) {
  const parsed = parseIdxReply({
    version: '1.0.0',
    stateHandle: '02.x',
    expiresAt: '2026-05-01T10:15:00.000Z',
    authenticators: { type: 'array', value: [{ id: 'autV', key: 'okta_verify', type: 'app', displayName: 'Okta Verify', methods: [{ type: 'push' }] }] },
    authenticatorEnrollments: { type: 'array', value: enrollments },
    remediation: {
      value: [
        { rel: ['create-form'], name: 'select-authenticator-enroll', href: `${ORG}/idp/idx/credential/enroll`, method: 'POST', value: [{ name: 'authenticator', type: 'object', options: [option('autV', 'Okta Verify', '$.authenticators.value[0]')] }, { name: 'stateHandle', value: '02.x' }] },
        { rel: ['create-form'], name: 'skip', href: `${ORG}/idp/idx/skip`, method: 'POST', value: [{ name: 'stateHandle', value: '02.x' }] },
      ],
    },
  });
  if (!parsed.ok) throw new Error(parsed.error.code);
  return parsed.value;
}

const deps = { orgUrl: ORG, clock: manualClock(Date.parse('2026-05-01T10:00:00Z')) } as never;

describe('the enrollment list on Identity Engine', () => {
  it('names what is set up beside what is offered; the password, the e-mail and the question are not methods to list', async () => {
    const view = await idxTransactionView(
      reply([
        { id: 'pwd1', key: 'okta_password', type: 'password', displayName: 'Password', methods: [{ type: 'password' }] },
        { id: 'eml1', key: 'okta_email', type: 'email', displayName: 'Email', methods: [{ type: 'email' }] },
        { id: 'sq1', key: 'security_question', type: 'security_question', displayName: 'Security Question', methods: [{ type: 'security_question' }] },
        { id: 'g1', key: 'google_otp', type: 'app', displayName: 'Google Authenticator', methods: [{ type: 'otp' }] },
      ]),
      deps,
    );
    expect(view.status).toBe('MFA_ENROLL');
    expect(view.factors).toEqual([
      { id: expect.any(String), kind: 'push-okta', enrollment: 'OPTIONAL' },
      { kind: 'totp-google', enrolled: true },
    ]);
  });

  it('lists nothing as set up when nothing is', async () => {
    const view = await idxTransactionView(reply([]), deps);
    expect(view.factors?.some((f) => f.enrolled)).toBe(false);
  });
});
