/** The hand-off to diagnostics and "Switch technician" on a shared PC. */
import type { Handlers } from '../core/dispatch.ts';
import { ok } from '../core/result.ts';
import type { HandlerServices } from './services.ts';

export function sessionHandlers(s: HandlerServices): Pick<Handlers, 'launch.describe' | 'launch.open' | 'session.switchTechnician'> {
  return {
    'launch.describe': async () => s.launcher.describe(),
    // The engine's one-time grant (Classic: session token; Identity Engine: the tokens) to the launcher of its kind.
    'launch.open': async () => s.launcher.open(s.auth.takeHandOffGrant()),
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
