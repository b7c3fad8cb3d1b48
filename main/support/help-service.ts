/**
 * The client side of "Need help signing in? → Help → Request Help": sends the request to the org's support
 * desk and returns the reference to read to support; when the desk does not take it now the request is
 * queued and `flush()` sends it later (called at start-up, on a timer, and after any successful org call).
 *
 * Only the desk's own refusal is final: an Okta error object (`errorCode` E0000…, the shape the desk answers
 * with, Okta error-codes reference) with a 4xx status. Everything else is the network's doing and is
 * retried with backoff: no connection, a time-out, a 5xx, a captive portal's 200 HTML page, a proxy's 407,
 * a 404 from a misconfigured desk URL, a rate limit. A technician told "queued" must never lose the request.
 */
import { z } from 'zod';
import type { HelpReceiptView } from '../../preload/contract.ts';
import type { FetchLike, HttpDeps } from '../auth/authn-http.ts';
import { requestJson } from '../auth/authn-http.ts';
import type { AppError } from '../core/errors.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Logger } from '../core/redact.ts';
import type { HelpOutbox, OutboxCounts, QueuedHelpRequest } from './help-outbox.ts';

const Receipt = z.looseObject({ reference: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{3,12}$/) });
const HttpCause = z.looseObject({ status: z.number().int() });

/** Waits between attempts after consecutive failures: 30 s doubling up to 15 min (a portal can last hours). */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 15 * 60_000;

export interface HelpServiceDeps extends HttpDeps {
  /** The support desk that takes help requests (the local org's, or the one the installer configured). */
  readonly supportUrl: string;
  readonly fetch: FetchLike;
  readonly outbox: HelpOutbox;
  readonly log: Logger;
}

/**
 * The desk read the request and refused it (400 E0000001 validation, 403…): sending it again changes
 * nothing. 404 (E0000007: no such endpoint), 408 and 429 (E0000047) say nothing about the request itself.
 */
export function refusedForGood(error: AppError): boolean {
  if (error.oktaCode === undefined || error.oktaCode === 'E0000007' || error.oktaCode === 'E0000047') return false;
  const status = HttpCause.safeParse(error.cause).data?.status;
  return status !== undefined && status >= 400 && status < 500 && ![404, 407, 408, 429].includes(status);
}

function httpStatus(error: AppError): number | undefined {
  return HttpCause.safeParse(error.cause).data?.status;
}

export function createHelpService(deps: HelpServiceDeps) {
  const endpoint = new URL('/api/v1/support/requests', deps.supportUrl).toString();
  let flushing: Promise<number> | undefined;
  let failures = 0;
  let nextAttemptMs = 0;
  let reportedUnreadable = '';
  // Sent, but the queue file could not be removed (read-only disk): not sent again while the app runs.
  const sentNotRemoved = new Set<string>();

  function post(body: Record<string, unknown>) {
    return requestJson(deps, 'POST', endpoint, body, Receipt);
  }

  function retryLater(error: AppError): void {
    failures += 1;
    const waitMs = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
    nextAttemptMs = deps.clock.nowMs() + waitMs;
    deps.log.info('support.retry-later', { code: error.code, status: httpStatus(error), waitSeconds: waitMs / 1000 });
  }

  async function shelve(entry: QueuedHelpRequest, error: AppError): Promise<void> {
    deps.log.warn('support.refused', { code: error.code, oktaCode: error.oktaCode, file: `${entry.queuedAtMs}-${entry.id}.json` });
    try {
      await deps.outbox.setAside(entry);
    } catch (cause: unknown) {
      // Left in the queue: it will be refused again later, which loses nothing.
      deps.log.error('support.set-aside-failed', { error: cause });
    }
  }

  async function sendQueued(): Promise<number> {
    const { entries, unreadable } = await deps.outbox.scan();
    const names = unreadable.map((file) => `${file.name}:${file.reason}`).join(',');
    if (names !== reportedUnreadable) {
      reportedUnreadable = names;
      if (unreadable.length > 0) deps.log.warn('support.outbox-unreadable', { count: unreadable.length, files: names });
    }
    if (entries.length > 0 && !(await deps.outbox.canRemove())) {
      // A read-only data folder: a request sent now could not be taken off the queue and would be sent
      // again after a restart. It waits, safe on disk, until the folder is writable again.
      retryLater({ code: 'E_SUPPORT_FAILED', cause: 'outbox folder is read-only' });
      return 0;
    }
    let sent = 0;
    for (const entry of entries) {
      if (sentNotRemoved.has(entry.id)) continue;
      const response = await post(entry.body);
      if (response.ok) {
        sent += 1;
        deps.log.info('support.sent', { reference: response.value.reference });
        try {
          await deps.outbox.remove(entry);
        } catch (error: unknown) {
          sentNotRemoved.add(entry.id);
          deps.log.error('support.remove-failed', { error });
        }
      } else if (refusedForGood(response.error)) {
        await shelve(entry, response.error);
      } else {
        retryLater(response.error);
        return sent;
      }
    }
    failures = 0;
    nextAttemptMs = 0;
    return sent;
  }

  return {
    async send(body: Record<string, unknown>): Promise<Result<HelpReceiptView>> {
      const response = await post(body);
      if (response.ok) {
        await deps.outbox.clearDraft().catch((error: unknown) => deps.log.warn('support.draft-clear-failed', { error }));
        return ok({ reference: response.value.reference, queued: false });
      }
      if (refusedForGood(response.error)) return { ok: false, error: { ...response.error, code: 'E_SUPPORT_INVALID' } };
      try {
        await deps.outbox.enqueue(body, deps.clock.nowMs());
      } catch (error: unknown) {
        // Neither sent nor saved (full or read-only disk): the screen keeps the text and says so.
        deps.log.error('support.not-saved', { error });
        return fail('E_SUPPORT_NOT_SAVED', { cause: response.error.code });
      }
      if (failures === 0) retryLater(response.error);
      await deps.outbox.clearDraft().catch((error: unknown) => deps.log.warn('support.draft-clear-failed', { error }));
      deps.log.info('support.queued', { code: response.error.code, status: httpStatus(response.error) });
      return ok({ queued: true });
    },

    /**
     * Sends what waits in the outbox, oldest first, unless the last failure's backoff has not run out; stops
     * at the first failure that is not a refusal. Returns how many were sent.
     */
    flush(): Promise<number> {
      if (deps.clock.nowMs() < nextAttemptMs) return Promise.resolve(0);
      flushing ??= sendQueued().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },

    /** What the outbox holds, for the help request's diagnostics and the help page. */
    status: (): Promise<OutboxCounts> => deps.outbox.counts(),
  };
}

export type HelpService = ReturnType<typeof createHelpService>;
