/** Need help signing in: the draft, diagnostics, the self-test and the help request itself. */
import { HelpDraft } from '../../preload/contract.ts';
import type { Handlers } from '../core/dispatch.ts';
import { ok } from '../core/result.ts';
import { helpRequestBody } from '../support/help-request-body.ts';
import type { HandlerServices } from './services.ts';

type SupportChannels = 'support.loadDraft' | 'support.saveDraft' | 'support.diagnostics' | 'support.selfTest' | 'support.requestHelp';

export function supportHandlers(s: HandlerServices): Pick<Handlers, SupportChannels> {
  return {
    'support.loadDraft': async () => {
      const parsed = HelpDraft.safeParse(await s.outbox.loadDraft());
      return ok(parsed.success ? parsed.data : null);
    },
    'support.saveDraft': async (draft) => {
      await s.outbox.saveDraft(draft);
      return ok({ saved: true });
    },
    'support.diagnostics': async ({ screenId }) => ok(await s.diagnostics(screenId)),
    'support.selfTest': async () => ok(await s.selfTest()),
    'support.requestHelp': async ({ includeDiagnostics, screenId, ...request }) => {
      const diagnostics = includeDiagnostics ? await s.diagnostics(screenId) : undefined;
      return s.help.send(helpRequestBody({ ...request, locale: s.language.get(), ...(diagnostics ? { diagnostics } : {}) }));
    },
  };
}
