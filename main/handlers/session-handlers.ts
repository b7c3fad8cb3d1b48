/** The hand-off to diagnostics and "Switch technician" on a shared PC. */
import type { Handlers } from '../core/dispatch.ts';
import { fail, ok } from '../core/result.ts';
import type { HandlerServices } from './services.ts';

export function sessionHandlers(s: HandlerServices): Pick<Handlers, 'launch.describe' | 'launch.open' | 'session.switchTechnician'> {
  return {
    'launch.describe': async () => s.launcher.describe(),
    'launch.open': async () => {
      const grant = s.auth.takeSessionGrant();
      return grant ? s.launcher.open(grant.sessionToken) : fail('E_AUTH_NO_TRANSACTION');
    },
    /**
     * "Switch technician" and idle sign-out on a shared PC: the transaction, the session token, the
     * remembered username, the help draft and the last error go; nothing of one technician stays for the next.
     */
    'session.switchTechnician': async () => {
      await s.auth.cancel();
      s.settings.update({ rememberedUsername: undefined });
      await s.outbox.clearDraft();
      s.lastError.set(undefined);
      return ok({ cleared: true });
    },
  };
}
