/** Sign-in: the transaction's state, password, second-factor verification and its driver steps. */
import type { Handlers } from '../core/dispatch.ts';
import { securityImage } from '../auth/security-image.ts';
import { parseYubikeyOtp } from '../yubikey/otp-shape.ts';
import type { HandlerServices } from './services.ts';

type SignInChannels = 'auth.state' | 'auth.signIn' | 'auth.cancel' | 'auth.securityImage' | 'auth.verify' | 'auth.poll' | 'auth.resend' | 'auth.previous' | 'auth.webauthnVerify';

export function signInHandlers(s: HandlerServices): Pick<Handlers, SignInChannels> {
  return {
    'auth.state': async () => ({ ok: true, value: s.auth.view() }),
    'auth.signIn': async ({ username, password, remember }) => {
      const result = await s.auth.signIn(username, password);
      // Remembered only once the org knows the username, and only if the technician asked.
      if (result.ok && remember !== undefined) s.settings.update({ rememberedUsername: remember ? username : undefined });
      return result;
    },
    'auth.cancel': () => {
      // Signing out forgets what belongs to this technician's session, the last error included.
      s.lastError.set(undefined);
      return s.auth.cancel();
    },
    'auth.securityImage': (request) => securityImage(s.http, request),
    'auth.verify': async ({ factorId, passCode, otp, answer }) => {
      const typed = otp === undefined ? undefined : parseYubikeyOtp(otp);
      if (typed && !typed.ok) return typed;
      const code = passCode ?? typed?.value.otp;
      return s.auth.verify(factorId, { ...(code === undefined ? {} : { passCode: code }), ...(answer === undefined ? {} : { answer }) });
    },
    'auth.poll': () => s.auth.poll(),
    'auth.resend': () => s.auth.resend(),
    'auth.previous': () => s.auth.previous(),
    'auth.webauthnVerify': ({ factorId, ...assertion }) => s.auth.webauthnVerify(factorId, assertion),
  };
}
