import { describe, expect, it } from 'vitest';
import { factorView } from '../../../../main/auth/views.ts';

describe('factor view', () => {
  it('never carries an org’s label for a method (a security key’s English authenticatorName)', () => {
    const view = factorView({ id: 'fwf1', factorType: 'webauthn', provider: 'FIDO', status: 'ACTIVE', profile: { authenticatorName: 'Security key', credentialId: 'x' } });
    expect(view?.kind).toBe('webauthn');
    expect(view?.label).toBeUndefined();
  });

  it('keeps what the technician named: the phone for Okta Verify, the question text', () => {
    expect(factorView({ id: 'opf1', factorType: 'push', provider: 'OKTA', profile: { name: 'Pixel de Marc' } })?.label).toBe('Pixel de Marc');
    expect(factorView({ id: 'ufs1', factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' } })?.label).toBe('What is the food you least liked as a child?');
  });

  it('marks a method already set up in the enrollment list, and only that one', () => {
    expect(factorView({ factorType: 'token:software:totp', provider: 'GOOGLE', status: 'ACTIVE', enrollment: 'OPTIONAL' })?.enrolled).toBe(true);
    expect(factorView({ factorType: 'token:software:totp', provider: 'GOOGLE', status: 'NOT_SETUP', enrollment: 'REQUIRED' })?.enrolled).toBeUndefined();
  });
});
