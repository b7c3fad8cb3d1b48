import { describe, expect, it } from 'vitest';
import { overlayAfter, routeFor } from '../../../renderer/route.ts';
import { TRANSACTION_STATUSES, type TransactionView } from '../../../preload/contract.ts';

const view = (patch: Partial<TransactionView>): TransactionView => ({ status: 'NONE', canGoBack: false, canSkip: false, ...patch });

describe('route', () => {
  it.each([
    ['NONE', 'signIn'],
    ['PASSWORD_RESET', 'createAccount'],
    ['LOCKED_OUT', 'lockedOut'],
    ['MFA_ENROLL', 'enrollChoose'],
    ['MFA_REQUIRED', 'challenge'],
    ['MFA_CHALLENGE', 'challenge'],
    ['SUCCESS', 'success'],
  ] as const)('status %s shows %s', (status, route) => {
    expect(routeFor(view({ status }), { kind: 'none' })).toBe(route);
  });

  it('has a screen for every status main can report', () => {
    for (const status of TRANSACTION_STATUSES) expect(routeFor(view({ status }), { kind: 'none' })).toBeTruthy();
  });

  it('picks the enrollment screen from what is being activated', () => {
    expect(routeFor(view({ status: 'MFA_ENROLL_ACTIVATE', activation: { kind: 'totp', digits: 6, period: 30 } }), { kind: 'none' })).toBe('enrollTotp');
    expect(routeFor(view({ status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'push-okta' } }), { kind: 'none' })).toBe('enrollPush');
  });

  it('help pages stay open over any transaction; the pasted-link form only when none is running', () => {
    expect(routeFor(view({ status: 'MFA_REQUIRED' }), { kind: 'help', from: 'E-16' })).toBe('help');
    expect(routeFor(view({ status: 'MFA_REQUIRED' }), { kind: 'activate' })).toBe('challenge');
    expect(routeFor(view({}), { kind: 'activate' })).toBe('activate');
  });

  it('shows the "method set up" step right after a setup succeeds, and only then', () => {
    const activating = view({ status: 'MFA_ENROLL', canSkip: true, factors: [] });
    const totp = view({ status: 'MFA_ENROLL_ACTIVATE', activation: { kind: 'totp', digits: 6, period: 30 } });
    const listed = (kind: 'totp-google' | 'totp-okta' | 'push-okta' | 'webauthn') => view({ status: 'MFA_ENROLL', canSkip: true, factors: [{ kind, enrolled: true }] });
    expect(overlayAfter(totp, listed('totp-google'))).toEqual({ kind: 'verified', factor: 'totp-google' });
    const totpOkta = view({ ...totp, factor: { kind: 'totp-okta' } });
    expect(overlayAfter(totpOkta, listed('totp-okta'))).toEqual({ kind: 'verified', factor: 'totp-okta' });
    expect(overlayAfter(totp, view({ status: 'SUCCESS' }))).toEqual({ kind: 'verified', factor: 'totp-google' });
    const push = view({ status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'push-okta' }, activation: { kind: 'push', qrDataUrl: 'data:' } });
    expect(overlayAfter(push, listed('push-okta'))).toEqual({ kind: 'verified', factor: 'push-okta' });
    const key = view({ status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'webauthn' }, activation: { kind: 'webauthn', optionsJson: '{}' } });
    expect(overlayAfter(key, listed('webauthn'))).toEqual({ kind: 'verified', factor: 'webauthn' });
    expect(overlayAfter(key, view({ status: 'SUCCESS' }))).toEqual({ kind: 'verified', factor: 'webauthn' });
    // Back from a setup, or a cancel: the method is not set up, nothing says it is.
    expect(overlayAfter(totp, activating)).toEqual({ kind: 'none' });
    expect(overlayAfter(key, listed('totp-google'))).toEqual({ kind: 'none' });
    expect(overlayAfter(push, view({ status: 'NONE' }))).toEqual({ kind: 'none' });
    expect(overlayAfter(totp, totp)).toEqual({ kind: 'none' });
    expect(overlayAfter(view({ status: 'MFA_REQUIRED' }), view({ status: 'SUCCESS' }))).toEqual({ kind: 'none' });
  });
});
