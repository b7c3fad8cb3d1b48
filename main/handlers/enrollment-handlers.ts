/** Activation from the e-mail link and factor enrollment (the installer's factor list applies). */
import type { Handlers } from '../core/dispatch.ts';
import { fail } from '../core/result.ts';
import { parseActivationInput } from '../launch/activation-input.ts';
import { parseYubikeyOtp } from '../yubikey/otp-shape.ts';
import type { HandlerServices } from './services.ts';

type EnrollmentChannels = 'auth.redeemActivation' | 'auth.activationOptions' | 'auth.createAccount' | 'auth.setPassword' | 'auth.enroll' | 'auth.activate' | 'auth.skip' | 'auth.webauthnActivate';

export function enrollmentHandlers(s: HandlerServices): Pick<Handlers, EnrollmentChannels> {
  return {
    'auth.redeemActivation': async ({ link }) => {
      const parsed = parseActivationInput(link, s.orgHost);
      return parsed.ok ? s.activation.redeem(parsed.value.token) : parsed;
    },
    'auth.activationOptions': () => s.activation.options(),
    'auth.createAccount': (request) => s.activation.createAccount(request),
    'auth.setPassword': ({ newPassword }) => s.auth.resetPassword(newPassword),
    'auth.enroll': async ({ kind, otp }) => {
      if (s.policy.allowedFactors && !s.policy.allowedFactors.includes(kind)) return fail('E_AUTH_FACTOR_NOT_ALLOWED');
      if (otp === undefined) return s.auth.enroll(kind);
      const typed = parseYubikeyOtp(otp);
      return typed.ok ? s.auth.enroll(kind, { passCode: typed.value.otp }) : typed;
    },
    'auth.activate': ({ passCode }) => s.auth.activate(passCode),
    'auth.skip': () => s.auth.skip(),
    'auth.webauthnActivate': (attestation) => s.auth.webauthnActivate(attestation),
  };
}
