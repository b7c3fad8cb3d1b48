/**
 * Screens are views of main's state machine (ARCHITECTURE rule 7): the screen is derived from the
 * transaction status main reports. The only local state is an overlay for what has no Okta status
 * (help pages, the pasted-link form, the "Passcode successfully verified" interstitial).
 */
import type { ErrorView, HelpReceiptView, TransactionView } from '../preload/contract.ts';

export type Overlay =
  | { readonly kind: 'none' }
  | { readonly kind: 'help'; readonly from: string }
  | { readonly kind: 'requestHelp'; readonly from: string }
  | { readonly kind: 'helpSent'; readonly receipt: HelpReceiptView }
  | { readonly kind: 'activate'; readonly error?: ErrorView }
  | { readonly kind: 'verified'; readonly factor?: SetUpFactor }
  | { readonly kind: 'enrollOtp' };

/** The methods whose setup ends on the "method set up" step (E-14), the last of their own steps. */
export type SetUpFactor = 'totp-google' | 'totp-okta' | 'push-okta' | 'webauthn';

export type Route =
  | 'signIn'
  | 'activate'
  | 'createAccount'
  | 'lockedOut'
  | 'enrollChoose'
  | 'enrollTotp'
  | 'enrollPush'
  | 'enrollKey'
  | 'enrollOtp'
  | 'enrollOther'
  | 'verified'
  | 'challenge'
  | 'success'
  | 'help'
  | 'requestHelp'
  | 'helpSent'
  | 'unsupported';

export function routeFor(view: TransactionView, overlay: Overlay): Route {
  if (overlay.kind === 'help' || overlay.kind === 'requestHelp' || overlay.kind === 'helpSent' || overlay.kind === 'verified') return overlay.kind;
  switch (view.status) {
    case 'NONE':
      return overlay.kind === 'activate' ? 'activate' : 'signIn';
    case 'PASSWORD_RESET':
      return 'createAccount';
    case 'LOCKED_OUT':
      return 'lockedOut';
    case 'MFA_ENROLL':
      return overlay.kind === 'enrollOtp' ? 'enrollOtp' : 'enrollChoose';
    case 'MFA_ENROLL_ACTIVATE':
      if (view.activation?.kind === 'totp') return 'enrollTotp';
      if (view.activation?.kind === 'push' || view.factor?.kind === 'push-okta') return 'enrollPush';
      if (view.activation?.kind === 'webauthn') return 'enrollKey';
      return 'enrollOther';
    case 'MFA_REQUIRED':
    case 'MFA_CHALLENGE':
      return 'challenge';
    case 'SUCCESS':
      return 'success';
    case 'PASSWORD_EXPIRED':
    case 'PASSWORD_WARN':
    case 'RECOVERY':
    case 'RECOVERY_CHALLENGE':
      return 'unsupported';
  }
}

/** The method a setup step is activating, if its setup ends on the "method set up" step. */
function activating(view: TransactionView): SetUpFactor | undefined {
  if (view.status !== 'MFA_ENROLL_ACTIVATE') return undefined;
  if (view.activation?.kind === 'totp') return view.factor?.kind === 'totp-okta' ? 'totp-okta' : 'totp-google';
  if (view.activation?.kind === 'push' || view.factor?.kind === 'push-okta') return 'push-okta';
  if (view.activation?.kind === 'webauthn') return 'webauthn';
  return undefined;
}

/**
 * Right after a method's setup succeeds, its last step (E-14) names it ("Okta Verify — step 2 of 2") before
 * anything else. Going back from a setup (the method is still not set up) or cancelling shows nothing.
 */
export function overlayAfter(previous: TransactionView, next: TransactionView): Overlay {
  const factor = activating(previous);
  if (!factor || next.status === 'MFA_ENROLL_ACTIVATE') return { kind: 'none' };
  const setUp = next.status === 'SUCCESS' || next.status === 'MFA_REQUIRED' || (next.status === 'MFA_ENROLL' && next.factors?.some((f) => f.kind === factor && f.enrolled) === true);
  return setUp ? { kind: 'verified', factor } : { kind: 'none' };
}
