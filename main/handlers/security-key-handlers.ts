/** Security keys run by main (USB or the OS window): the ceremony, the plugged models, the PIN answer. */
import type { Handlers } from '../core/dispatch.ts';
import { fail, ok } from '../core/result.ts';
import type { HandlerServices } from './services.ts';

export function securityKeyHandlers(s: HandlerServices): Pick<Handlers, 'auth.webauthnNative' | 'yubikey.plugged' | 'yubikey.submitPin'> {
  return {
    'auth.webauthnNative': async ({ factorId }) => {
      let pending = s.auth.webauthnOptions();
      if (!pending && factorId) {
        // Ask Okta for a challenge first (MFA_REQUIRED → MFA_CHALLENGE), then let the key sign it.
        const challenged = await s.auth.verify(factorId);
        if (!challenged.ok) return challenged;
        pending = s.auth.webauthnOptions();
      }
      if (!s.yubikey || !pending) return fail('E_AUTH_NOT_ALLOWED');
      // The origin is the org's, from the configuration: a page can never choose it (yubikey-hid.md §0).
      const origin = new URL(s.orgUrl).origin;
      if (pending.kind === 'create') {
        const made = await s.yubikey.register(pending.options as never, origin);
        return made.ok ? s.auth.webauthnActivate(made.value.response) : made;
      }
      const signed = await s.yubikey.sign(pending.options as never, origin);
      if (!signed.ok) return signed;
      const id = factorId ?? s.auth.view().factor?.id;
      return id ? s.auth.webauthnVerify(id, signed.value.response) : fail('E_AUTH_NOT_ALLOWED');
    },
    'yubikey.plugged': async () => ok({ models: (s.pluggedKeys?.() ?? []).slice(0, 8) }),
    'yubikey.submitPin': async ({ pin }) => ok({ accepted: s.answerPin?.(pin) ?? false }),
  };
}
