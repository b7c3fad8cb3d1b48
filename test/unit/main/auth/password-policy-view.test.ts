/**
 * One org password policy, read through either engine: Classic's PASSWORD_RESET `_embedded.policy.complexity`
 * and Identity Engine's password authenticator `settings.complexity` (each in the spellings Okta's captures
 * use) must give the checklist the same rules.
 */
import { describe, expect, it } from 'vitest';
import { parseIdxReply } from '../../../../main/auth/idx/idx-reply.ts';
import { idxTransactionView } from '../../../../main/auth/idx/idx-view.ts';
import { OktaTransaction } from '../../../../main/auth/okta-schemas.ts';
import { passwordPolicyView } from '../../../../main/auth/password-policy-view.ts';
import { transactionView, type ViewDeps } from '../../../../main/auth/views.ts';

const ORG = 'https://garage.okta.test';
const deps: ViewDeps = { orgUrl: ORG, totpQr: () => Promise.resolve('data:image/png;base64,'), imageFromOrg: () => Promise.resolve(undefined) };

async function classicView(complexity: Record<string, unknown>) {
  const tx = OktaTransaction.parse({
    status: 'PASSWORD_RESET', stateToken: '00s', expiresAt: '2026-05-01T10:15:00.000Z', recoveryType: 'ACCOUNT_ACTIVATION',
    _embedded: { user: { id: '00u1', profile: { login: 'marc@garage.test' } }, policy: { expiration: { passwordExpireDays: 0 }, complexity } },
  });
  return (await transactionView(tx, deps)).policy;
}

async function identityView(complexity: Record<string, unknown>) {
  const reply = parseIdxReply({
    version: '1.0.0', stateHandle: '02.handle',
    remediation: { type: 'array', value: [{ rel: ['create-form'], name: 'enroll-authenticator', href: `${ORG}/idp/idx/challenge/answer`, value: [{ name: 'credentials', form: { value: [{ name: 'passcode', secret: true }] } }, { name: 'stateHandle', value: '02.handle' }] }] },
    currentAuthenticator: { type: 'object', value: { id: 'autP', key: 'okta_password', type: 'password', settings: { complexity, age: { minAgeMinutes: 0, historyCount: 4 } } } },
  });
  if (!reply.ok) throw new Error(reply.error.code);
  return (await idxTransactionView(reply.value, deps)).policy;
}

describe('password policy view', () => {
  it.each([
    [
      'every rule stated, the Authn doc spelling vs. the IDX capture spelling',
      { minLength: 12, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: 'true', excludeAttributes: ['firstName', 'lastName'] },
      { minLength: 12, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true, excludeFirstName: true, excludeLastName: true },
    ],
    [
      'rules left out (the local org seed, no symbol rule)',
      { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true },
      { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true },
    ],
    ['an empty policy', {}, {}],
  ])('gives the same rules on Classic and on Identity Engine (%s)', async (_case, classic, identity) => {
    const fromClassic = await classicView(classic);
    const fromIdentity = await identityView(identity);
    expect(fromClassic).toBeDefined();
    expect(fromIdentity).toEqual(fromClassic);
  });

  it('binds nothing the org left out, and keeps the contract’s ten excluded attributes at most', () => {
    expect(passwordPolicyView({})).toEqual({ minLength: 0, minLowerCase: 0, minUpperCase: 0, minNumber: 0, minSymbol: 0, excludeUsername: false, excludeAttributes: [] });
    const many = Array.from({ length: 12 }, (_, i) => `attribute${i}`);
    expect(passwordPolicyView({ excludeAttributes: many }).excludeAttributes).toEqual(many.slice(0, 10));
  });
});
