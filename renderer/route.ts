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
  | { readonly kind: 'verified'; readonly factor?: 'totp-google' | 'totp-okta' }
  | { readonly kind: 'enrollOtp' };

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

/** After an activation step, the seed shows "Passcode successfully verified" before anything else. */
export function overlayAfter(previous: TransactionView, next: TransactionView): Overlay {
  const wasTotpActivation = previous.status === 'MFA_ENROLL_ACTIVATE' && previous.activation?.kind === 'totp';
  if (!wasTotpActivation || next.status === 'MFA_ENROLL_ACTIVATE') return { kind: 'none' };
  // The interstitial is the method's last step: it names the app ("Google Authenticator — step 4 of 4").
  return { kind: 'verified', factor: previous.factor?.kind === 'totp-okta' ? 'totp-okta' : 'totp-google' };
}
