/**
 * Wraps every handler with what applies to all of them: a broken machine policy refuses every call to the
 * org (the page still learns the state, to show why); the installer's factor list trims what the org offers;
 * the last error a screen showed is kept for the help request's diagnostics; any success from the org is a
 * sign it answers again, so queued help requests go out.
 */
import type { Handlers } from '../core/dispatch.ts';
import type { Result } from '../core/result.ts';
import { restrictFactors } from '../settings/factor-policy.ts';
import type { HandlerServices } from './services.ts';

const REACHES_THE_ORG = (name: string) => (name.startsWith('auth.') || name.startsWith('launch.')) && name !== 'auth.state';

export function gateHandlers(handlers: Handlers, s: Pick<HandlerServices, 'policy' | 'policyError' | 'lastError' | 'help'>): Handlers {
  const gated = Object.entries(handlers).map(([name, handler]) => [
    name,
    async (request: never): Promise<Result<unknown>> => {
      if (s.policyError && REACHES_THE_ORG(name)) return { ok: false, error: s.policyError };
      const raw = await (handler as (request: never) => Promise<Result<unknown>>)(request);
      const result = name.startsWith('auth.') ? restrictFactors(raw as never, s.policy.allowedFactors) : raw;
      if (!result.ok) s.lastError.set(result.error.code);
      else if (name.startsWith('auth.')) void s.help.flush();
      return result;
    },
  ]);
  return Object.fromEntries(gated) as unknown as Handlers;
}
