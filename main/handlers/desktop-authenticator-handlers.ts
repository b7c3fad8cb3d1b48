/** The desktop authenticator (off unless the machine policy allows it): its seed stays in the OS keychain. */
import type { Handlers } from '../core/dispatch.ts';
import { fail, ok } from '../core/result.ts';
import type { HandlerServices } from './services.ts';

type DesktopChannels = 'authenticator.status' | 'authenticator.enrollHere' | 'authenticator.current' | 'authenticator.verifyHere';

export function desktopAuthenticatorHandlers(s: HandlerServices): Pick<Handlers, DesktopChannels> {
  const currentLogin = () => s.auth.view().user?.login;
  return {
    'authenticator.status': async () => {
      const status = await s.desktop.status();
      const login = currentLogin();
      const holdsForUser = login !== undefined && (await s.desktop.holds(login));
      return ok(status.allowed ? { allowed: true, holdsForUser } : { allowed: false, reason: status.reason, holdsForUser });
    },
    'authenticator.enrollHere': async () => {
      const login = currentLogin();
      const secret = s.auth.totpSecretInProgress();
      if (!login || !secret) return fail('E_AUTH_NOT_ALLOWED');
      const saved = await s.desktop.save(login, secret);
      if (!saved.ok) return saved;
      const code = await s.desktop.fresh(login);
      return code.ok ? s.auth.activate(code.value) : code;
    },
    'authenticator.current': async () => {
      const login = currentLogin();
      return login ? s.desktop.current(login) : fail('E_AUTH_NO_TRANSACTION');
    },
    'authenticator.verifyHere': async ({ factorId }) => {
      const login = currentLogin();
      if (!login) return fail('E_AUTH_NO_TRANSACTION');
      const code = await s.desktop.fresh(login);
      return code.ok ? s.auth.verify(factorId, { passCode: code.value }) : code;
    },
  };
}
