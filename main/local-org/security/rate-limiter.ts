/**
 * Fixed-window rate limits in memory (per IP, per username), answering like Okta: 429 E0000047 with
 * `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (UTC epoch seconds)
 * (https://developer.okta.com/docs/reference/rl-best-practices/). Counters are not persisted: a
 * restart forgiving a minute of counts is harmless, whereas lockout counts live in the database.
 * The table holds at most MAX_KEYS counters; beyond, the least recently used go (a Map keeps insertion
 * order, and each hit re-inserts its key), so a flood of new usernames cannot wipe a busy counter.
 */
import type { Clock } from '../../core/clock.ts';
import { OktaFailure } from '../http/okta-error.ts';

export interface RateLimiter {
  /** Count one hit on `key`; throws 429 E0000047 when over `limit` per minute. Returns the headers to send. */
  hit(key: string, limit: number): Record<string, string>;
  /** Counters held (tests). */
  size(): number;
}

const WINDOW_MS = 60_000;
export const MAX_KEYS = 10_000;

export function createRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, limit) {
      const now = clock.nowMs();
      const start = now - (now % WINDOW_MS);
      let window = windows.get(key);
      windows.delete(key);
      if (!window || window.start !== start) window = { start, count: 0 };
      windows.set(key, window);
      for (const oldest of windows.keys()) {
        if (windows.size <= MAX_KEYS) break;
        windows.delete(oldest);
      }
      window.count += 1;
      const headers = {
        'X-Rate-Limit-Limit': String(limit),
        'X-Rate-Limit-Remaining': String(Math.max(0, limit - window.count)),
        'X-Rate-Limit-Reset': String(Math.ceil((start + WINDOW_MS) / 1000)),
      };
      if (window.count > limit) throw new OktaFailure('E0000047', [], headers);
      return headers;
    },
    size: () => windows.size,
  };
}
