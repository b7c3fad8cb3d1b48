/**
 * The client side of "Need help signing in? → Help → Request Help": sends the request to the org's support
 * desk and returns the reference to read to support; when the org cannot be reached the request is queued
 * and `flush()` sends it later (called at start-up, on a timer, and after any successful org call).
 */
import { z } from 'zod';
import type { HelpReceiptView } from '../../preload/contract.ts';
import type { FetchLike, HttpDeps } from '../auth/authn-http.ts';
import { requestJson } from '../auth/authn-http.ts';
import { ok, type Result } from '../core/result.ts';
import type { Logger } from '../core/redact.ts';
import type { HelpOutbox } from './help-outbox.ts';

const Receipt = z.looseObject({ reference: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{3,12}$/) });

export interface HelpServiceDeps extends HttpDeps {
  /** The support desk that takes help requests (the local org's, or the one the installer configured). */
  readonly supportUrl: string;
  readonly fetch: FetchLike;
  readonly outbox: HelpOutbox;
  readonly log: Logger;
}

export function createHelpService(deps: HelpServiceDeps) {
  const endpoint = new URL('/api/v1/support/requests', deps.supportUrl).toString();
  let flushing: Promise<number> | undefined;

  async function post(body: Record<string, unknown>) {
    return requestJson(deps, 'POST', endpoint, body, Receipt);
  }

  /**
   * Network trouble, and a desk that is not there (404: a misconfigured support URL), queue the request:
   * it is kept and retried, never lost. A refusal of the request itself (400) goes back to the screen.
   */
  function isOffline(error: { code: string; oktaCode?: string }): boolean {
    return ['E_NET_UNREACHABLE', 'E_NET_TIMEOUT', 'E_NET_SERVER_ERROR', 'E_NET_RATE_LIMITED'].includes(error.code) || error.oktaCode === 'E0000007';
  }

  return {
    async send(body: Record<string, unknown>): Promise<Result<HelpReceiptView>> {
      const response = await post(body);
      if (response.ok) {
        await deps.outbox.clearDraft();
        return ok({ reference: response.value.reference, queued: false });
      }
      if (!isOffline(response.error)) return { ok: false, error: { ...response.error, code: 'E_SUPPORT_INVALID' } };
      await deps.outbox.enqueue(body, deps.clock.nowMs());
      await deps.outbox.clearDraft();
      deps.log.info('support.queued', {});
      return ok({ queued: true });
    },

    /** Sends what waits in the outbox, oldest first; stops at the first network failure. Returns how many were sent. */
    flush(): Promise<number> {
      flushing ??= (async () => {
        let sent = 0;
        for (const entry of await deps.outbox.pending()) {
          const response = await post(entry.body);
          if (!response.ok && isOffline(response.error)) break;
          if (response.ok) {
            await deps.outbox.remove(entry);
            sent += 1;
          } else {
            // Refused for good: the org's answer will not change, so it is kept aside, not retried.
            await deps.outbox.setAside(entry);
            deps.log.warn('support.refused', { code: response.error.code });
          }
        }
        return sent;
      })().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
  };
}

export type HelpService = ReturnType<typeof createHelpService>;
