/** App identity and the technician's language. */
import type { Handlers } from '../core/dispatch.ts';
import { fail, ok } from '../core/result.ts';
import type { HandlerServices } from './services.ts';

export function appHandlers(s: HandlerServices): Pick<Handlers, 'app.info' | 'settings.setLanguage'> {
  return {
    'app.info': async () => ok(s.info()),
    'settings.setLanguage': async ({ language }) => {
      if (s.language.locked) return fail('E_SETTINGS_LOCKED');
      s.settings.update({ language });
      return ok(s.info());
    },
  };
}
